"""No-op rebuilds: an unchanged course is not written again, and anything that would change its
outputs — a source, an output, a setting — makes it build again, with the bytes a clean build gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builder.build import build
from builder.incremental import stamp_path
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
def built(project: Path, tmp_path: Path, schema_folder: Path) -> Path:
    """The fixture project built once into tmp_path/dist."""
    out = tmp_path / "dist"
    result = build(project, out, formats=FORMATS, schema_folder=schema_folder)
    assert len(result.written) == 3 and stamp_path(out, "provkurs").is_file()
    return out


def rebuild(project: Path, out: Path, schema_folder: Path, **options):
    return build(project, out, formats=options.pop("formats", FORMATS), schema_folder=schema_folder, **options)


def test_second_build_writes_nothing_and_loads_nothing(project, built, schema_folder):
    before = files_with_times(built)
    result = rebuild(project, built, schema_folder)
    assert result.written == []
    assert sorted(p.name for p in result.unchanged) == [f"provkurs-1.0-{kind}.zip" for kind in FORMATS]
    assert result.project is None
    assert files_with_times(built) == before


def test_touching_sources_without_changing_them_rebuilds_nothing(project, built, schema_folder):
    before = files_with_times(built)
    for path in project.rglob("*"):
        if path.is_file():
            path.write_bytes(path.read_bytes())
    assert rebuild(project, built, schema_folder).written == []
    assert files_with_times(built) == before


def test_changed_lesson_rebuilds_and_matches_a_clean_build(project, built, schema_folder, tmp_path):
    edit(project / LESSON, "All offentlig makt", "All offentlig makt i Sverige")
    result = rebuild(project, built, schema_folder)
    assert sorted(p.name for p in result.written) == [f"provkurs-1.0-{kind}.zip" for kind in FORMATS]
    clean = tmp_path / "clean"
    build(project, clean, formats=FORMATS, schema_folder=schema_folder)
    assert files_with_bytes(built) == files_with_bytes(clean)
    assert rebuild(project, built, schema_folder).written == []


def test_changed_source_is_validated_before_anything_is_skipped(project, built, schema_folder):
    edit(project / LESSON, "minuter: 5", "minuter: fem")
    before = files_with_times(built)
    with pytest.raises(SourceErrors) as failure:
        rebuild(project, built, schema_folder)
    assert [(p.code, p.place) for p in failure.value.problems.errors] == [("wrong-type", f"{LESSON}:4")]
    assert files_with_times(built) == before


@pytest.mark.parametrize("damage", ["delete", "overwrite"])
def test_missing_or_altered_output_is_built_again(project, built, schema_folder, damage):
    package = built / "provkurs" / "provkurs-1.0-web.zip"
    original = package.read_bytes()
    if damage == "delete":
        package.unlink()
    else:
        package.write_bytes(b"not a zip")
    result = rebuild(project, built, schema_folder)
    assert package in result.written
    assert package.read_bytes() == original


@pytest.mark.parametrize("change", ["new guide chapter", "glossary", "catalogue", "shared media removed"])
def test_any_input_of_the_course_counts(project, built, schema_folder, change):
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
        assert rebuild(project, built, schema_folder).written
        (project / "courses/media/jävsgrunder.png").unlink()
        with pytest.raises(SourceErrors):
            rebuild(project, built, schema_folder)
        return
    assert len(rebuild(project, built, schema_folder).written) == 3


def test_other_formats_or_dates_or_force_build_again(project, built, schema_folder, monkeypatch):
    assert [p.name for p in rebuild(project, built, schema_folder, formats=["web"]).written] == [
        "provkurs-1.0-web.zip"]
    assert rebuild(project, built, schema_folder, formats=["web"]).written == []
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert len(rebuild(project, built, schema_folder, formats=["web"]).written) == 1
    assert len(rebuild(project, built, schema_folder, formats=["web"], force=True).written) == 1


def test_only_the_changed_course_is_written(project, tmp_path, schema_folder):
    add_second_course(project)
    out = tmp_path / "dist"
    assert len(build(project, out, formats=FORMATS, schema_folder=schema_folder).written) == 6
    before = files_with_times(out / "provkurs")
    edit(project / "andra/lessons/02-legalitet.md", "All offentlig makt", "All offentlig makt i Sverige")
    result = build(project, out, formats=FORMATS, schema_folder=schema_folder)
    assert {p.parent.name for p in result.written} == {"andra"}
    assert {p.parent.name for p in result.unchanged} == {"provkurs"}
    assert files_with_times(out / "provkurs") == before
    assert build(project, out, ["andra"], formats=FORMATS, schema_folder=schema_folder).project is None
