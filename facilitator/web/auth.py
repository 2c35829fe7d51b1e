"""The join code, the tokens it buys, and the limit on guessing it.

A serve run draws a fresh 6-digit code. Entering it sets an HttpOnly,
SameSite=Strict cookie holding a random token that lives only in this
process's memory: restarting `serve` logs everyone out, as does a new code.
Wrong guesses are limited per client address, so a 6-digit code cannot be
brute-forced over the LAN during a meeting.
"""

from __future__ import annotations

import secrets
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Callable

COOKIE = "fac_token"
CODE_DIGITS = 6
MAX_TOKENS = 2000  # a meeting has at most ~40 people; this bounds memory, not use


def new_code() -> str:
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def check_code(given: str, code: str) -> bool:
    given = "".join(ch for ch in given if not ch.isspace())
    return secrets.compare_digest(given.encode(), code.encode())


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
    # Idempotency keys of entries this visitor sent -> observation id, so a
    # phone that resends after a lost answer never doubles an entry.
    sent: dict[str, str] = field(default_factory=dict)


class Tokens:
    def __init__(self) -> None:
        self._by_token: OrderedDict[str, Visitor] = OrderedDict()

    def issue(self) -> Visitor:
        visitor = Visitor(secrets.token_urlsafe(24))
        self._by_token[visitor.token] = visitor
        while len(self._by_token) > MAX_TOKENS:
            self._by_token.popitem(last=False)
        return visitor

    def get(self, token: str | None) -> Visitor | None:
        if not token:
            return None
        return self._by_token.get(token)

    def end(self, token: str | None) -> None:
        if token:
            self._by_token.pop(token, None)

    def holding(self, participant: str) -> int:
        """How many live tokens are bound to this participant (more than one is worth a look)."""
        return sum(1 for v in self._by_token.values() if v.participant == participant)

    def __len__(self) -> int:
        return len(self._by_token)


class Throttle:
    """At most `limit` wrong codes per `window` seconds per client address."""

    def __init__(self, limit: int = 5, window: float = 60.0, clock: Callable[[], float] = time.monotonic,
                 max_clients: int = 4096):
        self.limit = limit
        self.window = window
        self.clock = clock
        self.max_clients = max_clients
        self._fails: OrderedDict[str, list[float]] = OrderedDict()

    def _recent(self, who: str) -> list[float]:
        now = self.clock()
        fails = [t for t in self._fails.get(who, []) if now - t < self.window]
        if fails:
            self._fails[who] = fails
        else:
            self._fails.pop(who, None)
        return fails

    def blocked_for(self, who: str) -> int:
        """Seconds until `who` may guess again; 0 when allowed."""
        fails = self._recent(who)
        if len(fails) < self.limit:
            return 0
        return max(1, int(self.window - (self.clock() - fails[-self.limit]) + 0.999))

    def fail(self, who: str) -> None:
        self._recent(who)
        self._fails.setdefault(who, []).append(self.clock())
        self._fails.move_to_end(who)
        while len(self._fails) > self.max_clients:
            self._fails.popitem(last=False)

    def reset(self, who: str) -> None:
        self._fails.pop(who, None)
