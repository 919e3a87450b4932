"""The file system as an attacker or an accident leaves it: FIFOs in place of sources, course folders
and output folders in the wrong place, names Windows refuses, a full or read-only disk, and builds
that die or fail half-way through moving their outputs into place."""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from builder import staging as staging_module
from builder.cli import main
from builder.package.archive import PackageFile, write_zip
from builder.problems import NonConformantPackage
from builder.staging import PREVIOUS, STAGING_MARKER, remove_stale_staging
from tests.test_broken_sources import (
    IMAGE_LINE,
    LESSON,
    assert_refused,
    point_image_at,
    prepared_output,
    snapshot,
)

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def no_hang():
    """A build that blocks on a FIFO fails this module's test instead of hanging the run."""
    def timed_out(*_: object) -> None:
        raise TimeoutError("the build hung")

    previous = signal.signal(signal.SIGALRM, timed_out)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def build(root: Path, out: Path, *extra: str):
    return CliRunner().invoke(main, ["--root", str(root), "build", "--out", str(out), *extra])


def replace_with_fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


# --- only regular files are read -------------------------------------------------------------------


NOT_REGULAR = "filen är inte en vanlig fil (utan ett namngivet rör, en enhet eller ett uttag)"


@pytest.mark.parametrize("source,code,at,says,errors", [
    ("provkurs/course.yaml", "file-not-regular", "provkurs/course.yaml", NOT_REGULAR, 1),
    ("courses/katalog.yaml", "file-not-regular", "courses/katalog.yaml", NOT_REGULAR, 1),
    # Without the glossary, the two glossary links of the lessons are unknown terms as well.
    ("courses/ordlista.yaml", "file-not-regular", "courses/ordlista.yaml", NOT_REGULAR, 3),
    ("provkurs/handledning/01-till-dig.md", "file-not-regular", "provkurs/handledning/01-till-dig.md", NOT_REGULAR, 1),
    # Asked for with is_file() before reading: refused unread, and named for what it is, not as missing.
    ("provkurs/handledning/handledning.yaml", "file-not-regular", "provkurs/handledning/handledning.yaml",
     NOT_REGULAR, 1),
    ("provkurs/lessons/02-legalitet.md", "file-not-regular", "provkurs/lessons/02-legalitet.md", NOT_REGULAR, 1),
    ("provkurs/questions.yaml", "file-not-regular", "provkurs/questions.yaml", NOT_REGULAR, 1),
])
def test_fifo_in_place_of_a_source_is_refused_without_being_read(
        project: Path, tmp_path: Path, source: str, code: str, at: str, says: str, errors: int) -> None:
    replace_with_fifo(project / source)
    file, _, line = at.partition(":")
    assert_refused(project, prepared_output(tmp_path), code, file, int(line) if line else None, says, errors)


def test_fifo_as_catalogue_does_not_hang_the_up_to_date_check(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    assert build(project, out, "--format", "web").exit_code == 0
    replace_with_fifo(project / "courses" / "katalog.yaml")
    result = build(project, out, "--format", "web")
    assert result.exit_code == 1, result.output
    assert "courses/katalog.yaml: fel: filen är inte en vanlig fil" in result.output


@pytest.mark.parametrize("kind", ["fifo", "device", "link to a device"])
def test_medium_that_is_not_a_regular_file_is_refused(project: Path, tmp_path: Path, kind: str) -> None:
    medium = project / "provkurs" / "media" / "ror.png"
    code, says = "media-not-regular", "media/ror.png är inte en vanlig fil"
    if kind == "fifo":
        os.mkfifo(medium)
    elif kind == "device":
        try:
            os.mknod(medium, stat.S_IFCHR | 0o600, os.makedev(1, 5))  # /dev/zero: reading never ends
        except PermissionError:
            pytest.skip("making a device node needs root")
    else:
        medium.symlink_to("/dev/zero")
        code, says = "media-outside", "ligger utanför kursmappen"
    point_image_at(project, "media/ror.png")
    assert_refused(project, prepared_output(tmp_path), code, LESSON, IMAGE_LINE, says)


# --- course folders and the output folder ----------------------------------------------------------


def test_course_folder_that_is_a_symlink_out_of_the_project_is_refused(project: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "annan"
    (project / "provkurs").rename(elsewhere)
    (project / "provkurs").symlink_to(elsewhere, target_is_directory=True)
    assert_refused(project, prepared_output(tmp_path), "course-folder-outside", "courses/katalog.yaml", 4,
                   "kursmappen ”provkurs” ligger inte i projektet")


@pytest.mark.parametrize("where,code,says", [
    ("provkurs/dist", "out-inside-sources", "ligger i provkurs/, där källorna finns"),
    ("provkurs", "out-inside-sources", "ligger i provkurs/, där källorna finns"),
    ("courses/ut", "out-inside-sources", "ligger i courses/, där källorna finns"),
    (".", "out-is-project", "är projektets rotmapp"),
])
def test_output_folder_among_the_sources_is_refused_before_anything_is_written(
        project: Path, where: str, code: str, says: str) -> None:
    out = project / where
    before = snapshot(project)
    result = build(project, out)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert f"fel: utmappen {out} {says}" in result.output
    assert snapshot(project) == before


def test_output_folder_above_the_project_is_refused_only_where_a_course_folder_would_be_the_project(
        project: Path) -> None:
    out = project.parent
    assert build(project, out, "--format", "web").exit_code == 0  # dist/provkurs/ beside the project
    course = project / "provkurs" / "course.yaml"
    course.write_text(course.read_text(encoding="utf-8").replace("id: provkurs", f"id: {project.name}"),
                      encoding="utf-8")
    before = snapshot(project)
    result = build(project, out, "--format", "web")
    assert result.exit_code == 1, result.output
    assert f"fel: utmappen {out} skulle få utdatamappen {project}, som är projektet eller ligger ovanför det" \
        in result.output
    assert snapshot(project) == before


def test_output_folder_that_is_a_file_is_refused_in_words(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    out.write_bytes(b"not a folder")
    result = build(project, out)
    assert result.exit_code == 1, result.output
    assert f"fel: utmappen {out} är en fil, inte en mapp" in result.output
    assert out.read_bytes() == b"not a folder"


def test_output_folder_below_a_file_names_the_folder(project: Path, tmp_path: Path) -> None:
    (tmp_path / "fil").write_bytes(b"x")
    out = tmp_path / "fil" / "dist"
    result = build(project, out)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "internt fel" not in result.output
    assert f"fel: det går inte att skriva i {out} (Not a directory)" in result.output


# --- names that every system can extract ----------------------------------------------------------


def test_media_named_as_a_windows_device_gets_a_safe_name_in_every_package(project: Path, tmp_path: Path) -> None:
    media = project / "provkurs" / "media"
    (media / "CON.png").write_bytes((media / "jävsgrunder.png").read_bytes())
    (media / "aux.").mkdir()
    (media / "aux." / "LPT1..png").write_bytes((media / "jävsgrunder.png").read_bytes())
    point_image_at(project, "media/CON.png)\n\n![En till](media/aux./LPT1..png")
    out = tmp_path / "dist"
    result = build(project, out, "--format", "web")
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out / "provkurs" / "provkurs-1.0-web.zip") as archive:
        names = archive.namelist()
    assert "media/con-fil.png" in names and "media/aux-fil/lpt1-fil.png" in names, names


@pytest.mark.parametrize("name", [
    "media/CON", "media/nul.png", "media/Com1.tar.gz", "LPT9", "media/bild.", "media/bild ", "media/a<b.png",
    'media/"x".png', "media/a|b", "media/a?b", "media/a*b", "media\\bild.png", "media/a:b", "/etc/passwd",
    "../utanfor.png", "media/../../x", "media//x", "media/\x01.png", "media/å.png", "C:/x", "x" * 201,
])
def test_zip_gate_refuses_every_name_windows_or_an_lms_server_cannot_extract(tmp_path: Path, name: str) -> None:
    target = tmp_path / "paket.zip"
    with pytest.raises(NonConformantPackage):
        write_zip(target, [PackageFile("index.html", b"x"), PackageFile(name, b"x")])
    assert not target.exists()


# --- faults of the machine -------------------------------------------------------------------------


@pytest.mark.parametrize("number,says", [
    (errno.ENOSPC, "disken är full: bygget fick inte plats i {out}"),
    (errno.EDQUOT, "disken är full: bygget fick inte plats i {out}"),
    (errno.EROFS, "det går inte att skriva i {out} (Read-only file system)"),
    (errno.EACCES, "det går inte att skriva i {out} (Permission denied)"),
    (errno.EIO, "det gick inte att skriva i {out}: Input/output error"),
])
def test_disk_full_or_read_only_output_names_the_folder_and_leaves_it_as_it_was(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, number: int, says: str) -> None:
    out = prepared_output(tmp_path)
    from builder.package import zipwriter

    def failing_write_zip(target: Path, files: list) -> None:
        target.write_bytes(b"half a zip")
        raise OSError(number, os.strerror(number), None if number == errno.ENOSPC else str(target))

    monkeypatch.setattr(zipwriter, "write_zip", failing_write_zip)
    before = snapshot(out)
    result = build(project, out, "--format", "web")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "internt fel" not in result.output
    assert f"fel: {says.format(out=out)}" in result.output
    assert snapshot(out) == before


def test_english_message_for_a_full_disk(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_space(*_: object, **__: object) -> str:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(staging_module.tempfile, "mkdtemp", no_space)
    out = tmp_path / "dist"
    result = CliRunner().invoke(main, ["--root", str(project), "--lang", "en", "build", "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert f"error: the disk is full: the build did not fit in {out}" in result.output


# --- all or nothing per course ---------------------------------------------------------------------


def built_once(project: Path, tmp_path: Path) -> Path:
    out = tmp_path / "dist"
    assert build(project, out, "--format", "web", "--format", "scorm12").exit_code == 0
    return out


def change_course(project: Path) -> None:
    lesson = project / "provkurs" / "lessons" / "02-legalitet.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\nEn ny mening.\n", encoding="utf-8")


def test_failure_between_the_two_renames_of_the_swap_restores_the_old_outputs(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = built_once(project, tmp_path)
    change_course(project)
    before = snapshot(out)
    real_rename = os.rename
    calls: list[tuple[str, str]] = []

    def rename(source, target) -> None:
        calls.append((str(source), str(target)))
        if len(calls) == 2:  # the old folder is already out of the way: the new one fails to move in
            raise OSError(errno.EIO, os.strerror(errno.EIO), str(target))
        real_rename(source, target)

    monkeypatch.setattr(staging_module.os, "rename", rename)
    result = build(project, out, "--format", "web", "--format", "scorm12")
    assert result.exit_code == 1, result.output
    assert Path(calls[0][0]) == out / "provkurs" and PREVIOUS in calls[0][1]
    assert "det gick inte att skriva i" in result.output
    assert snapshot(out) == before


def test_failure_while_carrying_over_other_formats_changes_nothing(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = built_once(project, tmp_path)
    before = snapshot(out)

    def full(*_: object, **__: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(staging_module, "link_or_copy", full)
    # The sources are unchanged, so web's and scorm12's zips are still current and must be carried over.
    result = build(project, out, "--format", "scorm2004")
    assert result.exit_code == 1, result.output
    assert "disken är full" in result.output
    assert snapshot(out) == before


def test_stale_outputs_of_formats_not_built_this_time_are_removed(project: Path, tmp_path: Path) -> None:
    out = built_once(project, tmp_path)
    old_web = (out / "provkurs" / "provkurs-1.0-web.zip").read_bytes()
    change_course(project)
    assert build(project, out, "--format", "web").exit_code == 0
    # scorm12's zip was built from the old lesson: it goes rather than stand beside the new web zip.
    assert sorted(p.name for p in (out / "provkurs").iterdir()) == ["provkurs-1.0-web.zip"]
    assert (out / "provkurs" / "provkurs-1.0-web.zip").read_bytes() != old_web
    assert sorted(p.name for p in out.iterdir()) == [".etos", "provkurs"]


def test_current_outputs_of_formats_not_built_this_time_stay_beside_the_new_ones(project: Path, tmp_path: Path) -> None:
    out = built_once(project, tmp_path)
    old_scorm = (out / "provkurs" / "provkurs-1.0-scorm12.zip").read_bytes()
    assert build(project, out, "--format", "scorm2004").exit_code == 0
    assert (out / "provkurs" / "provkurs-1.0-scorm12.zip").read_bytes() == old_scorm
    assert sorted(p.name for p in (out / "provkurs").iterdir()) == [
        "provkurs-1.0-scorm12.zip", "provkurs-1.0-scorm2004.zip", "provkurs-1.0-web.zip"]


# --- staging folders left by killed builds ---------------------------------------------------------

KILLED_BUILD = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    from builder import build
    from builder.package import zipwriter

    def dies(target, files):
        target.write_bytes(b"half a zip")
        os._exit(9)  # as if killed: no finally, no cleanup

    zipwriter.write_zip = dies
    build.build(Path(sys.argv[1]), Path(sys.argv[2]), formats=["web"], force=True)
""")


def test_staging_folder_of_a_killed_build_is_removed_by_the_next_build(project: Path, tmp_path: Path) -> None:
    out = built_once(project, tmp_path)
    change_course(project)
    before = snapshot(out / "provkurs")
    killed = subprocess.run([sys.executable, "-c", KILLED_BUILD, str(project), str(out)], cwd=REPO,
                            capture_output=True, timeout=120)
    assert killed.returncode == 9, killed.stderr.decode()
    left = [p for p in out.iterdir() if p.name.startswith(".etos-")]
    assert len(left) == 1 and (left[0] / STAGING_MARKER).is_file()
    assert snapshot(out / "provkurs") == before  # the killed build moved nothing into place

    assert build(project, out, "--format", "web").exit_code == 0
    assert not [p for p in out.iterdir() if p.name.startswith(".etos-")]


def test_course_folder_caught_between_the_two_renames_is_put_back(project: Path, tmp_path: Path) -> None:
    out = built_once(project, tmp_path)
    before = snapshot(out / "provkurs")
    stale = out / ".etos-dodbygge"
    (stale / PREVIOUS).mkdir(parents=True)
    (stale / STAGING_MARKER).write_text("etos staging, pid 1\n", encoding="utf-8")
    (out / "provkurs").rename(stale / PREVIOUS / "provkurs")
    remove_stale_staging(out)
    assert not stale.exists()
    assert snapshot(out / "provkurs") == before


def test_staging_folder_of_a_build_still_running_and_folders_not_ours_are_left_alone(tmp_path: Path) -> None:
    import fcntl

    out = tmp_path / "dist"
    running = out / ".etos-pagar"
    running.mkdir(parents=True)
    (running / STAGING_MARKER).write_text("etos staging, pid 2\n", encoding="utf-8")
    lock = open(running / STAGING_MARKER, encoding="utf-8")  # noqa: SIM115 - held like a running build holds it
    fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
    unmarked = out / ".etos-egen-mapp"
    unmarked.mkdir()
    (unmarked / "viktigt.txt").write_text("någon annans", encoding="utf-8")
    foreign_marker = out / ".etos-annat"
    foreign_marker.mkdir()
    (foreign_marker / STAGING_MARKER).write_text("något annat\n", encoding="utf-8")
    linked = out / ".etos-lank"
    linked.symlink_to(unmarked, target_is_directory=True)
    try:
        remove_stale_staging(out)
    finally:
        lock.close()
    assert running.is_dir() and unmarked.is_dir() and foreign_marker.is_dir() and linked.is_symlink()
    assert (unmarked / "viktigt.txt").read_text(encoding="utf-8") == "någon annans"
