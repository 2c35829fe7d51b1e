"""A check of ours that refuses a value in a file, said as pydantic's own refusals are: by catalog key.

A plain ``ValueError("duplicate card id 'p1'")`` inside a validator reaches the user as English
words quoted in a Dutch sentence. ``raise invalid("error.deck.duplicate_card", at=("cards", 3, "id"),
card="p1")`` instead gives pydantic an error whose *type* is the catalog key and whose context holds
the fields (plain text and numbers, so the home list's cache can keep them);
``core.errors.validation_problem`` says it in the reader's language, and ``at`` (a path below the
model that checks, as pydantic's own ``loc``) lets the storage layer name the file's line.

Here, not in core/errors.py: this needs pydantic, and errors.py is imported by the CLI's parser,
which must not pay for pydantic.
"""

from __future__ import annotations

from pydantic_core import PydanticCustomError

#: The context field that carries the path below the checking model; never a catalog field.
AT = "at"


def invalid(key: str, /, *, at: tuple[str | int, ...] = (), **fields: str | int) -> PydanticCustomError:
    """A pydantic error of type ``key`` (a catalog key) with ``fields``; its message is the English text
    (pydantic's own ``str()``, logs), the reader's language comes from the key."""
    from facilitator.core.errors import said

    context: dict[str, object] = dict(fields)
    if at:
        context[AT] = tuple(at)
    # pydantic fills "{name}" from the context into the message: the English text is filled already.
    return PydanticCustomError(key, said(key, "en", fields), context)
