"""Broken course sources are refused with one clear message at file:line, never a traceback, and
nothing reaches the output folder. Sources that only look dangerous (XML special characters in
titles, å, ä and ö in file names) build and come out escaped and transliterated.

The corpus lives in tests/broken/: one YAML file per case, describing a change to a copy of
tests/fixtures/provprojekt and the problem it must produce. Cases that need files made at run time
(a 50 MB image, symlinks) are the functions at the end of this module.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from lxml import etree, html
from pypdf import PdfReader

from builder.cli import main

TESTS = Path(__file__).parent
CORPUS = TESTS / "broken"
SCHEMAS = TESTS.parent.parent / "shared" / "scorm-schemas"
# Written into the output folder before every build: it must be exactly the same afterwards.
EARLIER_OUTPUT = {
    "provkurs/provkurs-1.0-web.zip": b"an earlier, good package",
    "README.txt": b"written by someone else",
}


@dataclass
class Case:
    """One broken source: what to change, and the problem that change must cause."""

    name: str
    why: str
    changes: list[dict]
    code: str
    at: str
    says: str
    errors: int = 1

    @property
    def file(self) -> str:
        return self.at.rsplit(":", 1)[0] if self.at[-1].isdigit() and ":" in self.at else self.at

    @property
    def line(self) -> int | None:
        return int(self.at.rsplit(":", 1)[1]) if self.file != self.at else None


def load_cases() -> list[Case]:
    cases = []
    for path in sorted(CORPUS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        expect = data["expect"]
        cases.append(Case(path.stem, data["why"], data["changes"], expect["code"], str(expect["at"]),
                          expect["says"], expect.get("errors", 1)))
    return cases


CASES = load_cases()


def apply_change(root: Path, change: dict) -> None:
    """One change of a case: replace a line or a text, append, write, or delete a file."""
    target = root / change["file"]
    if change.get("delete"):
        shutil.rmtree(target) if target.is_dir() else target.unlink()
        return
    text = target.read_text(encoding="utf-8") if target.exists() else ""
    if "line" in change:
        lines = text.split("\n")
        lines[change["line"] - 1] = change["replace"]
        text = "\n".join(lines)
    elif "find" in change:
        assert text.count(change["find"]) == 1, f"{change['find']!r} must occur once in {change['file']}"
        text = text.replace(change["find"], change["replace"])
    elif "append" in change:
        text += change["append"]
    elif "content" in change:
        text = change["content"]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(text.encode(change.get("encoding", "utf-8")))


def prepared_output(tmp_path: Path) -> Path:
    out = tmp_path / "dist"
    for name, data in EARLIER_OUTPUT.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)
    return out


def snapshot(folder: Path) -> dict[str, tuple[bytes | None, int]]:
    """Every path below folder (hidden ones too) with its bytes and modification time."""
    state = {}
    for path in sorted(folder.rglob("*")):
        data = path.read_bytes() if path.is_file() else None
        state[path.relative_to(folder).as_posix()] = (data, path.stat().st_mtime_ns)
    return state


def run_cli(*arguments: str) -> Result:
    return CliRunner().invoke(main, list(arguments))


def assert_refused(root: Path, out: Path, code: str, file: str, line: int | None, says: str,
                   errors: int = 1, quotes_absolute_path: bool = False) -> None:
    """The build exits 1 with the message at file:line and leaves out exactly as it was."""
    before = snapshot(out)
    result = run_cli("--root", str(root), "build", "--out", str(out))
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    if not quotes_absolute_path:
        assert str(root) not in result.output, "messages name places relative to the project root"
    place = f"{file}:{line}" if line else file
    message_lines = [row for row in result.output.splitlines() if row.startswith(f"{place}: fel: ")]
    assert any(says in row for row in message_lines), f"no message {says!r} at {place}:\n{result.output}"
    assert snapshot(out) == before

    checked = run_cli("--root", str(root), "check", "--format", "json")
    assert checked.exit_code == 1, checked.output
    report = json.loads(checked.stdout)
    found = [p for p in report["problems"] if p["severity"] == "error"]
    assert {"code": code, "file": file, "line": line} in [
        {"code": p["code"], "file": p["file"], "line": p["line"]} for p in found
    ], json.dumps(found, ensure_ascii=False, indent=1)
    assert len(found) == errors, json.dumps(found, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_broken_source_is_refused_with_its_own_message(case: Case, project: Path, tmp_path: Path) -> None:
    for change in case.changes:
        apply_change(project, change)
    assert_refused(project, prepared_output(tmp_path), case.code, case.file, case.line, case.says, case.errors)


def test_corpus_covers_at_least_thirty_mistakes_with_many_kinds_of_message() -> None:
    assert len(CASES) >= 30
    assert len({case.code for case in CASES}) >= 30


# --- cases made at run time ------------------------------------------------------------------------

LESSON = "provkurs/lessons/01-jav.md"
IMAGE_LINE = 8  # the line of the image in the fixture's first lesson


def point_image_at(root: Path, target: str) -> None:
    path = root / LESSON
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[IMAGE_LINE - 1].startswith("![")
    lines[IMAGE_LINE - 1] = f"![Ett diagram över jävsgrunderna]({target})"
    path.write_text("\n".join(lines), encoding="utf-8")


def test_image_of_50_mb_is_refused(project: Path, tmp_path: Path) -> None:
    huge = project / "provkurs" / "media" / "stor.png"
    with huge.open("wb") as file:
        file.write(b"\x89PNG\r\n\x1a\n")
        file.truncate(50 * 1024 * 1024)  # sparse: 50 MB without writing 50 MB
    point_image_at(project, "media/stor.png")
    assert_refused(project, prepared_output(tmp_path), "media-too-large", LESSON, IMAGE_LINE,
                   "är 50.0 MB, största tillåtna storlek är 10 MB")


def secret_outside(tmp_path: Path) -> Path:
    secret = tmp_path / "hemligt" / "lösenord.png"
    secret.parent.mkdir()
    secret.write_bytes(b"\x89PNG\r\n\x1a\nHEMLIGT-INNEHALL")
    return secret


@pytest.mark.parametrize("linked", ["file", "folder"])
def test_media_symlink_pointing_outside_the_course_is_refused(project: Path, tmp_path: Path, linked: str) -> None:
    secret = secret_outside(tmp_path)
    media = project / "provkurs" / "media"
    if linked == "file":
        (media / "genvag.png").symlink_to(secret)
        reference = "media/genvag.png"
    else:
        (media / "mapp").symlink_to(secret.parent, target_is_directory=True)
        reference = f"media/mapp/{secret.name}"
    point_image_at(project, reference)
    out = prepared_output(tmp_path)
    assert_refused(project, out, "media-outside", LESSON, IMAGE_LINE, "ligger utanför kursmappen")
    assert not any(b"HEMLIGT" in (data or b"") for data, _ in snapshot(out).values())


def test_media_symlink_loop_is_an_error_not_a_crash(project: Path, tmp_path: Path) -> None:
    (project / "provkurs" / "media" / "ring.png").symlink_to("ring.png")
    point_image_at(project, "media/ring.png")
    assert_refused(project, prepared_output(tmp_path), "media-missing", LESSON, IMAGE_LINE, "finns inte")


@pytest.mark.parametrize("source", ["lesson", "guide chapter"])
def test_source_symlink_pointing_outside_the_course_is_refused(project: Path, tmp_path: Path, source: str) -> None:
    outside = tmp_path / "annan-kurs.md"
    outside.write_text("---\nid: annan\ntitel: HEMLIGT\nminuter: 1\n---\nHEMLIGT-INNEHALL\n", encoding="utf-8")
    if source == "lesson":
        (project / "provkurs/lessons/03-genvag.md").symlink_to(outside)
        course = project / "provkurs/course.yaml"
        course.write_text(course.read_text(encoding="utf-8").replace(
            "  - 02-legalitet.md\n", "  - 02-legalitet.md\n  - 03-genvag.md\n"), encoding="utf-8")
        file, line = "provkurs/course.yaml", 17
    else:
        (project / "provkurs/handledning/02-genvag.md").symlink_to(outside)
        file, line = "provkurs/handledning/handledning.yaml", 1
    out = prepared_output(tmp_path)
    assert_refused(project, out, "path-outside", file, line, "ligger utanför kursmappen")
    assert not any(b"HEMLIGT" in (data or b"") for data, _ in snapshot(out).values())


@pytest.mark.parametrize("reference", ["../hemligt/lösenord.png", "{secret}", "media/../../hemligt/lösenord.png"])
def test_media_path_leaving_the_course_folder_is_refused(project: Path, tmp_path: Path, reference: str) -> None:
    secret = secret_outside(tmp_path)
    shutil.move(secret.parent, project / "hemligt")  # inside the project, outside the course
    point_image_at(project, reference.format(secret=project / "hemligt" / "lösenord.png"))
    out = prepared_output(tmp_path)
    assert_refused(project, out, "media-outside", LESSON, IMAGE_LINE, "ligger utanför kursmappen",
                   quotes_absolute_path=reference.startswith("{"))


# --- the other side of the coin: odd but valid sources ---------------------------------------------

TRICKY_TITLE = 'Jäv & "opartiskhet" <i> \'förvaltning\' ]]> &amp;'
TRICKY_LESSON_TITLE = "Lag & <rätt> \"citat\""
TRICKY_MEDIA = "Översikt-åäö-ÅÄÖ.png"


def tricky_project(root: Path) -> Path:
    course = root / "provkurs" / "course.yaml"
    text = course.read_text(encoding="utf-8").split("\n")
    text[1] = "titel: " + json.dumps(TRICKY_TITLE, ensure_ascii=False)
    course.write_text("\n".join(text), encoding="utf-8")
    lesson = root / "provkurs" / "lessons" / "02-legalitet.md"
    lines = lesson.read_text(encoding="utf-8").split("\n")
    lines[2] = "titel: " + json.dumps(TRICKY_LESSON_TITLE, ensure_ascii=False)
    lines[5] += f"\n\n![Översikt över lagarna](media/{TRICKY_MEDIA})"
    lesson.write_text("\n".join(lines), encoding="utf-8")
    shutil.copy(root / "provkurs" / "media" / "jävsgrunder.png", root / "provkurs" / "media" / TRICKY_MEDIA)
    return root


def test_special_characters_and_swedish_file_names_build_escaped_and_transliterated(
        project: Path, tmp_path: Path) -> None:
    root = tricky_project(project)
    out = tmp_path / "dist"
    arguments = ["--root", str(root), "build", "--out", str(out)]
    if SCHEMAS.is_dir():
        arguments += ["--schemas", str(SCHEMAS)]
    result = run_cli(*arguments)
    assert result.exit_code == 0, result.output

    packages = sorted((out / "provkurs").glob("*.zip"))
    assert [p.name for p in packages] == [
        "provkurs-1.0-cmi5.zip", "provkurs-1.0-scorm12.zip", "provkurs-1.0-scorm2004.zip", "provkurs-1.0-web.zip"]
    for package in packages:
        with zipfile.ZipFile(package) as archive:
            names = archive.namelist()
            assert all(name.isascii() for name in names), names
            assert "media/oversikt-aao-aao.png" in names
            assert "media/javsgrunder.png" in names
            page_bytes = archive.read("index.html")
            manifest = archive.read("imsmanifest.xml") if "imsmanifest.xml" in names else None

        page = html.document_fromstring(page_bytes.decode("utf-8"))
        assert page.findtext(".//title").startswith(TRICKY_TITLE)
        texts = {" ".join(element.text_content().split()) for element in page.body.iter(etree.Element)}
        assert TRICKY_TITLE in texts
        assert TRICKY_LESSON_TITLE in texts
        assert not page.xpath("//i | //rätt"), "a title became markup"
        assert page.xpath('//img[@src="media/oversikt-aao-aao.png"]')
        data = json.loads(page.get_element_by_id("etos-data").text)
        assert data["title"] == TRICKY_TITLE
        assert TRICKY_LESSON_TITLE in [lesson["title"] for lesson in data["lessons"]]

        if manifest is not None:
            document = etree.fromstring(manifest)
            titles = [e.text for e in document.iter() if etree.QName(e).localname == "title" and e.text.strip()]
            assert titles and set(titles) == {TRICKY_TITLE}
            lom_strings = [e.text for e in document.iter() if etree.QName(e).localname == "string"]
            assert TRICKY_TITLE in lom_strings or "scorm12" in package.name
            hrefs = [e.get("href") for e in document.iter() if e.get("href")]
            assert "media/oversikt-aao-aao.png" in hrefs
            assert all(href.isascii() for href in hrefs)

    printed = sorted(path.name for path in (out / "provkurs").iterdir() if path.suffix in (".html", ".pdf"))
    assert all(name.isascii() for name in printed)
    for name in printed:
        if name.endswith(".html"):
            page = html.document_fromstring((out / "provkurs" / name).read_text(encoding="utf-8"))
            assert page.findtext(".//title").startswith(TRICKY_TITLE)
            assert TRICKY_TITLE in {" ".join(e.text_content().split()) for e in page.body.iter(etree.Element)}
            assert not page.xpath("//i | //rätt")
        else:
            assert PdfReader(out / "provkurs" / name).metadata.title.startswith(TRICKY_TITLE)
