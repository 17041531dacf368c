"""Helpers of the hostile-input tests: a hang guard and a watch on the file system.

The hang guard is a safety limit, not a speed target: it is generous (tens of
seconds for inputs that take well under one) and only turns "never returns"
into a failure instead of a stuck test run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reliability.guards import HANG_LIMIT, Hang, hang_guard
from tests.web.conftest import (  # noqa: F401 - the web fixtures, for the display and upload tests
    analyst,
    anon,
    app,
    kb,
    settings,
    sqlite_template,
    viewer,
)

__all__ = ["HANG_LIMIT", "Hang", "hang_guard"]


@pytest.fixture
def store_url(tmp_path: Path) -> str:
    """The hostile-input tests exercise readers, extractor and displays, not the backend: SQLite."""
    return f"sqlite:///{tmp_path / 'kb.db'}"


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``root`` with its size and modification time."""
    out: dict[str, tuple[int, int]] = {}
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            p = Path(dirpath) / name
            try:
                st = p.stat()
            except OSError:
                continue
            out[str(p)] = (st.st_size, st.st_mtime_ns)
    return out


@pytest.fixture
def watched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The test runs four folders deep in a watched tree (its cwd, TMPDIR and HOME are in it, so a
    "../../x" escapes into the tree, not past it); the store lives in ``store/``. After the test,
    no file anywhere in the tree may have appeared or changed except under ``store/``. Returns the
    working directory."""
    root = tmp_path / "tree"
    work = root / "a" / "b" / "c" / "work"
    for d in (work, root / "home", root / "tmp", root / "store"):
        d.mkdir(parents=True)
    monkeypatch.chdir(work)
    monkeypatch.setenv("HOME", str(root / "home"))
    monkeypatch.setenv("TMPDIR", str(root / "tmp"))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(root / "tmp"))
    before = snapshot(root)
    yield work
    after = snapshot(root)
    store = str(root / "store") + os.sep
    changed = sorted(
        p for p in set(before) | set(after) if before.get(p) != after.get(p) and not p.startswith(store)
    )
    assert not changed, f"files written outside the store: {changed}"
