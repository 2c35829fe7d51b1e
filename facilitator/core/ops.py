"""Changes to a session as small, replayable operations.

Every change the app makes is one operation: a JSON-able dict. The store
journals it (fsynced) and then ``apply`` folds it into the in-memory session;
replaying the journal after a crash runs exactly the same code. Operations are
tolerant by design so that two processes can interleave: adding an id that
exists is a no-op, updating or deleting an id that has gone is a no-op.

Shapes::

    {"op": "set", "fields": {...}}                     # top-level session fields
    {"op": "add", "coll": PATH, "item": {...}}         # append (or insert at "index")
    {"op": "update", "coll": PATH, "id": ID, "fields": {...}}
    {"op": "delete", "coll": PATH, "id": ID}
    {"op": "move", "coll": PATH, "id": ID, "index": N}

PATH names a list of items with ids: ``"notes"`` or a nested list such as
``"rounds/<round id>/observations"`` and ``"action_points/<id>/outcomes"``.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from .model import Session

COLLECTIONS = {
    "phases", "clock", "participants", "groups", "practice_groups", "notes", "rounds",
    "evaluation", "action_points", "quickscan",
}
NESTED = {("rounds", "observations"), ("action_points", "outcomes")}
SETTABLE = {
    "title", "date", "school", "facilitator", "language", "next_talks", "agenda", "follows", "kind",
}


class OpError(ValueError):
    """An operation that can never apply (malformed, not merely stale)."""


def _item_type(container: BaseModel, name: str) -> type[BaseModel]:
    field = type(container).model_fields[name]
    return field.annotation.__args__[0]  # list[X] -> X


def _resolve(session: Session, path: str) -> tuple[BaseModel, str] | None:
    """(owner model, attribute name) of the list PATH names; None if a parent is gone."""
    parts = path.split("/")
    if len(parts) == 1:
        if parts[0] not in COLLECTIONS:
            raise OpError(f"unknown collection {path!r}")
        return session, parts[0]
    if len(parts) == 3 and (parts[0], parts[2]) in NESTED:
        parent = next((x for x in getattr(session, parts[0]) if x.id == parts[1]), None)
        return None if parent is None else (parent, parts[2])
    raise OpError(f"unknown collection {path!r}")


def _index(items: list, item_id: str) -> int:
    # A list comprehension is ~5x faster than a generator here, and replaying
    # a journal onto a 2,000-note session calls this once per line.
    try:
        return [x.id for x in items].index(item_id)
    except ValueError:
        return -1


def apply(
    session: Session, op: dict[str, Any], ids: dict[int, tuple[list, set[str]]] | None = None
) -> bool:
    """Apply one operation in place. Returns False when it was a stale no-op.

    Raises OpError (or pydantic's ValidationError) for a malformed operation,
    always before changing anything, so callers apply first and journal after.

    `ids` is an optional cache of the ids in each list, for replaying many
    operations in a row: it turns the duplicate check of `add` from a scan of
    the list into a set lookup. Only pass it while nothing else changes the
    session.
    """
    kind = op.get("op")
    if kind == "set":
        fields = op.get("fields") or {}
        unknown = set(fields) - SETTABLE
        if unknown:
            raise OpError(f"cannot set {sorted(unknown)}")
        # Validate on a shallow copy first so a bad field changes nothing.
        probe = session.model_copy()
        for name, value in fields.items():
            Session.__pydantic_validator__.validate_assignment(probe, name, value)
        for name in fields:
            setattr(session, name, getattr(probe, name))
        return True
    resolved = _resolve(session, op.get("coll", ""))
    if resolved is None:
        return False
    owner, name = resolved
    items: list = getattr(owner, name)
    if kind == "add":
        cls = _item_type(owner, name)
        item = cls.model_validate(op["item"])
        if ids is not None:
            # Keep the list itself in the cache: its id() can't be recycled while held.
            cached = ids.get(id(items))
            if cached is None or cached[0] is not items:
                cached = ids[id(items)] = (items, {x.id for x in items})
            known = cached[1]
            if item.id in known:
                return False
            known.add(item.id)
        elif _index(items, item.id) >= 0:
            return False
        index = op.get("index")
        if index is None:
            items.append(item)
        else:
            items.insert(max(0, min(int(index), len(items))), item)
        return True
    i = _index(items, op.get("id", ""))
    if i < 0:
        return False
    if kind == "update":
        fields = op.get("fields") or {}
        if "id" in fields:
            raise OpError("an item's id cannot change")
        old = items[i]
        items[i] = type(old).model_validate({**old.model_dump(), **fields})
        return True
    if kind == "delete":
        del items[i]
        cached = ids.get(id(items)) if ids is not None else None
        if cached is not None and cached[0] is items:
            cached[1].discard(op.get("id", ""))
        return True
    if kind == "move":
        item = items.pop(i)
        items.insert(max(0, min(int(op["index"]), len(items))), item)
        return True
    raise OpError(f"unknown operation {kind!r}")
