"""How long the printed material takes: both PDFs (and their HTML) of every course in the project.

Run from the repository root: `python3 benchmarks/bench_pdf.py [--root PATH]`. Prints seconds per
course and in total, on the clock and on the CPU (the CPU figure stays honest on a busy machine);
exits 1 when the total on the clock misses the target, so CI can watch it.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from builder.load import load_project  # noqa: E402
from builder.package.pdf import PdfWriter  # noqa: E402
from builder.problems import Problems  # noqa: E402
from builder.render import render_course  # noqa: E402

TARGET_SECONDS = 10.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--target", type=float, default=TARGET_SECONDS, help="seconds allowed in total")
    args = parser.parse_args()

    project = load_project(args.root, Problems(args.root))
    writer = PdfWriter(None)
    total = total_cpu = 0.0
    with tempfile.TemporaryDirectory() as folder:
        for course in project.courses:
            started, started_cpu = time.perf_counter(), time.process_time()
            rendered = render_course(course, project.catalogue)
            written = writer.write(rendered, Path(folder) / course.id)
            seconds, cpu = time.perf_counter() - started, time.process_time() - started_cpu
            total += seconds
            total_cpu += cpu
            pages = sum(count_pages(path) for path in written if path.suffix == ".pdf")
            print(f"{course.id:<24} {seconds:6.2f} s  (CPU {cpu:5.2f} s)  {pages:3d} pages  "
                  f"({', '.join(p.name for p in written if p.suffix == '.pdf')})")
    print(f"{'total':<24} {total:6.2f} s  (CPU {total_cpu:5.2f} s)  target under {args.target:.0f} s")
    return 0 if total < args.target else 1


def count_pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


if __name__ == "__main__":
    sys.exit(main())
