"""One error model for every bad input: content, answers files, reports, the command line.

A `Problem` is one located defect: the file it is in, the key path inside it, a Spanish
message for people and a stable slug for programs and tests. It reads::

    content/preguntas.yaml: transparencia.preguntas[4].peso: se esperaba un número, no "alto" [tipo-invalido]

`AutodiagError` is the base of every error the package raises for bad input. It carries
one or more problems (a reader collects all of them, then raises once); its ``code``,
``file``, ``path`` and ``message`` are those of the first. Callers that only need one
sentence use ``message`` (or ``lines()`` for one line per problem); the slugs are listed in
``content/README.md``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One defect: where it is (file, key path), what it is (Spanish), and a stable slug."""

    file: str
    path: str
    message: str
    code: str

    def __str__(self) -> str:
        where = "".join(f"{part}: " for part in (self.file, self.path) if part)
        return f"{where}{self.message} [{self.code}]"


class AutodiagError(ValueError):
    """Bad input refused by autodiag: one or more `Problem`s, never empty.

    A subclass of `ValueError` so that older callers catching `ValueError` keep working.
    """

    def __init__(self, problems: Problem | Iterable[Problem]):
        found = (problems,) if isinstance(problems, Problem) else tuple(problems)
        if not found:
            raise TypeError("AutodiagError needs at least one Problem")
        self.problems: tuple[Problem, ...] = found
        super().__init__(str(self))

    @classmethod
    def one(cls, code: str, message: str, *, file: str = "", path: str = "") -> AutodiagError:
        """An error of a single problem (``code`` is the slug, ``message`` Spanish)."""
        return cls(Problem(file, path, message, code))

    @property
    def code(self) -> str:
        return self.problems[0].code

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(p.code for p in self.problems)

    @property
    def file(self) -> str:
        return self.problems[0].file

    @property
    def path(self) -> str:
        return self.problems[0].path

    @property
    def message(self) -> str:
        """The Spanish message(s) for people, without file or slug: one sentence per problem."""
        return " ".join(_sentence(p.message) for p in self.problems) if len(self.problems) > 1 \
            else self.problems[0].message

    def lines(self) -> list[str]:
        """One line per problem, as ``str(Problem)`` (what the command line prints)."""
        return [str(p) for p in self.problems]

    def __str__(self) -> str:
        return "\n".join(self.lines())


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!", "…")) else text + "."


def printable(text: str) -> str:
    """`text` fit for one line of output: control characters and lone surrogates escaped.

    A file name may hold a newline (or an undecodable byte): printed raw it would forge a line.
    """
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in str(text))
