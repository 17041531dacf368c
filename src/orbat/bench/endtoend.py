"""End to end: ``pipeline.ingest`` + ``extract`` + ``resolve`` of generated documents into a fresh store.

Run in a child process (``python -m orbat.bench.endtoend``) so that its peak
memory is its own: the parent samples the resident memory of the child and
of every process it starts (spaCy's ``n_process`` workers) with psutil, and
the child reports its own peak (``getrusage``) and the time of each stage.
Afterwards the store is exported in the claims interchange format and, when
the shared scorer is found, scored against the generator's gold.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from orbat.bench.timing import current_rss_mb, peak_rss_mb


class Status:
    """The stage this process is at and how far it has got, in a file another process reads.

    One line, ``stage<TAB>done<TAB>total``, replaced whole (written aside, then renamed), at most every
    ``every`` seconds unless the stage changes or ends.
    """

    def __init__(self, path: Path | None, every: float = 0.5) -> None:
        self.path, self.every = path, every
        self._last = ("", -1.0)
        #: per stage, the highest RSS (MiB) of this process read when it wrote, and as the stage ended:
        #: a stage shorter than the other process' sampling interval is not missed
        self.rss_by_stage: dict[str, float] = {}

    def _note(self, stage: str, rss: float) -> None:
        self.rss_by_stage[stage] = max(self.rss_by_stage.get(stage, 0.0), rss)

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.path is None:
            return
        now = time.monotonic()
        if stage == self._last[0] and done < total and now - self._last[1] < self.every:
            return
        rss = current_rss_mb()
        if self._last[0] and stage != self._last[0]:
            self._note(self._last[0], rss)  # the stage that ends, as it ends
        self._note(stage, rss)
        self._last = (stage, now)
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(f"{stage}\t{done}\t{total}\n", encoding="utf-8")
        os.replace(tmp, self.path)

    def progress(self, stage: str) -> Any:
        """A ``pipeline`` progress callback that reports under ``stage``."""
        return lambda _label, done, total: self(stage, done, total)


def read_status(path: Path) -> tuple[str, int, int]:
    """What ``Status`` last wrote: ("", 0, 0) before it first wrote."""
    try:
        stage, done, total = path.read_text(encoding="utf-8").split("\t")
        return stage, int(done), int(total)
    except (OSError, ValueError):
        return "", 0, 0


def run_pipeline(paths: list[str], db_url: str, workers: int, status: Path | None = None) -> dict[str, Any]:
    """ingest -> extract -> resolve in this process; stage times, counts and peak RSS."""
    from orbat import pipeline
    from orbat.store import Store

    report = Status(status)
    store = Store.open(db_url, create=True)
    t0 = time.perf_counter()
    ing = pipeline.ingest(store, paths, progress=report.progress("ingest"))
    t1 = time.perf_counter()
    rss_after_ingest = peak_rss_mb()
    ex = pipeline.extract(store, ing.document_ids, workers=workers, progress=report.progress("extract"))
    t2 = time.perf_counter()
    rss_after_extract = peak_rss_mb()
    # as ``orbat ingest`` does: the new nodes in batches against the stored entities
    batches: list[dict[str, Any]] = []

    def sample(_label: str, done: int, total: int) -> None:
        report("resolve", done, total)
        if done and (not batches or batches[-1]["nodes"] != done):
            batches.append(
                {
                    "nodes": done,
                    "entities": store.count_entities(),
                    "rss_mb": current_rss_mb(),
                    "peak_rss_mb": peak_rss_mb(),
                    "s": round(time.perf_counter() - t2, 2),
                }
            )

    res = pipeline.resolve(store, sample, workers=workers, incremental=True)
    t3 = time.perf_counter()
    report("done", 1, 1)
    with store.reading() as conn:
        from sqlalchemy import text

        words = sum(len(str(r[0]).split()) for r in conn.execute(text("SELECT text FROM documents")))
    store.close()
    return {
        "documents": len(ing.document_ids),
        "failed": len(ing.failed) + len(ex.failed),
        "words": words,
        "claims": ex.claims,
        "nodes": res.nodes,
        "entities": res.entities,
        "auto_merges": res.auto_merges,
        "ingest_s": round(t1 - t0, 2),
        "extract_s": round(t2 - t1, 2),
        "resolve_s": round(t3 - t2, 2),
        "total_s": round(t3 - t0, 2),
        "peak_rss_mb": peak_rss_mb(),
        "peak_rss_after_ingest_mb": rss_after_ingest,
        "peak_rss_after_extract_mb": rss_after_extract,
        "peak_rss_children_mb": peak_rss_mb(children=True),
        "workers": workers,
        "resolve_batches": batches,
        "resolve_batch_nodes": pipeline.RESOLVE_BATCH,
        "rss_by_stage": report.rss_by_stage,
    }


#: documents scored at most: above, an even sample of them (every k-th), since the shared scorer's
#: pairwise resolution figure grows with the square of the names (30,000 documents: over 15 minutes)
SCORE_SAMPLE = 5_000


def score_sample(names: list[str], limit: int = SCORE_SAMPLE) -> list[str]:
    """``names`` when there are at most ``limit``, else every k-th of them (at most ``limit``)."""
    if len(names) <= limit:
        return list(names)
    step = -(-len(names) // limit)
    return names[::step]


def export_and_score(
    db_url: str, gold_dir: Path, names: list[str], scorer: Path | None
) -> dict[str, Any] | None:
    """Export the store as claims-jsonl and score it with the shared scorer (None without a scorer):
    every document of ``names``, or an even sample of ``SCORE_SAMPLE`` of them (``score_sample``)."""
    if scorer is None or not scorer.is_file():
        return None
    all_names = names
    scored = score_sample(names, SCORE_SAMPLE)
    from orbat.publish.exports.claims_jsonl import write_claims_jsonl
    from orbat.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "claims.jsonl"
        gold = Path(tmp) / "gold"
        gold.mkdir()
        for n in scored:  # only these documents' gold files: the scorer reads every file it is given
            (gold / f"{n}.json").symlink_to((gold_dir / f"{n}.json").resolve())
        store = Store.open(db_url, create=True)
        with pred.open("w", encoding="utf-8") as out:
            write_claims_jsonl(store, out)
        store.close()
        # the claims of these documents only (the store may hold others: a sample leaves some out)
        proc = subprocess.run(
            [
                sys.executable,
                str(scorer),
                "--gold",
                str(gold),
                "--pred",
                str(pred),
                "--json",
                "--docs",
                *scored,
            ],
            capture_output=True,
            text=True,
            timeout=1800,
        )
    if proc.returncode != 0:
        return {"error": f"the scorer exited with code {proc.returncode}: {proc.stderr.strip()[-500:]}"}
    r = json.loads(proc.stdout)
    _tp, _emitted, _gold, p, rec, f = r["core"]
    ep, er, ef, _pairs = r["er"]
    return {
        "documents_scored": len(scored),
        "documents": len(all_names),
        "core_precision": round(p, 3),
        "core_recall": round(rec, 3),
        "core_f1": round(f, 3),
        "gold_claims": r["gold_claims"],
        "pred_claims": r["pred_claims"],
        "entity_recall": round(r["entity_recall"], 3),
        "er_precision": round(ep, 3),
        "er_recall": round(er, 3),
        "er_f1": round(ef, 3),
        "per_predicate": {k: {"found": v[0], "system": v[1], "gold": v[2]} for k, v in r["table"].items()},
    }


def find_scorer() -> Path | None:
    """shared/eval/score.py: $ORBAT_SHARED, else ``shared`` beside the working copy."""
    candidates = []
    if os.environ.get("ORBAT_SHARED"):
        candidates.append(Path(os.environ["ORBAT_SHARED"]))
    candidates += [Path.cwd().parent / "shared", Path(__file__).resolve().parents[4] / "shared"]
    for c in candidates:
        if (c / "eval" / "score.py").is_file():
            return c / "eval" / "score.py"
    return None


def measure_endtoend(
    corpus_dir: Path,
    names: list[str],
    workdir: Path,
    *,
    workers: int = 1,
    sample_every: float = 0.2,
    compare_full: bool = False,
) -> dict[str, Any]:
    """Run the pipeline over ``names`` in a child process, sampling the memory of its process tree.

    The pipeline resolves incrementally, as ``orbat ingest`` does; with ``compare_full`` the store is
    then re-resolved from scratch (``orbat resolve``, in another child process) and scored again.
    """
    import psutil

    db = workdir / f"e2e_{len(names)}_{workers}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    listing = workdir / f"e2e_{len(names)}.txt"
    listing.write_text(
        "\n".join(str(corpus_dir / "docs" / f"{n}.md") for n in names) + "\n", encoding="utf-8"
    )
    out = workdir / f"e2e_{len(names)}_{workers}.json"
    cmd = [
        sys.executable,
        "-m",
        "orbat.bench.endtoend",
        "--list",
        str(listing),
        "--db",
        f"sqlite:///{db}",
        "--workers",
        str(workers),
        "--json",
        str(out),
    ]
    status = workdir / f"e2e_{len(names)}_{workers}.status"
    status.unlink(missing_ok=True)
    proc = subprocess.Popen([*cmd, "--status", str(status)])
    ps = psutil.Process(proc.pid)
    # per stage ("start" before the pipeline's first report): the pipeline process' peak and each other
    # process' peak; and for the extraction, the memory of every process at each tenth of the
    # documents, to see whether a worker's memory grows
    stages: dict[str, dict[str, Any]] = {}
    series: list[dict[str, Any]] = []
    while proc.poll() is None:
        stage, done, total = read_status(status)
        try:
            rss = ps.memory_info().rss / 2**20
            others = {}
            for child in ps.children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    mb = child.memory_info().rss / 2**20
                    if mb > 0:  # not a process that has ended and is not yet reaped
                        others[child.pid] = mb
        except psutil.Error:
            time.sleep(sample_every)
            continue
        st = stages.setdefault(stage or "start", {"main": 0.0, "processes": {}})
        st["main"] = max(st["main"], rss)
        for pid, mb in others.items():
            st["processes"][pid] = max(st["processes"].get(pid, 0.0), mb)
        if stage == "extract" and total and (not series or done * 10 // total > series[-1]["tenth"]):
            series.append(
                {
                    "tenth": done * 10 // total,
                    "documents": done,
                    "main_mb": round(rss, 1),
                    "workers_mb": sorted(round(mb, 1) for mb in others.values()),
                }
            )
        time.sleep(sample_every)
    if proc.returncode != 0:
        raise RuntimeError(f"end-to-end run failed with exit code {proc.returncode}")
    status.unlink(missing_ok=True)
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    # the pipeline process' own readings: a stage that ended between two samples still has its memory
    for name, mb in (result.get("rss_by_stage") or {}).items():
        st = stages.setdefault(name, {"main": 0.0, "processes": {}})
        st["main"] = max(st["main"], float(mb))
    peak: dict[int, float] = {}  # each other process' peak over the whole run
    for st in stages.values():
        for pid, mb in st["processes"].items():
            peak[pid] = max(peak.get(pid, 0.0), mb)
    result["sampled_peak_rss_main_mb"] = round(max((st["main"] for st in stages.values()), default=0.0), 1)
    result["sampled_peak_rss_worker_mb"] = round(max(peak.values()), 1) if peak else None
    result["worker_processes_seen"] = len(peak)
    result["sampled_by_stage"] = {
        name: {
            "main_mb": round(st["main"], 1),
            "busiest_other_mb": round(max(st["processes"].values()), 1) if st["processes"] else None,
            "other_processes": len(st["processes"]),
        }
        for name, st in stages.items()
    }
    result["extract_series"] = [{k: v for k, v in x.items() if k != "tenth"} for x in series]
    result["docs_per_s"] = round(result["documents"] / result["total_s"], 2)
    result["words_per_s"] = round(result["words"] / result["total_s"])
    result["extract_words_per_s"] = (
        round(result["words"] / result["extract_s"]) if result["extract_s"] else None
    )
    result["db_bytes"] = db.stat().st_size
    result["quality"] = export_and_score(f"sqlite:///{db}", corpus_dir / "gold", names, find_scorer())
    if compare_full:
        result["full_resolution"] = _full_resolution(db, corpus_dir, names, workers, sample_every)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    return result


def _full_resolution(
    db: Path, corpus_dir: Path, names: list[str], workers: int, sample_every: float
) -> dict[str, Any]:
    """``orbat resolve`` (every node from scratch) on the store: time, peak RSS, quality."""
    import psutil

    cmd = [sys.executable, "-m", "orbat", "--db", f"sqlite:///{db}", "resolve", "--workers", str(workers)]
    t0 = time.perf_counter()
    proc = subprocess.Popen([*cmd, "--no-progress"], stdout=subprocess.DEVNULL)
    ps = psutil.Process(proc.pid)
    peak = 0.0
    while proc.poll() is None:
        with contextlib.suppress(psutil.Error):
            peak = max(peak, ps.memory_info().rss / 2**20)
        time.sleep(sample_every)
    if proc.returncode != 0:
        raise RuntimeError(f"orbat resolve failed with exit code {proc.returncode}")
    return {
        "seconds": round(time.perf_counter() - t0, 2),
        "sampled_peak_rss_mb": round(peak, 1),
        "quality": export_and_score(f"sqlite:///{db}", corpus_dir / "gold", names, find_scorer()),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m orbat.bench.endtoend")
    ap.add_argument("--list", type=Path, required=True, help="file listing the documents, one path a line")
    ap.add_argument("--db", required=True)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--json", type=Path, required=True)
    ap.add_argument("--status", type=Path, default=None, help="file to keep the stage and progress in")
    a = ap.parse_args(argv)
    paths = [line for line in a.list.read_text(encoding="utf-8").splitlines() if line.strip()]
    result = run_pipeline(paths, a.db, a.workers, a.status)
    a.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
