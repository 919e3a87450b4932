"""How fast and how lean the build is: the three courses, a generated 300-lesson course, no-op rebuilds.

Run from the repository root: `python3 benchmarks/bench_build.py [--root PATH] [--lessons 300]`.
Prints one `name: value unit` per line, in a stable order, so runs can be compared line by line:

  build_<project>            one clean build of every course, formats scorm12 + scorm2004 + web
  build_cpu_<project>        the CPU time of that build (honest on a busy machine, where the clock is not)
  noop_<project>             the same build again with nothing changed (see builder/incremental.py)
  cli_noop_<project>         the same no-op through the `etos build` command, Python start-up included
  peak_memory_<project>      the largest resident set of the process doing the clean build and the no-op
  size_<course>_<format>     each package
  player_bytes               the player's JavaScript and CSS, as copied into every package
  suspend_data_<course>      characters of suspend data after a learner has done everything in a course,
                             as sent to a SCORM 1.2 LMS (which keeps at most 4,096)
  lms_calls_per_lesson_change_<standard>   LMS calls (SetValue and Commit) when a learner goes on to
                             the next lesson, counted by running the player under Node

<project> is `three_courses` (the project at --root) and `generated_<n>_lessons`: one course of n lessons,
each about 600 words with a table, an image and three questions, written to a temporary folder. Each
project is measured in a fresh process, with imports done before the clock starts.

Targets: the three courses under 1 s, 300 lessons under 3 s, a no-op under 0.2 s, under 100 MB of
memory. Exits 1 when one is missed, so CI can watch them.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

FORMATS = ["scorm12", "scorm2004", "web"]
SCHEMAS = REPO.parent / "shared" / "scorm-schemas"
SUSPEND_DATA_DRIVER = REPO / "tests" / "suspend_data.js"
LMS_CALLS_DRIVER = REPO / "benchmarks" / "lms_calls.js"
SCORM12_SUSPEND_LIMIT = 4096
TARGETS = {  # name prefix → (limit, unit)
    "build_three_courses": (1.0, "s"),
    "build_generated_300_lessons": (3.0, "s"),
    "noop_": (0.2, "s"),
    "peak_memory_": (100.0, "MB"),
}

WORDS = ("myndigheten förvaltningen beslutet ärendet den enskilde handläggaren lagen regeringsformen "
         "förvaltningslagen offentlighetsprincipen allmänna handlingar sekretess jäv objektivitet "
         "likabehandling legalitet demokrati service effektivitet respekt yttrandefrihet medborgaren "
         "ska får inte alltid därför eftersom när om och eller men också även bara till från med "
         "för av på i under efter innan mellan genom utan enligt kring trots samt både varje ingen "
         "tydligt snabbt rättssäkert sakligt opartiskt öppet skriftligt muntligt").split()
TERMS = ["jäv", "legalitet", "objektivitet", "offentlighetsprincipen", "sekretess"]


# --- the generated course ----------------------------------------------------------------------------


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, words: int) -> str:
    sentences, left = [], words
    while left > 0:
        length = min(left, rng.randint(8, 18))
        sentences.append(sentence(rng, length))
        left -= length
    return " ".join(sentences)


def png(rng: random.Random, width: int = 96, height: int = 64) -> bytes:
    """A small valid PNG of noise: like a photo, it hardly compresses."""
    rows = b"".join(b"\x00" + bytes(rng.getrandbits(8) for _ in range(width * 3)) for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def question_yaml(rng: random.Random, question_id: str, kind: str, indent: str = "") -> str:
    if kind == "sant-falskt":
        options = [("Sant", True), ("Falskt", False)]
        rng.shuffle(options)
    else:
        options = [(sentence(rng, 6), index == 0 or (kind == "flerval" and index == 1)) for index in range(4)]
    lines = [f"id: {question_id}", f"typ: {kind}", f"fråga: {sentence(rng, 10)}", "alternativ:"]
    for text, correct in options:
        lines.append(f"  - text: {text}")
        if correct:
            lines.append("    rätt: ja")
        lines.append(f"    återkoppling: {sentence(rng, 8)}")
    lines.append(f"förklaring: {sentence(rng, 12)}")
    return "\n".join(indent + line for line in lines)


def lesson_text(rng: random.Random, number: int) -> str:
    body = [paragraph(rng, 110) for _ in range(5)]
    body[1] += f" Det här gäller [[{rng.choice(TERMS)}]] i varje ärende."
    table = ["| Princip | Vad den kräver |", "|---|---|"]
    table += [f"| {rng.choice(TERMS).capitalize()} | {sentence(rng, 7)} |" for _ in range(4)]
    checks = [f":::kunskapskoll\n{question_yaml(rng, f'l{number:03}-koll-{index}', kind)}\n:::"
              for index, kind in enumerate(["enval", "flerval", "sant-falskt"], start=1)]
    return "\n".join([
        "---", f"id: lektion-{number:03}", f"titel: Lektion {number} – {sentence(rng, 4)[:-1]}", "minuter: 5", "---",
        body[0], "", body[1], "", f"## Avsnitt {number}", "", body[2], "", *table, "",
        f"![En bild till lektion {number}](media/bild-{number:03}.png)", "", body[3], "", body[4], "",
        *[check + "\n" for check in checks],
    ])


def generate_project(root: Path, lessons: int) -> None:
    """A project with one course of `lessons` lessons, deterministic for a given count."""
    rng = random.Random(lessons)
    course = root / "stor_kurs"
    (course / "lessons").mkdir(parents=True)
    (course / "media").mkdir()
    (root / "courses").mkdir()
    (root / "courses" / "katalog.yaml").write_text(
        "utgivare: Provmyndigheten\nlicens: CC BY 4.0\nkurser: [stor_kurs]\n", encoding="utf-8")
    (root / "courses" / "ordlista.yaml").write_text("termer:\n" + "".join(
        f"  - term: {term}\n    definition: {sentence(rng, 12)}\n" for term in TERMS), encoding="utf-8")
    names = []
    for number in range(1, lessons + 1):
        name = f"{number:03}-lektion-{number}.md"
        names.append(name)
        (course / "lessons" / name).write_text(lesson_text(rng, number), encoding="utf-8")
        (course / "media" / f"bild-{number:03}.png").write_bytes(png(rng))
    pool = [question_yaml(rng, f"slut-{index:02}", ["enval", "flerval", "sant-falskt"][index % 3], "    ")
            for index in range(1, 31)]
    (course / "questions.yaml").write_text(
        "frågor:\n" + "\n".join("  - " + question.lstrip() for question in pool) + "\n", encoding="utf-8")
    (course / "course.yaml").write_text("\n".join([
        "id: stor-kurs", "titel: En stor kurs", 'version: "1.0"', f"minuter: {lessons * 5}",
        "beskrivning: En genererad kurs för att mäta hur snabbt Etos bygger.",
        "lärandemål:", "  - Känna till principerna.", "lektioner:", *[f"  - {name}" for name in names],
        "sluttest:", "  antal: 10", "  godkänt: 80", "",
    ]), encoding="utf-8")


# --- one project, measured in its own process --------------------------------------------------------


def measure(root: Path, name: str) -> list[tuple[str, float | str, str]]:
    """Clean build, no-op build and package sizes of one project, in this process."""
    from builder.build import build

    schemas = SCHEMAS if SCHEMAS.is_dir() else None
    results: list[tuple[str, float | str, str]] = []
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "dist"
        started, started_cpu = time.perf_counter(), time.process_time()
        result = build(root, out, formats=FORMATS, schema_folder=schemas, force=True)
        results.append((f"build_{name}", time.perf_counter() - started, "s"))
        results.append((f"build_cpu_{name}", time.process_time() - started_cpu, "s"))
        started = time.perf_counter()
        again = build(root, out, formats=FORMATS, schema_folder=schemas)
        results.append((f"noop_{name}", time.perf_counter() - started, "s"))
        assert not again.written, "the no-op build wrote files"
        started = time.perf_counter()
        command = [sys.executable, "-m", "builder.cli", "--root", str(root), "build", "--out", str(out),
                   *[option for kind in FORMATS for option in ("--format", kind)]]
        if schemas:
            command += ["--schemas", str(schemas)]
        subprocess.run(command, check=True, capture_output=True, cwd=REPO)
        results.append((f"cli_noop_{name}", time.perf_counter() - started, "s"))
        results.append((f"peak_memory_{name}", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "MB"))
        for path in sorted(result.written):
            course, kind = path.parent.name, path.stem.rsplit("-", 1)[-1]
            results.append((f"size_{course}_{kind}", path.stat().st_size / 1024, "kB"))
    return results + suspend_data_lengths(root)


def child(arguments: argparse.Namespace) -> None:
    """The --measure mode: one project in this fresh process, results as JSON on stdout."""
    from builder.build import build  # noqa: F401 - imported before the clock starts

    if arguments.measure == "three_courses":
        print(json.dumps(measure(arguments.root, "three_courses")))
        return
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "projekt"
        generate_project(root, arguments.lessons)
        print(json.dumps(measure(root, f"generated_{arguments.lessons}_lessons")))


def run_child(arguments: argparse.Namespace, project: str) -> list[tuple[str, float | str, str]]:
    command = [sys.executable, __file__, "--measure", project, "--root", str(arguments.root),
               "--lessons", str(arguments.lessons)]
    completed = subprocess.run(command, check=True, capture_output=True, text=True)
    return [tuple(row) for row in json.loads(completed.stdout)]


# --- the player ----------------------------------------------------------------------------------------


def player_bytes() -> int:
    static = REPO / "templates" / "player" / "static"
    return sum(path.stat().st_size for path in static.rglob("*") if path.suffix in (".js", ".css"))


def suspend_data_lengths(root: Path) -> list[tuple[str, float | str, str]]:
    """Suspend data after doing everything in each course, from the player's own encoder under Node."""
    from builder.load import load_project
    from builder.package.player_data import player_data
    from builder.render import render_course

    project = load_project(root)
    rows: list[tuple[str, float | str, str]] = []
    usable = shutil.which("node") and (REPO / "templates/player/static/progress.js").is_file()
    process = subprocess.Popen(["node", str(SUSPEND_DATA_DRIVER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               text=True) if usable else None
    for course in project.courses:
        if process is None:
            rows.append((f"suspend_data_{course.id}", "n/a", "chars"))
            continue
        data = player_data(render_course(course, project.catalogue))
        process.stdin.write(json.dumps({"data": data, "state": finished(data), "limit": SCORM12_SUSPEND_LIMIT}) + "\n")
        process.stdin.flush()
        reply = json.loads(process.stdout.readline())
        rows.append((f"suspend_data_{course.id}", len(reply["encoded"]) if "encoded" in reply else "n/a", "chars"))
    if process:
        process.stdin.close()
        process.wait(timeout=10)
    return rows + lms_calls_per_lesson_change(player_data(render_course(project.courses[0], project.catalogue)))


def lms_calls_per_lesson_change(data: dict) -> list[tuple[str, float | str, str]]:
    """How many calls reach the LMS when the learner turns to the next lesson, per SCORM version."""
    standards = ("scorm12", "scorm2004")
    if not shutil.which("node") or len(data["lessons"]) < 2:
        return [(f"lms_calls_per_lesson_change_{s}", "n/a", "calls") for s in standards]
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8") as handle:
        json.dump(data, handle)
        handle.flush()
        counts = json.loads(subprocess.run(["node", str(LMS_CALLS_DRIVER), handle.name], capture_output=True,
                                           text=True, check=True).stdout)
    return [(f"lms_calls_per_lesson_change_{s}", counts[s], "calls") for s in standards]


def finished(data: dict) -> dict:
    """A learner who read every lesson, answered every check and dilemma and passed the test."""
    test = data["test"]
    lessons = [lesson["id"] for lesson in data["lessons"]]
    return {
        "done": lessons,
        "reached": lessons,
        "checks": {qid: question["correct"] for qid, question in data["checks"].items()},
        "dilemmas": {did: (dilemma["recommended"] or [0])[:1] for did, dilemma in data["dilemmas"].items()},
        "test": None if test is None else {
            "attempts": 1, "score": 100, "passed": True, "submitted": True, "seed": 2**32 - 1,
            "draw": [{"id": q["id"], "answer": q["correct"]} for q in test["questions"][:test["draw"]]],
            "seen": [q["id"] for q in test["questions"][:test["draw"]]],
        },
        "completed": True,
        "seed": 2**32 - 1,
    }


# --- the report ------------------------------------------------------------------------------------------


def missed_targets(rows: list[tuple[str, float | str, str]]) -> list[str]:
    missed = []
    for name, value, unit in rows:
        for prefix, (limit, _) in TARGETS.items():
            if name.startswith(prefix) and isinstance(value, float) and value >= limit:
                missed.append(f"{name}: {value:.3f} {unit}, target under {limit} {unit}")
    return missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=REPO, help="project with the courses to build")
    parser.add_argument("--lessons", type=int, default=300, help="lessons of the generated course")
    parser.add_argument("--measure", choices=["three_courses", "generated"], help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.measure:
        child(arguments)
        return 0

    rows = run_child(arguments, "three_courses") + run_child(arguments, "generated")
    rows.append(("player_bytes", player_bytes(), "bytes"))
    for name, value, unit in rows:
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        print(f"{name}: {shown} {unit}")
    sys.stdout.flush()
    missed = missed_targets(rows)
    for line in missed:
        print(f"missed target: {line}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
