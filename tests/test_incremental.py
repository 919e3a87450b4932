"""No-op rebuilds: an unchanged course is not written again, and anything that would change its
outputs — a source, an output, a setting — makes it build again, with the bytes a clean build gives."""

from __future__ import annotations

import importlib.metadata
import json
import os
import shutil
import time
from pathlib import Path

import pytest
import yaml

import builder
from builder import incremental
from builder.build import build
from builder.incremental import LIBRARIES, RememberedHashes, Stamp, folder_hash, library_versions, stamp_path
from builder.problems import SourceErrors

FORMATS = ["scorm12", "scorm2004", "web"]
LESSON = Path("provkurs/lessons/02-legalitet.md")


def files_with_times(out: Path) -> dict[str, int]:
    return {p.relative_to(out).as_posix(): p.stat().st_mtime_ns for p in sorted(out.rglob("*")) if p.is_file()}


def files_with_bytes(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.zip"))}


def add_second_course(project: Path) -> None:
    """A copy of provkurs under another folder and id, so that one course can change alone."""
    shutil.copytree(project / "provkurs", project / "andra")
    course = project / "andra" / "course.yaml"
    course.write_text(course.read_text(encoding="utf-8").replace("id: provkurs", "id: andra"), encoding="utf-8")
    catalogue = project / "courses" / "katalog.yaml"
    catalogue.write_text(catalogue.read_text(encoding="utf-8").replace("[provkurs]", "[provkurs, andra]"),
                         encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def built(project: Path, tmp_path: Path) -> Path:
    """The fixture project built once into tmp_path/dist."""
    out = tmp_path / "dist"
    result = build(project, out, formats=FORMATS)
    assert len(result.written) == 3 and stamp_path(out, "provkurs").is_file()
    return out


def rebuild(project: Path, out: Path, **options):
    return build(project, out, formats=options.pop("formats", FORMATS), **options)


def test_second_build_writes_nothing_and_loads_nothing(project, built):
    before = files_with_times(built)
    result = rebuild(project, built)
    assert result.written == []
    assert sorted(p.name for p in result.unchanged) == [f"provkurs-1.0-{kind}.zip" for kind in FORMATS]
    assert result.project is None
    assert files_with_times(built) == before


def test_touching_sources_without_changing_them_rebuilds_nothing(project, built):
    before = files_with_times(built)
    for path in project.rglob("*"):
        if path.is_file():
            path.write_bytes(path.read_bytes())
    assert rebuild(project, built).written == []
    assert files_with_times(built) == before


def test_changed_lesson_rebuilds_and_matches_a_clean_build(project, built, tmp_path):
    edit(project / LESSON, "All offentlig makt", "All offentlig makt i Sverige")
    result = rebuild(project, built)
    assert sorted(p.name for p in result.written) == [f"provkurs-1.0-{kind}.zip" for kind in FORMATS]
    clean = tmp_path / "clean"
    build(project, clean, formats=FORMATS)
    assert files_with_bytes(built) == files_with_bytes(clean)
    assert rebuild(project, built).written == []


def test_changed_source_is_validated_before_anything_is_skipped(project, built):
    edit(project / LESSON, "minuter: 5", "minuter: fem")
    before = files_with_times(built)
    with pytest.raises(SourceErrors) as failure:
        rebuild(project, built)
    assert [(p.code, p.place) for p in failure.value.problems.errors] == [("wrong-type", f"{LESSON}:4")]
    assert files_with_times(built) == before


@pytest.mark.parametrize("damage", ["delete", "overwrite"])
def test_missing_or_altered_output_is_built_again(project, built, damage):
    package = built / "provkurs" / "provkurs-1.0-web.zip"
    original = package.read_bytes()
    if damage == "delete":
        package.unlink()
    else:
        package.write_bytes(b"not a zip")
    result = rebuild(project, built)
    assert package in result.written
    assert package.read_bytes() == original


@pytest.mark.parametrize("change", ["new guide chapter", "glossary", "catalogue", "shared media removed"])
def test_any_input_of_the_course_counts(project, built, change):
    if change == "new guide chapter":
        (project / "provkurs/handledning/02-efter-passet.md").write_text("# Efter passet\n\nSamla in lapparna.\n",
                                                                         encoding="utf-8")
    elif change == "glossary":
        edit(project / "courses/ordlista.yaml", "Att inte ta ställning", "Att aldrig ta ställning")
    elif change == "catalogue":
        edit(project / "courses/katalog.yaml", "Provmyndigheten", "Provverket")
    else:  # the lesson's image moves to the shared folder: first build, then take the shared file away
        (project / "courses/media").mkdir()
        shutil.move(project / "provkurs/media/jävsgrunder.png", project / "courses/media/jävsgrunder.png")
        assert rebuild(project, built).written
        (project / "courses/media/jävsgrunder.png").unlink()
        with pytest.raises(SourceErrors):
            rebuild(project, built)
        return
    assert len(rebuild(project, built).written) == 3


def test_dates_or_force_build_again(project, built, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert len(rebuild(project, built).written) == 3
    assert rebuild(project, built).written == []
    assert len(rebuild(project, built, force=True).written) == 3


def test_only_the_changed_course_is_written(project, tmp_path):
    add_second_course(project)
    out = tmp_path / "dist"
    assert len(build(project, out, formats=FORMATS).written) == 6
    before = files_with_times(out / "provkurs")
    edit(project / "andra/lessons/02-legalitet.md", "All offentlig makt", "All offentlig makt i Sverige")
    result = build(project, out, formats=FORMATS)
    assert {p.parent.name for p in result.written} == {"andra"}
    assert {p.parent.name for p in result.unchanged} == {"provkurs"}
    assert files_with_times(out / "provkurs") == before
    assert build(project, out, ["andra"], formats=FORMATS).project is None


def zips(out: Path) -> list[str]:
    return sorted(p.name for p in (out / "provkurs").iterdir())


def stamped(out: Path) -> Stamp:
    stamp = Stamp.read(stamp_path(out, "provkurs"))
    assert stamp is not None
    return stamp


def add_medium(project: Path, folder: str) -> Path:
    """The lesson's image copied into folder (below the project) and the first lesson pointing at it."""
    target = project / folder / "jävsgrunder.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(project / "provkurs/media/jävsgrunder.png", target)
    reference = target.relative_to(project / "provkurs").as_posix() if "provkurs" in folder else "media/jävsgrunder.png"
    if "provkurs" not in folder:
        (project / "provkurs/media/jävsgrunder.png").unlink()  # the shared copy is the one found
    else:
        edit(project / "provkurs/lessons/01-jav.md", "(media/jävsgrunder.png)", f"({reference})")
    return target


def change_image(path: Path) -> None:
    path.write_bytes(path.read_bytes() + b"\0")  # bytes after IEND: still a PNG, other bytes


# Every kind of input, edited after a build: each must build the course again, with clean-build bytes.
INPUT_CHANGES = {
    "course.yaml": lambda p: edit(p / "provkurs/course.yaml", "titel: Provkurs", "titel: Ny provkurs"),
    "lesson": lambda p: edit(p / LESSON, "All offentlig makt", "All offentlig makt i Sverige"),
    "questions.yaml": lambda p: (p / "provkurs/questions.yaml").write_text(
        (p / "provkurs/questions.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8"),
    "guide yaml": lambda p: (p / "provkurs/handledning/handledning.yaml").write_text(
        (p / "provkurs/handledning/handledning.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8"),
    "guide chapter": lambda p: edit(p / "provkurs/handledning/01-till-dig.md", "# ", "# Ny: "),
    "glossary": lambda p: edit(p / "courses/ordlista.yaml", "Att inte ta ställning", "Att aldrig ta ställning"),
    "catalogue": lambda p: edit(p / "courses/katalog.yaml", "Provmyndigheten", "Provverket"),
    "medium": lambda p: change_image(p / "provkurs/media/jävsgrunder.png"),
}


@pytest.mark.parametrize("kind", sorted(INPUT_CHANGES))
def test_a_change_to_each_kind_of_input_rebuilds_with_clean_build_bytes(project, built, tmp_path, kind):
    INPUT_CHANGES[kind](project)
    assert len(rebuild(project, built).written) == 3
    clean = tmp_path / "clean"
    build(project, clean, formats=FORMATS)
    assert files_with_bytes(built) == files_with_bytes(clean)


@pytest.mark.parametrize("folder", ["provkurs/.bilder", "provkurs/media/.dolda", "courses/media"])
def test_a_medium_in_a_hidden_or_shared_folder_is_stamped(project, tmp_path, folder):
    """The old bug: a medium below a hidden folder was packaged but not stamped, so its old bytes shipped."""
    medium = add_medium(project, folder)
    out = tmp_path / "dist"
    build(project, out, formats=FORMATS)
    assert incremental.relative(medium, project) in stamped(out).inputs
    change_image(medium)
    assert len(build(project, out, formats=FORMATS).written) == 3
    with __import__("zipfile").ZipFile(out / "provkurs/provkurs-1.0-web.zip") as archive:
        packaged = [archive.read(name) for name in archive.namelist() if name.endswith(".png")]
    assert medium.read_bytes() in packaged


def test_a_hidden_guide_chapter_is_stamped_and_its_change_rebuilds(project, tmp_path):
    chapter = project / "provkurs/handledning/.extra.md"
    chapter.write_text("# Extra\n\nFör den som vill mer.\n", encoding="utf-8")
    out = tmp_path / "dist"
    build(project, out, formats=FORMATS)
    assert "provkurs/handledning/.extra.md" in stamped(out).inputs
    edit(chapter, "vill mer", "vill ännu mer")
    assert len(build(project, out, formats=FORMATS).written) == 3


def test_a_new_guide_chapter_rebuilds_even_though_nothing_read_it_yet(project, built):
    (project / "provkurs/handledning/.02-efter.md").write_text("# Efter\n\nSamla in lapparna.\n", encoding="utf-8")
    assert len(rebuild(project, built).written) == 3


def test_a_new_unlisted_lesson_rebuilds_and_warns_and_strict_refuses_it(project, built):
    (project / "provkurs/lessons/03-utkast.md").write_text((project / LESSON).read_text(encoding="utf-8"),
                                                            encoding="utf-8")
    result = rebuild(project, built)
    assert len(result.written) == 3
    assert [p.code for p in result.problems.warnings] == ["lesson-not-listed"]
    with pytest.raises(SourceErrors):
        rebuild(project, built, strict=True)


def test_a_file_nothing_reads_may_change_without_a_rebuild(project, built):
    notes = project / "provkurs/anteckningar.txt"
    notes.write_text("att göra\n", encoding="utf-8")
    assert len(rebuild(project, built).written) == 3  # a new file: the listing changed
    notes.write_text("klart\n", encoding="utf-8")
    assert rebuild(project, built).written == []  # its bytes were never read


def test_a_changed_template_rebuilds(project, built, tmp_path, monkeypatch):
    templates = tmp_path / "templates"
    shutil.copytree(builder.templates.templates_folder(), templates)
    monkeypatch.setattr(incremental, "templates_folder", lambda: templates)
    assert rebuild(project, built).written == []  # the same templates, by content, wherever they lie
    css = templates / "player/static/etos.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert len(rebuild(project, built).written) == 3


def test_changed_builder_code_rebuilds(project, built, tmp_path, monkeypatch):
    code = tmp_path / "etos" / "builder"
    shutil.copytree(Path(builder.__file__).parent, code, ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "etos" / "node_modules").symlink_to(Path(builder.__file__).resolve().parent.parent / "node_modules")
    monkeypatch.setattr(builder, "__file__", str(code / "__init__.py"))
    assert rebuild(project, built).written == []  # the same code, by content, wherever it lies
    (code / "render" / "course.py").write_text((code / "render" / "course.py").read_text(encoding="utf-8") + "\n",
                                               encoding="utf-8")
    assert len(rebuild(project, built).written) == 3


def test_a_builder_file_changed_to_the_same_size_rebuilds(project, built, tmp_path, monkeypatch):
    code = tmp_path / "etos" / "builder"
    shutil.copytree(Path(builder.__file__).parent, code, ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "etos" / "node_modules").symlink_to(Path(builder.__file__).resolve().parent.parent / "node_modules")
    monkeypatch.setattr(builder, "__file__", str(code / "__init__.py"))
    assert rebuild(project, built).written == []
    assert str(code.resolve()) in RememberedHashes(built).known  # the copy kept its files' old times
    source = code / "render" / "course.py"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("def ", "def  ", 1).replace("\n\n", "\n", 1), encoding="utf-8")
    assert source.stat().st_size == len(text.encode())
    assert len(rebuild(project, built).written) == 3


def test_a_no_op_reads_neither_the_builders_files_nor_the_catalogues_yaml(project, built, monkeypatch):
    def refuse(*args):
        raise AssertionError("read by a no-op build")

    monkeypatch.setattr(incremental, "folder_hash", refuse)
    monkeypatch.setattr(yaml, "safe_load", refuse)
    assert rebuild(project, built).project is None


def test_a_folder_is_remembered_only_once_its_files_have_settled(tmp_path):
    folder, out = tmp_path / "folder", tmp_path / "dist"
    folder.mkdir()
    (folder / "a.txt").write_text("one", encoding="utf-8")
    hashes = RememberedHashes(out)
    first = hashes.folder_hash(folder)
    hashes.save()
    assert RememberedHashes(out).known == {}  # written a moment ago: a second change could keep its time
    settled = time.time() - 60
    os.utime(folder / "a.txt", (settled, settled))
    hashes = RememberedHashes(out)
    assert hashes.folder_hash(folder) == first
    hashes.save()
    remembered = RememberedHashes(out)
    assert list(remembered.known) == [str(folder.resolve())]
    (folder / "a.txt").write_text("two", encoding="utf-8")  # the same size, another time
    os.utime(folder / "a.txt", (settled + 1, settled + 1))
    assert remembered.folder_hash(folder) == folder_hash(folder) != first


def test_remembered_hashes_that_cannot_be_written_cost_only_time(tmp_path):
    out = tmp_path / "dist"
    out.mkdir()
    (out / incremental.STAMP_FOLDER).write_text("not a folder", encoding="utf-8")
    hashes = RememberedHashes(out)
    folder = Path(builder.__file__).parent
    assert hashes.folder_hash(folder) == folder_hash(folder)
    hashes.save()  # no error, and nothing left behind
    assert sorted(p.name for p in out.iterdir()) == [incremental.STAMP_FOLDER]


def test_library_versions_are_those_installed():
    versions = library_versions()
    for name in LIBRARIES:
        try:
            expected = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            expected = incremental.MISSING
        assert versions[name] == expected, name


def test_another_library_version_rebuilds(project, built, tmp_path, monkeypatch):
    site = tmp_path / "site"
    (site / "markdown-99.0.dist-info").mkdir(parents=True)
    monkeypatch.syspath_prepend(str(site))
    assert library_versions()["Markdown"] == "99.0"
    assert len(rebuild(project, built).written) == 3


def test_another_schema_folder_or_strict_rebuilds(project, built, tmp_path, schema_folder):
    other = tmp_path / "schemas"
    shutil.copytree(schema_folder, other)
    assert len(rebuild(project, built, schema_folder=other).written) == 3
    assert rebuild(project, built, schema_folder=other).written == []
    (other / "scorm12" if (other / "scorm12").is_dir() else other / "scorm12edition").joinpath("extra.xsd").write_text(
        "<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema'/>", encoding="utf-8")
    assert len(rebuild(project, built, schema_folder=other).written) == 3
    assert len(rebuild(project, built, schema_folder=other, strict=True).written) == 3


def test_fewer_formats_of_a_current_course_is_a_no_op_that_keeps_the_others(project, built):
    result = rebuild(project, built, formats=["web"])
    assert result.written == [] and [p.name for p in result.unchanged] == ["provkurs-1.0-web.zip"]
    assert zips(built) == [f"provkurs-1.0-{kind}.zip" for kind in FORMATS]


def test_a_build_of_some_formats_removes_the_stale_outputs_of_the_others(project, built):
    edit(project / LESSON, "All offentlig makt", "All offentlig makt i Sverige")
    assert [p.name for p in rebuild(project, built, formats=["scorm12"]).written] == ["provkurs-1.0-scorm12.zip"]
    assert zips(built) == ["provkurs-1.0-scorm12.zip"]  # never a fresh scorm12 beside a stale web.zip
    assert sorted(stamped(built).outputs) == ["scorm12"]


def test_a_build_of_another_format_keeps_outputs_that_are_still_current(project, tmp_path):
    out = tmp_path / "dist"
    build(project, out, formats=["scorm12"])
    assert [p.name for p in build(project, out, formats=["web"]).written] == ["provkurs-1.0-web.zip"]
    assert zips(out) == ["provkurs-1.0-scorm12.zip", "provkurs-1.0-web.zip"]
    assert sorted(stamped(out).outputs) == ["scorm12", "web"]
    assert build(project, out, formats=["scorm12", "web"]).project is None


def test_a_stray_file_in_the_course_output_folder_goes_with_a_rebuild(project, built):
    (built / "provkurs" / "gammal.zip").write_bytes(b"old")
    edit(project / LESSON, "All offentlig makt", "All offentlig makt i Sverige")
    rebuild(project, built)
    assert zips(built) == [f"provkurs-1.0-{kind}.zip" for kind in FORMATS]


def test_the_stamp_lists_exactly_the_files_read(project, built):
    inputs = {name for name in stamped(built).inputs if not name.startswith("/")}
    assert inputs == {
        "courses/katalog.yaml", "courses/ordlista.yaml", "provkurs/course.yaml", "provkurs/questions.yaml",
        "provkurs/handledning/handledning.yaml", "provkurs/handledning/01-till-dig.md",
        "provkurs/lessons/01-jav.md", "provkurs/lessons/02-legalitet.md", "provkurs/media/jävsgrunder.png",
    }
    assert json.loads(stamp_path(built, "provkurs").read_text(encoding="utf-8"))["stamp"] == incremental.STAMP_FORMAT
