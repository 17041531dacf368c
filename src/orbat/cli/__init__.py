"""The ``orbat`` command line: each command parses, calls one library function, reports.

Errors that orbat raises on purpose (OrbatError) are printed on one line,
naming the file, line or URL at fault, and the exit code is non-zero.
"""

from __future__ import annotations

import logging
import sys

from orbat.cli import (  # noqa: F401  (registers commands)
    commands_admin,
    commands_data,
    commands_kb,
    commands_publish,
    commands_resolution,
    commands_review,
    commands_users,
)
from orbat.cli.app import app
from orbat.errors import OrbatError


def main() -> None:
    # third-party parsers log every oddity of a hostile file; orbat reports failures itself
    for name in ("pypdf", "trafilatura", "htmldate", "courlan", "justext", "charset_normalizer"):
        logging.getLogger(name).setLevel(logging.ERROR)
    try:
        app(standalone_mode=True)
    except OrbatError as exc:  # pragma: no cover - app() handles these itself
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(1)


__all__ = ["app", "main"]
