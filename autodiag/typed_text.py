"""Text a person typed, made safe to write anywhere.

A text box of the browser, or a crafted answers file, can hold a lone surrogate (half of a
UTF-16 pair), which no UTF-8 file can hold: written as is, it breaks a report, a download or a
widget. `well_formed` makes it U+FFFD, the replacement character, and keeps every other character.
"""

from __future__ import annotations


def well_formed(text: str) -> str:
    """`text` with every lone surrogate replaced by U+FFFD (surrogate pairs are joined)."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
