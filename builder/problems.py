"""Problems found in course sources: gathered in one pass, reported together, shown only by the CLI.

A problem names its place (`file:line`), says what was expected and what was found, and gives a
hint. Messages live in `messages.py` under a stable code, in Swedish for authors and English for
`--lang en`; the code is also what `--format json` and the tests match on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from builder.messages import render_message
from builder.messages import text as catalogue_text


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    code: str
    path: Path | None
    line: int
    params: dict[str, object] = field(default_factory=dict, hash=False, compare=False)
    severity: Severity = Severity.ERROR

    @property
    def place(self) -> str:
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}" if self.line else str(self.path)

    def message(self, lang: str = "sv") -> str:
        return render_message(self.code, self.params, lang)[0]

    def hint(self, lang: str = "sv") -> str:
        return render_message(self.code, self.params, lang)[1]

    def format(self, lang: str = "sv") -> str:
        """One line for the terminal: `file:line: fel: message (hint)`."""
        label = catalogue_text("cli", f"label-{self.severity.value}", lang)
        text = f"{label}: {self.message(lang)}"
        hint = self.hint(lang)
        if hint:
            text += f"\n    {hint}"
        return f"{self.place}: {text}" if self.place else text

    def as_dict(self, lang: str = "sv") -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "file": str(self.path) if self.path else None,
            "line": self.line or None,
            "message": self.message(lang),
            "hint": self.hint(lang),
        }


class Problems:
    """A collector passed through the loader so that one run reports every mistake."""

    def __init__(self, root: Path | None = None) -> None:
        self.items: list[Problem] = []
        self.root = root

    def _relative(self, path: Path | None) -> Path | None:
        if path is None or self.root is None:
            return path
        try:
            return Path(path).resolve().relative_to(self.root.resolve())
        except ValueError:
            return path

    def error(self, code: str, path: Path | None, line: int = 0, **params: object) -> None:
        self.items.append(Problem(code, self._relative(path), line, params, Severity.ERROR))

    def warning(self, code: str, path: Path | None, line: int = 0, **params: object) -> None:
        self.items.append(Problem(code, self._relative(path), line, params, Severity.WARNING))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.WARNING]

    def sorted(self) -> list[Problem]:
        return sorted(self.items, key=lambda p: (str(p.path or ""), p.line, p.code))

    def __len__(self) -> int:
        return len(self.items)


class SourceErrors(Exception):
    """Raised once loading is over when the sources hold errors; carries all of them."""

    def __init__(self, problems: Problems) -> None:
        super().__init__(f"{len(problems.errors)} error(s) in the course sources")
        self.problems = problems


class NonConformantPackage(Exception):
    """A package the builder itself got wrong (a bug in Etos, not in the sources); carries every broken rule."""

    def __init__(self, kind: str, problems: list[str]) -> None:
        super().__init__(f"{kind}: " + "; ".join(problems))
        self.kind = kind
        self.problems = problems
