"""Would printing a long document in parts pay? The generated handout whole and cut at its chapters.

Run from the repository root: `python3 benchmarks/spike_print_parts.py [--lessons 300] [--parts 1,10,30,100]`.
The generated course's learner handout is staged once, as the print writer stages it; then, for each
part count, a fresh process compiles it with one `typst.Compiler`, cut into that many runs of whole
chapters (each chapter starts a page, so no page's layout changes; the first part keeps the cover
and contents). It prints the engine's CPU seconds, the process's peak resident set, the pages and the
summed bytes of the parts.

This measures the engine only, for the record of a decision (`print_profile.md`): the parts are not
merged into one tagged PDF, their page numbers restart, and a link to a chapter in another part
prints as plain text.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent

COMPILE_PARTS = r"""
import json, re, resource, sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
import typst
from builder.package.pdf import fonts
folder, count = Path(sys.argv[2]), int(sys.argv[3])
lines = (folder / "main.typ").read_text(encoding="utf-8").split("\n")
starts = [i for i, line in enumerate(lines) if line.startswith("#etos-chapter(")]
document, front = lines[:2], lines[2:starts[0]]  # the import and the document's settings; cover, contents
chapters = [lines[a:b] for a, b in zip(starts, starts[1:] + [len(lines)])]
size = -(-len(chapters) // count)
compiler = typst.Compiler(root=str(folder), font_paths=fonts(), ignore_system_fonts=True)
cpu = pages = size_bytes = 0
for index in range(0, len(chapters), size):
    source = document + (front if index == 0 else []) + [l for c in chapters[index:index + size] for l in c]
    started = time.process_time()
    pdf = compiler.compile("\n".join(source).encode(), format="pdf", pdf_standards="ua-1", timestamp=0)
    cpu += time.process_time() - started
    pages += len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    size_bytes += len(pdf)
print(json.dumps({"cpu": cpu, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "pages": pages, "bytes": size_bytes}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", type=int, default=300)
    parser.add_argument("--parts", default="1,10,30,100")
    arguments = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from bench_build import generate_project

    with tempfile.TemporaryDirectory() as temporary:
        project, staged = Path(temporary) / "project", Path(temporary) / "staged"
        generate_project(project, arguments.lessons)
        subprocess.run([sys.executable, str(HERE / "bench_targets.py"), "--child", "stage", "--root", str(project),
                        "--project", str(project), "--formats", str(staged)], check=True, capture_output=True, cwd=REPO)
        print(f"{'parts':>5}  {'engine CPU':>10}  {'peak':>7}  {'pages':>5}  {'bytes':>10}")
        for count in (int(part) for part in arguments.parts.split(",")):
            completed = subprocess.run([sys.executable, "-c", COMPILE_PARTS, str(REPO), str(staged), str(count)],
                                       check=True, capture_output=True, text=True)
            row = json.loads(completed.stdout.strip().splitlines()[-1])
            print(f"{count:>5}  {row['cpu']:>8.2f} s  {row['peak_mb']:>4.0f} MB  "
                  f"{row['pages']:>5}  {row['bytes']:>10,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
