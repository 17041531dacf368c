"""Benchmarks of orbat at scale: a synthetic corpus generator and ``python -m orbat.bench``.

* ``generator`` writes documents about synthetic armed groups with their gold claims;
* ``extraction``, ``endtoend``, ``resolution``, ``claimstore``/``queries`` measure each stage;
* ``report`` turns the results into docs/performance.md.

Nothing here is imported by the rest of orbat.
"""
