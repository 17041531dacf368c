"""Which files a list of command-line arguments names: files, folders and glob patterns.

An argument that exists is taken as it is: a file is yielded even if hidden;
a folder is walked recursively in name order, skipping hidden files and
folders (names starting with ``.``), ``*.meta.yaml`` sidecars and symlinked
folders already walked. An argument that does not exist but holds glob
characters (``*``, ``?``, ``[``) is expanded (``**`` recursing), matches in
name order. Each file is yielded once however many arguments name it.

Nothing here raises for one bad argument: a missing path, an unreadable
folder or a pattern matching nothing yields a ReadError for that item, so a
batch goes on with the rest.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from orbat.errors import ReadError
from orbat.ingest.metadata import SIDECAR_SUFFIX

Item = tuple[str, Path | None, ReadError | None]
_GLOB_CHARS = frozenset("*?[")


def _skipped(name: str) -> bool:
    return name.startswith(".") or name.endswith(SIDECAR_SUFFIX)


def _walk(folder: Path, seen_dirs: set[str]) -> Iterator[Item]:
    try:
        real = os.path.realpath(folder)
        if real in seen_dirs:
            return
        seen_dirs.add(real)
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except PermissionError:
        yield str(folder), None, ReadError(str(folder), "permission denied: cannot list this folder")
        return
    except FileNotFoundError:
        yield str(folder), None, ReadError(str(folder), "folder vanished during the run")
        return
    except OSError as exc:
        yield str(folder), None, ReadError(str(folder), f"cannot list this folder: {exc.strerror or exc}")
        return
    for entry in entries:
        if _skipped(entry.name):
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(path, seen_dirs)
        else:
            yield str(path), path, None


def _expand(arg: str, seen_dirs: set[str]) -> Iterator[Item]:
    path = Path(arg).expanduser()
    if path.is_dir():
        yield from _walk(path, seen_dirs)
        return
    if path.exists() or path.is_symlink():
        yield str(path), path, None
        return
    if not _GLOB_CHARS & set(arg):
        yield arg, None, ReadError(arg, "no such file or folder")
        return
    matches = sorted(glob.glob(os.path.expanduser(arg), recursive=True))
    if not matches:
        yield arg, None, ReadError(arg, "no file matches this pattern")
        return
    for match in matches:
        found = Path(match)
        if found.is_dir():
            yield from _walk(found, seen_dirs)
        elif not found.name.endswith(SIDECAR_SUFFIX):
            yield str(found), found, None


def expand_paths(args: Sequence[str]) -> Iterator[tuple[str, Path | None, ReadError | None]]:
    """Yield ``(label, path, None)`` for each file named, or ``(label, None, ReadError)``."""
    seen_files: set[str] = set()
    seen_dirs: set[str] = set()
    for arg in args:
        for label, path, error in _expand(arg, seen_dirs):
            if path is not None:
                key = os.path.realpath(path)
                if key in seen_files:
                    continue
                seen_files.add(key)
            yield label, path, error
