"""expand_paths and the file-level errors of read_path."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from orbat.errors import ReadError
from orbat.ingest import Limits, expand_paths, read_path

TEXT = "A patrol from the river battalion was seen near the grain silos on Tuesday."


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for rel in [
        "b.txt",
        "a.md",
        "a.meta.yaml",
        ".hidden.txt",
        "sub/c.html",
        "sub/deeper/d.txt",
        ".git/config.txt",
        "sub/c.meta.yaml",
    ]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(TEXT, encoding="utf-8")
    return tmp_path


def _names(items: Iterator[tuple[str, Path | None, ReadError | None]], root: Path) -> list[str]:
    out = []
    for label, path, error in items:
        assert error is None, error
        assert path is not None and label == str(path)
        out.append(path.relative_to(root).as_posix())
    return out


def test_folder_is_walked_sorted_skipping_hidden_and_sidecars(tree: Path) -> None:
    assert _names(expand_paths([str(tree)]), tree) == ["a.md", "b.txt", "sub/c.html", "sub/deeper/d.txt"]


def test_glob_patterns_and_duplicates(tree: Path) -> None:
    args = [str(tree / "*.txt"), str(tree / "**" / "*.txt"), str(tree / "b.txt")]
    assert _names(expand_paths(args), tree) == ["b.txt", "sub/deeper/d.txt"]


def test_glob_skips_sidecars(tree: Path) -> None:
    assert _names(expand_paths([str(tree / "a.*")]), tree) == ["a.md"]


def test_explicit_hidden_file_is_taken(tree: Path) -> None:
    assert _names(expand_paths([str(tree / ".hidden.txt")]), tree) == [".hidden.txt"]


def test_missing_path_and_empty_glob_yield_errors_and_batch_goes_on(tree: Path) -> None:
    items = list(expand_paths([str(tree / "nope.txt"), str(tree / "*.pdf"), str(tree / "b.txt")]))
    assert [type(e).__name__ if e else None for _, _, e in items] == ["ReadError", "ReadError", None]
    assert items[0][2] is not None and items[0][2].cause == "no such file or folder"
    assert items[1][2] is not None and items[1][2].cause == "no file matches this pattern"
    assert items[2][1] == tree / "b.txt"


def test_unreadable_folder_with_chmod(tree: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("running as root: chmod 000 does not stop root from listing a folder")
    locked = tree / "sub"
    locked.chmod(0)
    try:
        items = list(expand_paths([str(tree)]))
    finally:
        locked.chmod(0o755)
    errors = [e for _, _, e in items if e is not None]
    assert len(errors) == 1 and "permission denied" in errors[0].cause
    assert [p.name for _, p, _ in items if p is not None] == ["a.md", "b.txt"]


def test_unreadable_folder_yields_error_for_it_only(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_scandir = os.scandir
    locked = str(tree / "sub")

    def scandir(path: str | os.PathLike[str]) -> object:
        if os.fspath(path) == locked:
            raise PermissionError(13, "Permission denied", locked)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(expand_paths([str(tree)]))
    assert [(label, e.cause if e else None) for label, _, e in items] == [
        (str(tree / "a.md"), None),
        (str(tree / "b.txt"), None),
        (locked, "permission denied: cannot list this folder"),
    ]


def test_symlink_loop_is_walked_once(tree: Path) -> None:
    (tree / "sub" / "loop").symlink_to(tree / "sub", target_is_directory=True)
    names = _names(expand_paths([str(tree / "sub")]), tree)
    assert names == ["sub/c.html", "sub/deeper/d.txt"]


def test_file_vanished_between_listing_and_reading(tree: Path) -> None:
    items = [p for _, p, _ in expand_paths([str(tree)]) if p is not None]
    items[1].unlink()
    with pytest.raises(ReadError) as info:
        read_path(items[1])
    assert info.value.cause == "file vanished during the run"
    assert info.value.source == str(items[1])


def test_permission_denied(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tree / "b.txt"
    real_open = open

    def fake_open(file: object, *args: object, **kwargs: object) -> object:
        if file == target:
            raise PermissionError(13, "Permission denied", str(target))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr("builtins.open", fake_open)
    with pytest.raises(ReadError) as info:
        read_path(target)
    assert info.value.cause == "permission denied"


def test_file_over_max_bytes(tree: Path) -> None:
    path = tree / "b.txt"
    size = path.stat().st_size
    with pytest.raises(ReadError) as info:
        read_path(path, limits=Limits(max_bytes=10))
    assert info.value.cause == f"file is {size} bytes, over the limit of 10 (setting max_bytes)"


def test_directory_and_special_files_are_refused(tree: Path) -> None:
    with pytest.raises(ReadError, match="is a directory"):
        read_path(tree / "sub")
    fifo = tree / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(ReadError, match="not a regular file"):
        read_path(fifo)
