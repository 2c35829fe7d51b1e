"""The join code, the tokens it buys, and the limit on guessing it.

A meeting gets a 6-digit code. Entering it sets an HttpOnly, SameSite=Strict
cookie holding a random token. The code and the tokens (with the identity
each is bound to) are remembered next to the session (storage/phones.py, 0600),
so a restart of `serve` or of the app logs nobody out; only a new code
(`serve --new-code`) ends every token.

Guessing is limited twice. Per client address (a few wrong codes a minute),
and for the whole server: past `limit` wrong codes in `window` seconds, from
whatever addresses, every further login waits, and each further wrong code
doubles the wait (up to `max_delay`). Many addresses on one LAN (or one
laptop with 200 loopback addresses) therefore guess no faster than one: about
two guesses a minute, so a million codes take far longer than a meeting.
While the server-wide wait runs, even the right code waits (a guesser must
not learn which try was right); the facilitator is told someone is guessing.

Tokens are capped per login source (the client address): a holder of the
code who logs in over and over only ends its own oldest tokens, never another
phone's. When the whole table is full, new logins are refused, not others
evicted.
"""

from __future__ import annotations

import logging
import secrets
import time
from collections import OrderedDict, deque
from dataclasses import dataclass
from typing import Callable

COOKIE = "fac_token"
CODE_DIGITS = 6
MAX_TOKENS = 2000  # a meeting has at most ~40 people; this bounds memory, not use
TOKENS_PER_SOURCE = 64  # a laptop with many browsers; a holder can only ever end its own


def new_code() -> str:
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def check_code(given: str, code: str) -> bool:
    given = "".join(ch for ch in given if not ch.isspace())
    return secrets.compare_digest(given.encode("utf-8", "replace"), code.encode())


@dataclass
class Visitor:
    """One browser that entered the code; bound once to a roster entry of one group.

    The identity (participant id + practice group) is chosen from the group's
    roster after the code and then fixed for the life of the token: changing it
    means entering the code again, which ends this token.
    """

    token: str
    participant: str | None = None
    group: str | None = None
    name: str | None = None  # the roster name at join time, for messages only
    source: str = "?"  # the client address that logged in
    role: str = "practice"  # "practice": a practice group's member; "scribe": a dialogue group's scribe


class TokensFull(Exception):
    """Every slot is taken by other holders: refuse the login, evict nobody."""


class Tokens:
    def __init__(self, max_tokens: int = MAX_TOKENS, per_source: int = TOKENS_PER_SOURCE) -> None:
        self.max_tokens = max_tokens
        self.per_source = per_source
        self._by_token: OrderedDict[str, Visitor] = OrderedDict()
        self._by_source: dict[str, OrderedDict[str, None]] = {}

    def issue(self, source: str = "?") -> Visitor:
        mine = self._by_source.get(source)
        # Only this source's own oldest token may make room for its new one.
        while mine and len(mine) >= self.per_source:
            self.end(next(iter(mine)))
            mine = self._by_source.get(source)
        if len(self._by_token) >= self.max_tokens:
            raise TokensFull()
        visitor = Visitor(secrets.token_urlsafe(24), source=source)
        self._by_token[visitor.token] = visitor
        self._by_source.setdefault(source, OrderedDict())[visitor.token] = None
        return visitor

    def get(self, token: str | None) -> Visitor | None:
        if not token:
            return None
        return self._by_token.get(token)

    def end(self, token: str | None) -> None:
        if not token:
            return
        visitor = self._by_token.pop(token, None)
        if visitor is None:
            return
        mine = self._by_source.get(visitor.source)
        if mine is not None:
            mine.pop(token, None)
            if not mine:
                del self._by_source[visitor.source]

    def snapshot(self) -> list[dict[str, str]]:
        """Every live token and its identity, oldest first (to remember across a restart)."""
        return [{k: v for k, v in (("token", x.token), ("participant", x.participant), ("group", x.group),
                                   ("name", x.name), ("source", x.source),
                                   ("role", x.role if x.role != "practice" else None)) if v is not None}
                for x in self._by_token.values()]

    def restore(self, rows: list) -> None:
        """Tokens remembered from an earlier run; malformed rows are skipped."""
        for row in rows[: self.max_tokens]:
            if not isinstance(row, dict):
                continue
            token = row.get("token")
            if not isinstance(token, str) or not 20 <= len(token) <= 64 or token in self._by_token:
                continue
            text = {k: (row.get(k) if isinstance(row.get(k), str) else None)
                    for k in ("participant", "group", "name")}
            if (text["participant"] is None) != (text["group"] is None):
                text["participant"] = text["group"] = None
            source = row.get("source") if isinstance(row.get("source"), str) else "?"
            role = "scribe" if row.get("role") == "scribe" else "practice"
            visitor = Visitor(token, text["participant"], text["group"], text["name"], source, role)
            self._by_token[token] = visitor
            self._by_source.setdefault(source, OrderedDict())[token] = None

    def holding(self, participant: str) -> int:
        """How many live tokens are bound to this participant (more than one is worth a look)."""
        return sum(1 for v in self._by_token.values() if v.participant == participant)

    def __len__(self) -> int:
        return len(self._by_token)


class Throttle:
    """Wrong codes: `per_client` per `window` per address, and `limit` per `window` server-wide.

    Past the server-wide limit each further wrong code doubles a wait that
    holds every login (from `base_delay` up to `max_delay` seconds); the
    episode ends when a whole window passes without a wrong code.
    `on_alert(info)` is called once when an episode starts and then at most
    once per window while it lasts, so the facilitator hears of it.
    """

    def __init__(self, limit: int = 30, window: float = 60.0, clock: Callable[[], float] = time.monotonic,
                 max_clients: int = 4096, per_client: int = 5, base_delay: float = 1.0,
                 max_delay: float = 30.0, on_alert: Callable[[dict], None] | None = None):
        self.limit = limit
        self.window = window
        self.clock = clock
        self.max_clients = max_clients
        self.per_client = per_client
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.on_alert = on_alert
        self._fails: OrderedDict[str, list[float]] = OrderedDict()
        self._all: deque[tuple[float, str]] = deque()
        self._streak = 0  # wrong codes past the limit in this episode
        self._until = 0.0  # server-wide wait ends here
        self._alerted = -1e18
        self.total = 0  # wrong codes since start, for the facilitator's line

    def _prune(self) -> None:
        now = self.clock()
        while self._all and now - self._all[0][0] >= self.window:
            self._all.popleft()
        if not self._all and now >= self._until:
            self._streak = 0

    def _recent(self, who: str) -> list[float]:
        now = self.clock()
        fails = [t for t in self._fails.get(who, []) if now - t < self.window]
        if fails:
            self._fails[who] = fails
        else:
            self._fails.pop(who, None)
        return fails

    def blocked_for(self, who: str) -> int:
        """Seconds until `who` may try a code; 0 when allowed."""
        self._prune()
        now = self.clock()
        wait = self._until - now if self._until > now else 0.0
        fails = self._recent(who)
        if len(fails) >= self.per_client:
            wait = max(wait, self.window - (now - fails[-self.per_client]))
        return max(1, int(wait + 0.999)) if wait > 0 else 0

    def fail(self, who: str) -> None:
        self._prune()
        now = self.clock()
        self.total += 1
        self._recent(who)
        self._fails.setdefault(who, []).append(now)
        self._fails.move_to_end(who)
        if len(self._fails) > self.max_clients:
            # Forget the oldest addresses; the server-wide limit still counts their guesses.
            for key in list(self._fails)[: len(self._fails) - self.max_clients]:
                del self._fails[key]
        self._all.append((now, who))
        if len(self._all) > self.limit * 4:
            self._all.popleft()  # bounded; the window count saturates past the limit anyway
        if len(self._all) >= self.limit:
            self._streak += 1
            delay = min(self.base_delay * 2 ** min(self._streak - 1, 30), self.max_delay)
            self._until = max(self._until, now + delay)
            if self.on_alert and now - self._alerted >= self.window:
                self._alerted = now
                try:
                    self.on_alert({"kind": "guessing", "wrong": len(self._all),
                                   "addresses": len({w for _, w in self._all}), "total": self.total})
                except Exception:  # a listener's bug must not open the gate
                    logging.getLogger("facilitator.web").exception("guessing alert listener failed")

    @property
    def guessing(self) -> bool:
        self._prune()
        return self._streak > 0

    def reset(self, who: str) -> None:
        """The right code from `who`: its own count starts over (the server-wide one does not)."""
        self._fails.pop(who, None)

    def clear(self) -> None:
        """Forget everything (tests, or a facilitator who drew a new code)."""
        self._fails.clear()
        self._all.clear()
        self._streak, self._until = 0, 0.0
