"""Connections: how many may be open, and how long a request may take to arrive.

aiohttp has no limit on either, so a hostile client could hold sockets with
half-sent headers or bodies until the process runs out of descriptors. The
guard wraps aiohttp's per-connection protocol:

* a request's headers must be complete within `header_timeout` seconds of its
  first byte (or of the connection, if nothing comes); a request body must be
  read within `body_timeout` (see api.read_json, which asks `cut()` when late);
  late connections are closed;
* at most `per_address` connections from one address: past that a new one
  is refused with a short 503 text (and closed);
* at most `max_connections` in all: a new connection past the cap first
  closes the oldest connection that is not serving a joined visitor's
  request (an idle or slow stranger); only if every one is a joined
  visitor's live request is it refused with the 503 text. So a flood of
  strangers from many addresses never locks out a phone that joined.

The cap is kept well below the process's descriptor limit, so the store can
always open its files.
"""

from __future__ import annotations

import asyncio
import logging
import resource
from collections import OrderedDict
from typing import Any

log = logging.getLogger("facilitator.web.client")

HEADER_TIMEOUT = 10.0
BODY_TIMEOUT = 10.0
MAX_CONNECTIONS = 256
PER_ADDRESS = 64

REFUSAL = (
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
    b"Retry-After: 5\r\nConnection: close\r\nContent-Length: 47\r\n\r\n"
    b"Busy: too many connections. Try again shortly.\n"
)
assert len(REFUSAL.split(b"\r\n\r\n", 1)[1]) == 47


def default_cap() -> int:
    try:
        soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    except (OSError, ValueError):
        return MAX_CONNECTIONS
    if soft == resource.RLIM_INFINITY or soft <= 0:
        return MAX_CONNECTIONS
    return max(8, min(MAX_CONNECTIONS, soft // 2 - 32))


class Conn(asyncio.Protocol):
    """One client connection: aiohttp's handler inside, our deadlines around it."""

    def __init__(self, guard: "Guard", inner: Any) -> None:
        self.guard = guard
        self.inner = inner
        self.transport: asyncio.Transport | None = None
        self.address = "?"
        self.refused = False
        self.busy = False  # a request is being handled
        self.joined = False  # ... and it carries a live visitor's token
        self._timer: asyncio.TimerHandle | None = None

    # -- deadlines ---------------------------------------------------------
    def _arm(self, seconds: float, why: str) -> None:
        self._disarm()
        self._timer = self.guard.loop.call_later(seconds, self.cut, why)

    def _disarm(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def cut(self, why: str) -> None:
        self._disarm()
        if self.transport is not None and not self.transport.is_closing():
            log.info("closed %s: %s", self.address, why)
            self.transport.abort()

    def request_started(self, joined: bool) -> None:
        self._disarm()
        self.busy, self.joined = True, joined

    def request_done(self) -> None:
        self.busy = self.joined = False

    # -- asyncio.Protocol ------------------------------------------------------
    def connection_made(self, transport) -> None:  # type: ignore[override]
        self.transport = transport
        peer = transport.get_extra_info("peername")
        self.address = peer[0] if isinstance(peer, tuple) and peer else "?"
        if not self.guard.admit(self):
            self.refused = True
            log.info("refused %s: too many connections", self.address)
            try:
                transport.write(REFUSAL)
            finally:
                transport.close()
            return
        self._arm(self.guard.header_timeout, "no request in time")
        self.inner.connection_made(transport)

    def data_received(self, data: bytes) -> None:
        if self.refused:
            return
        if not self.busy and self._timer is None:
            # The first byte of a new request: its headers must follow in time.
            self._arm(self.guard.header_timeout, "headers too slow")
        self.inner.data_received(data)

    def eof_received(self):
        if self.refused:
            return None
        return self.inner.eof_received()

    def connection_lost(self, exc) -> None:
        self._disarm()
        self.guard.release(self)
        if not self.refused:
            self.inner.connection_lost(exc)

    def pause_writing(self) -> None:
        if not self.refused:
            self.inner.pause_writing()

    def resume_writing(self) -> None:
        if not self.refused:
            self.inner.resume_writing()


class Guard:
    def __init__(self, factory, loop: asyncio.AbstractEventLoop | None = None, *,
                 max_connections: int | None = None, per_address: int = PER_ADDRESS,
                 header_timeout: float = HEADER_TIMEOUT, body_timeout: float = BODY_TIMEOUT) -> None:
        self.factory = factory
        self.loop = loop or asyncio.get_running_loop()
        self.max_connections = max_connections or default_cap()
        self.per_address = per_address
        self.header_timeout = header_timeout
        self.body_timeout = body_timeout
        self.open: OrderedDict[Conn, None] = OrderedDict()  # oldest first
        self._by_transport: dict[Any, Conn] = {}
        self._per_address: dict[str, int] = {}
        self.refused = 0

    def __call__(self) -> Conn:
        return Conn(self, self.factory())

    def admit(self, conn: Conn) -> bool:
        if self._per_address.get(conn.address, 0) >= self.per_address:
            self.refused += 1  # one address competes only with itself: refused, nobody evicted
            return False
        if len(self.open) >= self.max_connections and not self._evict():
            self.refused += 1
            return False
        self.open[conn] = None
        self._by_transport[conn.transport] = conn
        self._per_address[conn.address] = self._per_address.get(conn.address, 0) + 1
        return True

    def _evict(self) -> bool:
        """Close the oldest connection that is no joined visitor's live request (idle ones first)."""
        for idle_first in (True, False):
            for old in self.open:
                if not old.joined and (old.busy is not idle_first):
                    old.cut("make room for a new connection")
                    self.release(old)
                    return True
        return False

    def release(self, conn: Conn) -> None:
        if self.open.pop(conn, 0) is None:
            self._by_transport.pop(conn.transport, None)
            n = self._per_address.get(conn.address, 0) - 1
            if n > 0:
                self._per_address[conn.address] = n
            else:
                self._per_address.pop(conn.address, None)

    def conn_of(self, transport) -> Conn | None:
        return self._by_transport.get(transport)

    def close_all(self) -> None:
        for conn in list(self.open):
            conn._disarm()
