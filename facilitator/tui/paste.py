"""Paste is text, nothing more: the one place where pasted input is made harmless.

Two layers, one rule (``core.plain.pasted``: control characters in caret notation):

1. **The terminal's byte stream.** Textual's XTerm parser collects a bracketed paste
   (``ESC[200~ … ESC[201~``) into one ``Paste`` event, but an ESC *inside* the paste
   sends it into its escape-sequence loop: everything from that ESC on is re-issued as
   key presses (a BEL becomes ctrl+g, "next group") and only the text before the first
   ESC arrives as the paste, after those keys. So ``AAA ESC[31mBBB ESC[0m CCC`` was
   saved as ``^[31mBBB^[0m CCCAAA``. :class:`PasteGuard` sits in front of the parser
   and rewrites control characters between the paste markers into caret notation, so
   the parser sees plain text and emits one ``Paste`` event with everything in order.
2. **The Paste event** (every driver, the headless test driver and textual-serve too):
   ``FacilitatorApp.on_event`` applies ``pasted()`` and sends the text to the field.
"""

from __future__ import annotations

import sys

from facilitator.core.plain import visible

START = "\x1b[200~"
END = "\x1b[201~"
#: Inside a paste the parser must not see ESC (or any control but line breaks and tabs).
_KEEP = {ord("\n"), ord("\r"), ord("\t")}


def _neutral(text: str) -> str:
    """Control characters but line breaks and tabs as caret notation (visible() keeps \\n \\t)."""
    if "\r" not in text:
        return visible(text)
    return "\r".join(visible(part) for part in text.split("\r"))


def _held(buffer: str, marker: str) -> int:
    """Length of the longest end of `buffer` that could be the start of `marker`."""
    for size in range(min(len(marker) - 1, len(buffer)), 0, -1):
        if marker.startswith(buffer[-size:]):
            return size
    return 0


class PasteGuard:
    """A stateful filter over the terminal's input: markers pass, paste contents are neutralised.

    Outside a paste nothing is changed or delayed (a lone Esc key stays a key). Inside, a
    piece that could be the start of the end marker is held until the next read.
    """

    def __init__(self) -> None:
        self.inside = False
        self._tail = ""  # the last characters passed outside a paste (a start marker split over reads)
        self._held = ""

    def __call__(self, data: str) -> str:
        out: list[str] = []
        while data:
            if not self.inside:
                seen = self._tail + data
                at = seen.find(START)
                if at < 0:
                    out.append(data)
                    self._tail = seen[-(len(START) - 1):]
                    break
                cut = at + len(START) - len(self._tail)
                out.append(data[:cut])
                data = data[cut:]
                self.inside, self._tail = True, ""
            else:
                buffer, self._held = self._held + data, ""
                at = buffer.find(END)
                if at < 0:
                    keep = _held(buffer, END)
                    self._held = buffer[len(buffer) - keep:] if keep else ""
                    out.append(_neutral(buffer[:len(buffer) - keep]))
                    break
                out.append(_neutral(buffer[:at]) + END)
                data = buffer[at + len(END):]
                self.inside = False
        return "".join(out)


def guard_driver(driver_class: type) -> None:
    """Put a PasteGuard in front of the XTerm parser the driver's input thread builds.

    Textual's Linux (and Windows) driver creates ``XTermParser(...)`` by its module-level
    name inside the input thread; there is no hook to pass another parser, so the name in
    that driver's module is pointed at a subclass that filters what it is fed.
    """
    module = sys.modules.get(driver_class.__module__)
    parser = getattr(module, "XTermParser", None)
    if module is None or parser is None or getattr(parser, "paste_guarded", False):
        return

    class PasteGuardedParser(parser):  # type: ignore[misc, valid-type]
        paste_guarded = True

        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._paste_guard = PasteGuard()

        def feed(self, data: str):
            if not data:
                return super().feed(data)  # end of input
            data = self._paste_guard(data)
            return super().feed(data) if data else iter(())

    module.XTermParser = PasteGuardedParser
