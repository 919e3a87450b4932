"""Every figure of issue 13 with its ratio and target, measured in one run.

Run from the repository root: `python3 benchmarks/bench_targets.py [--repeat 5] [--lessons 300] [--no-pdf]`.
Prints one `name: value unit` line per figure, targets in brackets, and exits 1 when one is missed.

Every CPU figure is a clean build in a fresh process, its imports done before the clock, the median
of --repeat runs (on a busy machine the CPU time is honest where the clock is not). A ratio is the
median of --repeat pairs, the two builds of each pair run one right after the other (`paired`). Builds for the
ratios run with one job, so that all their CPU time is in the measured process.

  lower_bound_cpu_generated              benchmarks/lower_bound.py: one package the plainest way
  scorm_web_cpu_generated                Etos: SCORM 1.2 + SCORM 2004 + web of the same course
  ratio_scorm_web_lower_bound            the second over the first                  target ≤ 1.5
  scorm_web_cpu_three_courses / pdf_cpu_three_courses / ratio_pdf_three_courses     target ≤ 3
  all_formats_cpu_generated / ratio_all_formats_generated                          target ≤ 4
  peak_memory_scorm_web_generated        largest resident set, one process            target ≤ 100 MB
  peak_memory_all_formats_generated      the same with PDF, one process               target ≤ 300 MB
  pdf_engine_cpu_*                       of the PDF figures, the CPU spent inside Typst (pdf.compile_pdf)
  render_cpu_three_courses               loading and rendering the three courses, which every build does
  ratio_pdf_floor_three_courses          (render + engine) over SCORM+web: no work in the print writer's
                                         Python can bring ratio_pdf_three_courses below it
  ratio_all_formats_floor_generated      (SCORM+web + engine time) over SCORM+web: the same floor for
                                         ratio_all_formats_generated
  peak_memory_print_handout             the print of the generated handout alone (in parts, merged), in a
                                         process that loaded and rendered nothing: the print's own peak
  python_startup_wall                    `python3 -c pass`, median wall
  noop_wall_three_courses                `python3 -m builder.cli build` with nothing to do  target ≤ 0.15 s
  noop_cpu_three_courses, ratio_noop_python_startup   CPU of the same, and its wall over Python's
  parallel_wall_three_courses            every format of the three courses with --jobs <cores>
  serial_cpu_three_courses               the same with --jobs 1, CPU
  parallel_wall_to_cpu                   the first over the second (below 1: the cores share the work)

The no-op and start-up figures run with byte code cached (PYTHONPYCACHEPREFIX in a temporary
folder), as for an installed Etos; the wall-clock target assumes a machine that is not busy.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

SCORM_WEB = ["scorm12", "scorm2004", "web"]
ALL = [*SCORM_WEB, "pdf"]
TARGETS = {  # name → limit
    "ratio_scorm_web_lower_bound": 1.5,
    "ratio_pdf_three_courses": 3.0,
    "ratio_all_formats_generated": 4.0,
    "peak_memory_scorm_web_generated": 100.0,
    "peak_memory_all_formats_generated": 300.0,
    "noop_wall_three_courses": 0.15,
}


def child(kind: str, root: Path, formats: list[str], project: Path | None) -> None:
    """One measured build in this fresh process; CPU seconds and peak memory as JSON on stdout."""
    if kind == "stage":
        return stage_handout(project or root, Path(formats[0]))
    if kind == "engine":
        return compile_staged(Path(formats[0]))
    if kind == "render":
        return load_and_render_only(project or root)
    from lower_bound import plain_build

    import builder.package.zipwriter  # noqa: F401  imported before the clock starts: imports are not the figure
    from builder.build import build

    engine = [0.0]
    if "pdf" in formats:
        import typst  # noqa: F401

        from builder.package import pdf

        compile_pdf = pdf.compile_pdf

        def timed_compile(*args: object) -> bytes:
            started = time.process_time()
            try:
                return compile_pdf(*args)  # type: ignore[arg-type]
            finally:
                engine[0] += time.process_time() - started

        pdf.compile_pdf = timed_compile  # type: ignore[assignment]
    with tempfile.TemporaryDirectory() as folder:
        started = time.process_time()
        if kind == "lower_bound":
            plain_build(project, Path(folder) / "plain.zip")
        else:
            build(project or root, Path(folder) / "dist", formats=formats, force=True, jobs=1)
        cpu = time.process_time() - started
    print(json.dumps({"cpu": cpu, "engine": engine[0],
                      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def load_and_render_only(project: Path) -> None:
    """Only the load and render stages, which a PDF build needs as much as any other."""
    # The modules a PDF build has imported before its clock starts.
    import builder.package.pdf
    import builder.package.zipwriter  # noqa: F401
    from builder.build import load_and_render
    from builder.problems import Problems

    started = time.process_time()
    load_and_render(project, Problems(project))
    print(json.dumps({"cpu": time.process_time() - started}))


def stage_handout(project: Path, folder: Path) -> None:
    """The generated handout's Typst source and its staged root, written to folder for `compile_staged`."""
    import shutil

    from builder.build import load_and_render
    from builder.package.pdf import HANDOUT, typst_document
    from builder.package.pdf_fetch import StagedRoot
    from builder.problems import Problems
    from builder.templates import templates_folder

    _, rendered = load_and_render(project, Problems(project))
    course = rendered[0]
    with StagedRoot(course.media, templates_folder() / "print" / "etos.typ") as root:
        (root.folder / "main.typ").write_text(typst_document(course, HANDOUT, root).text, encoding="utf-8")
        shutil.copytree(root.folder, folder)
    print(json.dumps({}))


def compile_staged(folder: Path) -> None:
    """Only the print of a staged source, as the writer does it (in parts, merged, for a long one),
    in a process that loaded and rendered nothing: the print's own peak."""
    import typst

    from builder.package.pdf import compile_pdf, fonts, release_engine_memory
    from builder.package.pdf_parts import typeset

    compiler = typst.Compiler(root=str(folder), font_paths=fonts(), ignore_system_fonts=True)
    started = time.process_time()
    typeset(lambda text, inputs: compile_pdf(compiler, text, inputs), (folder / "main.typ").read_text(encoding="utf-8"),
            "sv", release=lambda: release_engine_memory(compiler))
    print(json.dumps({"cpu": time.process_time() - started, "engine": 0.0,
                      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def run_child(kind: str, root: Path, formats: list[str], project: Path | None) -> dict:
    """One measured build in a fresh process: its CPU, engine CPU and peak."""
    command = [sys.executable, __file__, "--child", kind, "--root", str(root), "--formats", ",".join(formats)]
    if project:
        command += ["--project", str(project)]
    completed = subprocess.run(command, check=True, capture_output=True, text=True, cwd=REPO)
    return json.loads(completed.stdout.strip().splitlines()[-1])


def summary(runs: list[dict]) -> dict:
    """The median CPU time and the largest peak of some runs."""
    return {"cpu": statistics.median(r.get("cpu", 0.0) for r in runs),
            "engine": statistics.median(r.get("engine", 0.0) for r in runs),
            "peak_mb": max(r.get("peak_mb", 0.0) for r in runs)}


def measure(kind: str, root: Path, formats: list[str], project: Path | None, repeat: int) -> dict:
    """The median CPU time and the largest peak of `repeat` fresh processes."""
    return summary([run_child(kind, root, formats, project) for _ in range(repeat)])


def paired(base: tuple, measured: tuple, repeat: int) -> tuple[dict, dict, float]:
    """Both builds `repeat` times, each pair one after the other, and the median of the pairs' ratios.

    The machine's speed drifts by tens of per cent over minutes; a pair built within seconds of
    each other sees the same machine, where all runs of one build and then all of the other did not.
    """
    bases, measures = [], []
    for _ in range(repeat):
        bases.append(run_child(*base))
        measures.append(run_child(*measured))
    ratio = statistics.median(m["cpu"] / b["cpu"] for b, m in zip(bases, measures, strict=True))
    return summary(bases), summary(measures), ratio


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of a command run to its end (its own children included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=REPO, env=env)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def startup_figures(root: Path, repeat: int) -> list[tuple[str, float, str]]:
    """The no-op build from the shell against Python's own start-up, with byte code cached."""
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(Path(folder) / "pycache")
        out = Path(folder) / "dist"
        build = [sys.executable, "-m", "builder.cli", "--root", str(root), "build", "--out", str(out),
                 *[option for name in SCORM_WEB for option in ("--format", name)]]
        timed(build, env)  # the build itself, and the byte code written
        timed(build, env)
        python = [timed([sys.executable, "-c", "pass"], env) for _ in range(repeat)]
        noop = [timed(build, env) for _ in range(repeat)]
        startup = statistics.median(w for w, _ in python)
        noop_wall = statistics.median(w for w, _ in noop)
        rows += [("python_startup_wall", startup, "s"), ("noop_wall_three_courses", noop_wall, "s"),
                 ("noop_cpu_three_courses", statistics.median(c for _, c in noop), "s"),
                 ("ratio_noop_python_startup", noop_wall / startup, "×")]
        # Parallel: every format, as many jobs as cores, against the CPU of one job.
        jobs = os.cpu_count() or 1
        everything = [option for name in ALL for option in ("--format", name)]
        parallel = [sys.executable, "-m", "builder.cli", "--root", str(root), "build", "--force", "--out",
                    str(Path(folder) / "parallel"), "--jobs", str(jobs), *everything]
        serial = [*parallel[:-len(everything) - 2], "--jobs", "1", *everything]
        walls, cpus = [], []
        for _ in range(max(1, repeat // 2)):
            walls.append(timed(parallel, env)[0])
            cpus.append(timed(serial, env)[1])
        wall, cpu = statistics.median(walls), statistics.median(cpus)
        rows += [("parallel_jobs", float(jobs), "processes"), ("parallel_wall_three_courses", wall, "s"),
                 ("serial_cpu_three_courses", cpu, "s CPU"), ("parallel_wall_to_cpu", wall / cpu, "×")]
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=REPO, help="project with the courses to build")
    parser.add_argument("--lessons", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-pdf", action="store_true", help="leave out the PDF figures (minutes at 300 lessons)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--formats", help=argparse.SUPPRESS)
    parser.add_argument("--project", type=Path, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        child(arguments.child, arguments.root, arguments.formats.split(","), arguments.project)
        return 0

    from bench_build import generate_project

    n, repeat = arguments.lessons, arguments.repeat
    rows: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "projekt"
        generate_project(project, n)
        plain, generated, scorm_web_ratio = paired(("lower_bound", arguments.root, SCORM_WEB, project),
                                                   ("etos", arguments.root, SCORM_WEB, project), repeat)
        rows += [(f"lower_bound_cpu_generated_{n}", plain["cpu"], "s CPU"),
                 (f"scorm_web_cpu_generated_{n}", generated["cpu"], "s CPU"),
                 ("ratio_scorm_web_lower_bound", scorm_web_ratio, "×"),
                 ("peak_memory_scorm_web_generated", generated["peak_mb"], "MB")]
        if not arguments.no_pdf:
            courses, printed, pdf_ratio = paired(("etos", arguments.root, SCORM_WEB, None),
                                                 ("etos", arguments.root, ["pdf"], None), repeat)
            base, everything, all_ratio = paired(("etos", arguments.root, SCORM_WEB, project),
                                                 ("etos", arguments.root, ALL, project), repeat)
            rendering = measure("render", arguments.root, [], None, repeat)
            rows += [("scorm_web_cpu_three_courses", courses["cpu"], "s CPU"),
                     ("pdf_cpu_three_courses", printed["cpu"], "s CPU"),
                     ("ratio_pdf_three_courses", pdf_ratio, "×"),
                     (f"all_formats_cpu_generated_{n}", everything["cpu"], "s CPU"),
                     ("ratio_all_formats_generated", all_ratio, "×"),
                     ("peak_memory_all_formats_generated", everything["peak_mb"], "MB"),
                     ("pdf_engine_cpu_three_courses", printed["engine"], "s CPU"),
                     ("render_cpu_three_courses", rendering["cpu"], "s CPU"),
                     ("ratio_pdf_floor_three_courses", (rendering["cpu"] + printed["engine"]) / courses["cpu"], "×"),
                     (f"pdf_engine_cpu_generated_{n}", everything["engine"], "s CPU"),
                     ("ratio_all_formats_floor_generated", (base["cpu"] + everything["engine"]) / base["cpu"], "×")]
            staged = Path(folder) / "staged"
            measure("stage", arguments.root, [str(staged)], project, 1)
            engine_alone = measure("engine", arguments.root, [str(staged)], project, 1)
            rows += [("peak_memory_print_handout", engine_alone["peak_mb"], "MB")]
    rows += startup_figures(arguments.root, repeat)
    missed = []
    for name, value, unit in rows:
        limit = TARGETS.get(name)
        note = ""
        if limit is not None:
            met = value <= limit
            note = f"  [target ≤ {limit:g} {unit}: {'met' if met else 'MISSED'}]"
            missed += [] if met else [name]
        print(f"{name}: {value:.3f} {unit}{note}", flush=True)
    for name in missed:
        print(f"missed target: {name}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
