"""What one running server knows: the session's service, the join code, the phones' tokens.

The request handlers (api.py) and the app (app.py) read it from the aiohttp app
under STATE; every storage call goes through its single worker thread (``call``).
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
from dataclasses import dataclass, field
from typing import Any, Callable

from aiohttp import web

from facilitator.core.cards import Deck
from facilitator.services import content
from facilitator.services.session import SessionService
from facilitator.web.auth import Throttle, Tokens
from facilitator.web.guard import BODY_TIMEOUT, Guard

log = logging.getLogger("facilitator.web")
client_log = logging.getLogger("facilitator.web.client")

STATE: web.AppKey[Any] = web.AppKey("state")
MAX_BODY = 32 * 1024


@dataclass
class WebState:
    service: SessionService
    code: str
    lang: str = "nl"
    auto_refresh: bool = True
    on_change: Callable[[dict[str, Any]], None] | None = None
    tokens: Tokens = field(default_factory=Tokens)
    throttle: Throttle = field(default_factory=Throttle)
    max_body: int = MAX_BODY
    body_timeout: float = BODY_TIMEOUT
    # Host names (besides localhost and the address a request came in on) that
    # pages may be asked for by: the address we announced.
    hosts: set[str] = field(default_factory=set)
    guard: Guard | None = None
    # Keep the phones (code + tokens) beside the session, so a restart logs nobody out; False: memory only.
    remember: bool = False
    _pool: "queue.SimpleQueue | None" = None  # the worker's queue of calls
    _worker: threading.Thread | None = None
    _jobs_lock: threading.Lock = field(default_factory=threading.Lock)
    _decks: dict[str, Deck] | None = None
    _templates: dict[str, Any] = field(default_factory=dict)

    @property
    def session(self):
        return self.service.session

    def refresh(self) -> None:
        # Only when we own the service: in the TUI the app polls refresh() itself
        # and must see what other processes changed (we would swallow it).
        if self.auto_refresh:
            self.service.refresh()

    async def save_entry(self, save: Callable[[], tuple[int, Any, dict[str, Any] | None]]) -> tuple[int, Any]:
        """A phone's new entry: `save` runs on the worker and returns (201 new | 200 known, body, event).

        The answer waits for the group commit: a new entry is acknowledged only once its
        batch reached the disk, a known one only once nothing is pending; otherwise 503
        (kept in memory, retried). The event goes to the listeners (the TUI) on the loop.
        """

        def acknowledged(result):
            status, body, event = result
            if not self.service.saved and (status == 201 or not self.service.flush()):
                log.warning("not saved yet: %s", self.service.last_error)
                return 503, body, event
            return result

        status, body, event = await self.call(save, after=acknowledged)
        if event is not None:
            self.changed(event)
        return status, body

    async def call(self, fn: Callable[..., Any], *args: Any, after: Callable[[Any], Any] | None = None) -> Any:
        """Run `fn` (anything touching the service) on this server's one worker thread.

        Group commit: the worker takes every call queued meanwhile and runs them
        in one ``service.batch()``, so their saves share ONE fsync. A call's
        result is handed back only after that batch ended (was written, or
        refused); `after(result)` then runs on the worker to decide what to
        answer (``service.saved`` is the truth by then).
        """
        loop = asyncio.get_running_loop()
        fut = loop.create_future()
        with self._jobs_lock:
            if self._pool is None:
                self._pool = queue.SimpleQueue()
                self._worker = threading.Thread(target=self._work, args=(self._pool,),
                                                name="facilitator-web", daemon=True)
                self._worker.start()
            self._pool.put((fn, args, after, fut, loop))
        return await fut

    def _work(self, jobs: "queue.SimpleQueue") -> None:
        while True:
            batch = [jobs.get()]
            while batch[-1] is not None:  # drain what queued up during the last fsync
                try:
                    batch.append(jobs.get_nowait())
                except queue.Empty:
                    break
            stop = batch[-1] is None
            batch = [job for job in batch if job is not None]
            results: list[tuple[bool, Any]] = []
            try:
                with self.service.batch():
                    for fn, args, _after, _fut, _loop in batch:
                        try:
                            results.append((True, fn(*args)))
                        except BaseException as exc:  # handed to the waiting request
                            results.append((False, exc))
            except Exception:  # never leave a request waiting: `after` sees "not saved"
                log.exception("saving a batch failed")
            for (_fn, _args, after, fut, loop), (ok, value) in zip(batch, results):
                if ok and after is not None:
                    try:
                        value = after(value)
                    except BaseException as exc:
                        ok, value = False, exc
                try:
                    loop.call_soon_threadsafe(_settle, fut, ok, value)
                except RuntimeError:
                    pass  # the loop is closed: nobody is waiting any more
            if stop:
                return

    def shutdown(self) -> None:
        """Let queued saves finish, then end the worker thread."""
        with self._jobs_lock:
            jobs, self._pool = self._pool, None
            worker, self._worker = self._worker, None
        if jobs is not None:
            jobs.put(None)
        if worker is not None and worker is not threading.current_thread():
            worker.join()

    def remembered(self) -> dict[str, Any]:
        return {"version": 1, "code": self.code, "tokens": self.tokens.snapshot()}

    async def persist(self) -> None:
        """Write the code and the tokens next to the session (on the worker: it fsyncs)."""
        if not self.remember:
            return
        data = self.remembered()

        def write() -> None:
            try:
                self.service.remember_phones(data)
            except Exception as exc:  # a join must not fail because the file could not be written
                log.warning("could not remember the phones: %s", exc)

        await self.call(write)

    def deck(self, name: str) -> Deck | None:
        if self._decks is None:
            self._decks = dict(content.load_decks().decks)
        return self._decks.get(name)

    def template(self):
        name = self.session.agenda
        if name not in self._templates:
            self._templates[name] = content.template_or_none(name)  # None: titles only
        return self._templates[name]

    def changed(self, event: dict[str, Any]) -> None:
        if self.on_change is None:
            return
        try:
            self.on_change(event)
        except Exception:  # a listener's bug must not turn a saved entry into an error
            log.exception("on_change listener failed")


def _settle(fut: asyncio.Future, ok: bool, value: Any) -> None:
    if fut.cancelled():
        return
    if ok:
        fut.set_result(value)
    else:
        fut.set_exception(value)
