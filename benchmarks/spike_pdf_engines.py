"""Which PDF engine: the same handouts through WeasyPrint (as Etos printed them before) and through Typst.

Run from the repository root: `python3 benchmarks/spike_pdf_engines.py [--before COMMIT]`. For each of
the three courses, the learner handout is made by each engine in a fresh process, and the script
prints CPU seconds (honest on a busy machine, and counting the engine's own threads), pages and
pages per CPU second. The WeasyPrint side runs the print writer of an earlier commit (default: the
last one before the move to Typst), unpacked with `git archive` into a temporary folder; it is
skipped, with a note, when WeasyPrint is not installed. This is a measurement kept for the record of
the decision, not a target: see bench_pdf.py for those.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BEFORE = "ce82634"  # the last commit with the WeasyPrint writer

MEASURE = r"""
import io, json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from pypdf import PdfReader
from builder.load import load_project
from builder.problems import Problems
from builder.render import render_course
from builder.package import pdf
root = Path(sys.argv[2])
project = load_project(root, Problems(root))
rows = []
for course in project.courses:
    rendered = render_course(course, project.catalogue)
    started = time.process_time()
    if hasattr(pdf, "print_document"):  # the WeasyPrint writer
        writer = pdf.PdfWriter(None)
        data = writer.pdf_bytes(pdf.print_document(rendered, pdf.HANDOUT), rendered, pdf.HANDOUT)
    else:
        from builder.package.pdf_fetch import StagedRoot
        from builder.templates import templates_folder
        writer = pdf.PdfWriter(None)
        with StagedRoot(course, templates_folder() / "print" / "etos.typ") as staged:
            data = writer.pdf_bytes(pdf.typst_document(rendered, pdf.HANDOUT, staged), rendered, staged, pdf.HANDOUT)
    cpu = time.process_time() - started
    rows.append([course.id, cpu, len(PdfReader(io.BytesIO(data)).pages), len(data)])
print(json.dumps(rows))
"""


def run(tree: Path, root: Path) -> list[list]:
    completed = subprocess.run([sys.executable, "-c", MEASURE, str(tree), str(root)], capture_output=True,
                               text=True, check=True, cwd=tree)
    return json.loads(completed.stdout.strip().splitlines()[-1])


def unpack(commit: str, folder: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(REPO), "archive", commit, "builder", "templates"],
                             capture_output=True, check=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default=BEFORE, help="the commit whose WeasyPrint writer to measure")
    parser.add_argument("--root", type=Path, default=REPO)
    arguments = parser.parse_args()
    engines = [("typst", REPO)]
    with tempfile.TemporaryDirectory() as folder:
        try:
            import importlib.util

            if importlib.util.find_spec("weasyprint") is None:
                raise RuntimeError("WeasyPrint is not installed")
            engines.insert(0, ("weasyprint", unpack(arguments.before, Path(folder))))
        except (RuntimeError, subprocess.CalledProcessError) as reason:
            print(f"weasyprint: skipped ({reason})")
        totals = {}
        for engine, tree in engines:
            rows = run(tree, arguments.root)
            cpu, pages = sum(r[1] for r in rows), sum(r[2] for r in rows)
            totals[engine] = cpu
            for course, seconds, count, size in rows:
                print(f"{engine:<10} {course:<22} CPU {seconds:6.2f} s  {count:3d} pages  "
                      f"{count / seconds:6.1f} pages/CPU s  {size / 1024:6.0f} kB")
            print(f"{engine:<10} {'total':<22} CPU {cpu:6.2f} s  {pages:3d} pages  {pages / cpu:6.1f} pages/CPU s")
        if len(totals) == 2:
            print(f"weasyprint / typst: {totals['weasyprint'] / totals['typst']:.1f}x the CPU time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
