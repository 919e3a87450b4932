"""Same sources, same bytes: agencies compare checksums, and nothing should change that did not."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from builder.build import build

FORMATS = ["scorm12", "scorm2004", "web"]


def build_bytes(root: Path, out: Path) -> dict[str, bytes]:
    result = build(root, out, formats=FORMATS)
    return {path.name: path.read_bytes() for path in result.written}


def build_bytes_in_another_process(root: Path, out: Path, repo_root: Path) -> dict[str, bytes]:
    """The same build by `python -m builder.cli` with another hash seed: set and dict order may not leak."""
    seed = os.environ.get("PYTHONHASHSEED", "")
    env = {**os.environ, "PYTHONHASHSEED": str(int(seed) + 1) if seed.isdigit() else "12345",
           "PYTHONPATH": str(repo_root)}
    formats = [argument for kind in FORMATS for argument in ("--format", kind)]
    subprocess.run([sys.executable, "-m", "builder.cli", "--root", str(root), "build", "--out", str(out), *formats],
                   cwd=repo_root, env=env, check=True, capture_output=True)
    return {path.name: path.read_bytes() for path in sorted((out / "provkurs").glob("*.zip"))}


def test_two_builds_give_identical_bytes(project, tmp_path, repo_root):
    first = build_bytes(project, tmp_path / "a")
    # Touch every source so file dates differ, and wait so the clock differs too.
    time.sleep(1.1)
    for path in project.rglob("*"):
        if path.is_file():
            os.utime(path)
    second = build_bytes_in_another_process(project, tmp_path / "b", repo_root)
    assert first.keys() == second.keys() == {f"provkurs-1.0-{kind}.zip" for kind in FORMATS}
    assert first == second


def test_zip_entries_are_sorted_and_dated_from_source_date_epoch(project, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    result = build(project, tmp_path / "out", formats=["web"])
    with zipfile.ZipFile(result.written[0]) as archive:
        infos = archive.infolist()
    names = [info.filename for info in infos]
    assert names == sorted(names)
    assert {info.date_time for info in infos} == {(2023, 11, 14, 22, 13, 20)}


def test_without_source_date_epoch_entries_get_a_fixed_date(project, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    result = build(project, tmp_path / "out", formats=["scorm12"])
    with zipfile.ZipFile(result.written[0]) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
