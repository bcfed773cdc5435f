"""CSV that a spreadsheet opens as data, never as formulas.

Spreadsheets (Excel, LibreOffice, Google Sheets) treat a cell that begins with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return as a formula: a label such as
``=HYPERLINK(...)`` in a participant's answers file would run when a trainer opens the
batch CSV. Every CSV the project writes goes through this module, which prefixes such
text with an apostrophe (OWASP, "CSV injection"). Only text changes: a negative score
(a number) is written as it is.

Python's `csv` module (up to 3.11) does not quote a field holding a bare carriage return
when the line terminator is ``"\\n"``; a spreadsheet would then split the row there and
read what follows as a new cell. `SafeWriter` quotes every text field of such a row.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula."""

PREFIX = "'"


def safe_cell(value: Any) -> Any:
    """`value`, with an apostrophe in front if it is text that a spreadsheet would run.

    Lone surrogates (text UTF-8 cannot carry, e.g. from a crafted label) become U+FFFD, so
    the CSV can always be written as UTF-8.
    """
    if not isinstance(value, str):
        return value
    if _LONE_SURROGATE.search(value):
        value = _LONE_SURROGATE.sub("\ufffd", value)
    return PREFIX + value if value.startswith(FORMULA_STARTS) else value


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def safe_row(row: Iterable[Any]) -> list[Any]:
    return [safe_cell(v) for v in row]


class SafeWriter:
    """Like `csv.writer` (lines end in ``"\\n"``), every text cell made formula-safe."""

    def __init__(self, out: IO[str]):
        self._plain = csv.writer(out, lineterminator="\n")
        self._quoted = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)

    def writerow(self, row: Iterable[Any]) -> None:
        cells = safe_row(row)
        risky = any(isinstance(c, str) and "\r" in c for c in cells)
        (self._quoted if risky else self._plain).writerow(cells)

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


class SafeDictWriter:
    """Like `csv.DictWriter` (lines end in ``"\\n"``), every cell and header made formula-safe."""

    def __init__(self, out: IO[str], fieldnames: Sequence[str]):
        self.fieldnames = list(fieldnames)
        self._writer = SafeWriter(out)

    def writeheader(self) -> None:
        self._writer.writerow(self.fieldnames)

    def writerow(self, row: Mapping[str, Any]) -> None:
        unknown = set(row) - set(self.fieldnames)
        if unknown:
            raise ValueError(f"columnas desconocidas: {', '.join(sorted(unknown))}")
        self._writer.writerow(row.get(k, "") for k in self.fieldnames)

    def writerows(self, rows: Iterable[Mapping[str, Any]]) -> None:
        for row in rows:
            self.writerow(row)


def rows_csv(header: Sequence[str], rows: Iterable[Iterable[Any]]) -> str:
    """A header and rows as CSV text, formula-safe."""
    out = io.StringIO()
    writer = SafeWriter(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def frame_csv(frame: Any, *, index: bool = False) -> str:
    """A pandas DataFrame as CSV text, formula-safe (headers and cells); use instead of ``to_csv``."""
    data = frame.reset_index() if index else frame
    header = [str(c) for c in data.columns]
    rows = (["" if _missing(v) else v for v in row] for row in data.itertuples(index=False, name=None))
    return rows_csv(header, rows)


def _missing(value: Any) -> bool:
    try:
        return bool(value != value)  # NaN, NaT, pd.NA compare unequal to themselves
    except (TypeError, ValueError):
        return False
