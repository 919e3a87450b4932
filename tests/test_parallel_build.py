"""Builds with several processes: the same bytes as one process, and the same clear errors."""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner
from markupsafe import Markup

from builder import writing
from builder.build import build
from builder.cli import main
from builder.package.registry import format_groups
from builder.writing import WorkerError
from tests.test_broken_sources import prepared_output, snapshot

FORMATS = ["scorm12", "scorm2004", "web", "pdf"]


def digests(out: Path) -> dict[str, str]:
    return {path.relative_to(out).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(out.rglob("*")) if path.is_file()}


def test_zip_formats_share_a_task_and_pdf_has_its_own():
    assert format_groups(FORMATS) == [["scorm12", "scorm2004", "web"], ["pdf"]]
    assert format_groups(["pdf", "web"]) == [["web"], ["pdf"]]


def test_parallel_build_writes_the_same_bytes_as_one_process(repo_root: Path, tmp_path: Path):
    serial = build(repo_root, tmp_path / "serial", formats=FORMATS, force=True, jobs=1)
    parallel = build(repo_root, tmp_path / "parallel", formats=FORMATS, force=True, jobs=3)
    assert [p.relative_to(tmp_path / "serial") for p in serial.written] == \
           [p.relative_to(tmp_path / "parallel") for p in parallel.written]
    assert digests(tmp_path / "serial") == digests(tmp_path / "parallel")
    assert not [p for p in (tmp_path / "parallel").iterdir() if p.name.startswith(".etos-")]


def test_a_content_error_in_a_worker_is_shown_as_a_content_error_and_nothing_is_published(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The PDF writer, in a worker, refuses an image an earlier stage let through (simulated here)."""
    import builder.render as render_module

    real_render = render_module.render_course

    def with_hole(course, catalogue, problems=None):
        rendered = real_render(course, catalogue, problems)
        rendered.lessons[0].blocks[0].html += Markup('<p><img src="file:///etc/passwd" alt=""></p>')
        return rendered

    monkeypatch.setattr(render_module, "render_course", with_hole)
    out = prepared_output(tmp_path)
    before = snapshot(out)
    result = CliRunner().invoke(main, ["--root", str(project), "build", "--jobs", "2", "--format", "scorm12",
                                       "--format", "pdf", "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "internt fel" not in result.output
    assert "deltagarmaterialet skulle hämta file:///etc/passwd, som inte är en av kursens filer" in result.output
    assert snapshot(out) == before
    assert not [p for p in out.iterdir() if p.name.startswith(".etos-")]


def test_jobs_must_be_a_positive_number(project: Path):
    result = CliRunner().invoke(main, ["--root", str(project), "build", "--jobs", "0"])
    assert result.exit_code == 2
    assert "--jobs" in result.output


@pytest.mark.parametrize(("error", "expected"), [
    (OSError(28, "No space left on device", "/tmp/x"), OSError),
    (RuntimeError("unexpected"), WorkerError),
])
def test_a_workers_error_survives_pickling_and_is_raised_as_what_it_was(monkeypatch, error, expected):
    def failing(*_args: object) -> None:
        raise error

    monkeypatch.setattr(writing, "write_formats", failing)
    outcome = pickle.loads(pickle.dumps(writing.write_formats_in_worker(None, [], None)))
    with pytest.raises(expected) as raised:
        writing.raise_outcome(outcome)
    if expected is OSError:
        assert (raised.value.errno, raised.value.filename) == (28, "/tmp/x")
    else:
        assert "RuntimeError: unexpected" in str(raised.value)
