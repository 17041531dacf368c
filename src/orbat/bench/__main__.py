"""``python -m orbat.bench``: see :mod:`orbat.bench.cli`."""

from orbat.bench.cli import main

raise SystemExit(main())
