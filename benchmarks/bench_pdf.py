"""How print compares with the rest of the build: ratios measured in one run, with their targets.

Run from the repository root: `python3 benchmarks/bench_pdf.py [--root PATH] [--lessons 300]`.
Every figure is the CPU time of a clean build in a fresh process (imports done before the clock,
the Typst engine's own threads counted), so a busy machine does not skew the ratios:

  scorm_web_three_courses      SCORM 1.2 + 2004 + web of the project at --root
  pdf_three_courses            the printed files of the same courses (handout, guide, worksheets)
  ratio_pdf_three_courses      the second over the first                      target ≤ 3
  scorm_web_generated_<n>      SCORM + web of the generated course (see bench_build.py)
  all_formats_generated_<n>    the same course in every format, PDF included
  ratio_all_formats_generated  the second over the first                      target ≤ 4
  peak_memory_pdf_generated    largest resident set of the all-formats build  target ≤ 300 MB

Exits 1 when a target is missed, so CI can watch them.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

SCORM_WEB = ["scorm12", "scorm2004", "web"]
TARGETS = {  # name → (limit, unit)
    "ratio_pdf_three_courses": (3.0, "×"),
    "ratio_all_formats_generated": (4.0, "×"),
    "peak_memory_pdf_generated": (300.0, "MB"),
}


def child(root: Path, formats: list[str], lessons: int) -> None:
    """One clean build in this fresh process; CPU seconds and peak memory as JSON on stdout."""
    from builder.build import build

    if "pdf" in formats:
        import typst  # noqa: F401 - the engine's import is not the figure

        import builder.package.pdf  # noqa: F401
    with tempfile.TemporaryDirectory() as folder:
        if lessons:
            from bench_build import generate_project

            root = Path(folder) / "projekt"
            generate_project(root, lessons)
        started = time.process_time()
        build(root, Path(folder) / "dist", formats=formats, force=True)
        cpu = time.process_time() - started
    print(json.dumps({"cpu": cpu, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def measure(root: Path, formats: list[str], lessons: int = 0) -> dict:
    command = [sys.executable, __file__, "--child", ",".join(formats), "--root", str(root), "--lessons", str(lessons)]
    completed = subprocess.run(command, check=True, capture_output=True, text=True, cwd=REPO)
    return json.loads(completed.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=REPO)
    parser.add_argument("--lessons", type=int, default=300)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        child(arguments.root, arguments.child.split(","), arguments.lessons)
        return 0

    n = arguments.lessons
    rows: list[tuple[str, float, str]] = []
    scorm_web = measure(arguments.root, SCORM_WEB)
    printed = measure(arguments.root, ["pdf"])
    rows += [("scorm_web_three_courses", scorm_web["cpu"], "s CPU"), ("pdf_three_courses", printed["cpu"], "s CPU"),
             ("ratio_pdf_three_courses", printed["cpu"] / scorm_web["cpu"], "×")]
    generated = measure(arguments.root, SCORM_WEB, n)
    everything = measure(arguments.root, [*SCORM_WEB, "pdf"], n)
    rows += [(f"scorm_web_generated_{n}", generated["cpu"], "s CPU"),
             (f"all_formats_generated_{n}", everything["cpu"], "s CPU"),
             ("ratio_all_formats_generated", everything["cpu"] / generated["cpu"], "×"),
             ("peak_memory_pdf_generated", everything["peak_mb"], "MB"),
             ("peak_memory_scorm_web_generated", generated["peak_mb"], "MB")]
    missed = []
    for name, value, unit in rows:
        target = TARGETS.get(name)
        note = ""
        if target:
            ok = value <= target[0]
            note = f"  (target ≤ {target[0]:g} {target[1]}: {'met' if ok else 'MISSED'})"
            if not ok:
                missed.append(name)
        print(f"{name}: {value:.2f} {unit}{note}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
