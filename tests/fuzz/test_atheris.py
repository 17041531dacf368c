"""Deep, coverage-guided fuzzing with atheris (slow: run with --slow; skipped if atheris is missing).

Each target runs in its own process (libFuzzer owns the process) for a bounded
number of inputs, seeded with valid files of every format; a crash, a failed
invariant or an input running past the per-input hang limit fails the test and
leaves the offending input in the working folder for replay.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fuzz.test_readers import samples

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("target", "runs", "per_input"), [("readers", 20_000, 60), ("extractor", 1_500, 120)]
)
def test_atheris_finds_no_crash_or_hang(target: str, runs: int, per_input: int, tmp_path: Path) -> None:
    pytest.importorskip("atheris")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, (name, data) in enumerate(sorted(samples().items())):
        if target == "readers":
            suffix_byte = [".txt", ".md", ".html", ".pdf", ".docx"].index(Path(name).suffix) + 1
            (corpus / f"seed{i}").write_bytes(bytes([suffix_byte]) + data)
        elif name.endswith((".txt", ".md")):
            (corpus / f"seed{i}").write_bytes(data)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.fuzz.atheris_targets",
            target,
            str(corpus),
            f"-runs={runs}",
            f"-timeout={per_input}",
            "-max_len=200000",
            "-rss_limit_mb=4096",
            f"-artifact_prefix={tmp_path}/",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=3600,  # the whole run's hang guard
    )
    out = (proc.stdout + proc.stderr).splitlines()
    at = next((i for i, line in enumerate(out) if "Uncaught Python exception" in line), max(0, len(out) - 40))
    tail = "\n".join(out[at : at + 60])
    if proc.returncode != 0:  # keep the offending inputs where a later pytest run does not delete them
        kept = ROOT / "test-artifacts" / "atheris" / target
        kept.mkdir(parents=True, exist_ok=True)
        for artifact in tmp_path.glob("*-*"):
            if artifact.is_file() and artifact.name.split("-")[0] in ("crash", "timeout", "oom", "leak"):
                shutil.copy(artifact, kept / artifact.name)
        raise AssertionError(f"atheris found a problem (inputs kept in {kept}):\n{tail}")
    assert "Done" in proc.stderr or "DONE" in proc.stderr, tail
