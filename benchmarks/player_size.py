"""The player's weight: its scripts, styles and icons in bytes, unminified, against the budget of issue 12.

Run from the repository root: `python3 benchmarks/player_size.py`. Prints one line per file and the
total against the target; exits 1 when the total is over it. What a learner's browser loads besides
the course itself: every script and stylesheet of templates/player/static and the block icons, which
are poured into every page. The start page's picture is the course's own (`omslagsbild:` in
course.yaml), a medium like its figures. noscript.css is not counted: a browser loads it only with
scripts off, and then none of the scripts, so the heaviest load is the one with scripts on.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from builder.package.site import ships

PLAYER = Path(__file__).resolve().parent.parent / "templates" / "player"
BUDGET_BYTES = 56_000
DRAWINGS = ("partials/icons.html.j2",)


NOT_LOADED_WITH_SCRIPTS = {"noscript.css"}


def player_files(standard: str = "scorm12") -> list[Path]:
    """The files the budget counts in one standard's package (each ships only its own adapter), by name."""
    static = [p for p in (PLAYER / "static").iterdir()
              if p.suffix in (".js", ".css") and ships(p.name, standard) and p.name not in NOT_LOADED_WITH_SCRIPTS]
    return sorted(static) + [PLAYER / name for name in DRAWINGS if (PLAYER / name).is_file()]


# A template's own comments never reach a page, nor the white space a dash trims on its side (`{#-`, `-#}`).
TEMPLATE_COMMENT = re.compile(r"(?:\s*\{#-|\{#).*?(?:-#\}\s*|#\})", re.DOTALL)


def shipped_size(path: Path) -> int:
    """The bytes of a file as every package carries it: a drawing's template without its comments."""
    data = path.read_bytes()
    if path.name.endswith(".j2"):
        data = TEMPLATE_COMMENT.sub("", data.decode("utf-8")).encode("utf-8")
    return len(data)


def sizes(standard: str = "scorm12") -> dict[str, int]:
    return {path.relative_to(PLAYER).as_posix(): shipped_size(path) for path in player_files(standard)}


def main() -> int:
    over = False
    for standard in ("scorm12", "scorm2004", "web", "cmi5"):
        measured = sizes(standard)
        if standard == "scorm12":
            for name, size in measured.items():
                print(f"{name}: {size} bytes")
        total = sum(measured.values())
        verdict = "ok" if total <= BUDGET_BYTES else "OVER"
        print(f"player_total {standard}: {total} bytes [target ≤ {BUDGET_BYTES}] {verdict}")
        if standard == "cmi5":
            own = {name: size for name, size in measured.items() if name not in sizes("web")}
            print(f"  of which the cmi5 launch, LRS client and values ({', '.join(own)}): {sum(own.values())} bytes")
        over = over or total > BUDGET_BYTES
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
