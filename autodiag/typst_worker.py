"""Compile one Typst document to PDF in a process of its own (see `autodiag.pdf`), so the caller
never holds Typst: its library and the memory each compilation keeps cached leave with this
process.

Run as ``python -S -P typst_worker.py SITE FONTS [--warm]``, where SITE is the folder that holds
the `typst` package (``-S`` skips the site initialisation, for a fast start; ``-P`` keeps the
package's folder off ``sys.path``, so none of its modules can shadow the standard library) and
FONTS the only folder of fonts it may use. It reads one JSON object from stdin, ``{"source": the
template's text, "inputs": {name: text}}`` (the inputs reach the template as ``sys.inputs``),
and writes the PDF's bytes to stdout;
on failure, the compiler's message to stderr and exit status 1. With ``--warm`` it loads Typst and
the fonts before it waits for its input. Empty input (its caller ended first): exit 0, silently.
It imports nothing of the package and writes no file.
"""

from __future__ import annotations

import json
import sys

WARM_UP = '#set text(font: "DejaVu Sans", lang: "es", hyphenate: true)\nAutodiagnóstico *municipal*'


def main(argv: list[str]) -> int:
    site, fonts = argv[0], [argv[1]]
    sys.path.insert(0, site)
    import typst

    # (the stubs tie the source's type, bytes, to the font paths', a folder name: hence the ignores)
    if "--warm" in argv[2:]:
        typst.compile(WARM_UP.encode("utf-8"), output=None, format="pdf",  # type: ignore[call-overload]
                      font_paths=fonts, ignore_system_fonts=True)
    data = sys.stdin.buffer.read()
    if not data:
        return 0
    request = json.loads(data)
    try:
        pdf: bytes = typst.compile(request["source"].encode("utf-8"), output=None,  # type: ignore[assignment]
                                   format="pdf", font_paths=fonts, ignore_system_fonts=True,
                                   sys_inputs=request["inputs"])
    except typst.TypstError as error:
        sys.stderr.write(f"{error.message}\n{getattr(error, 'diagnostic', '')}\n")
        return 1
    sys.stdout.buffer.write(pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
