"""Uploads run in the background: read → store → extract → resolve, with progress to poll.

One worker thread runs the jobs one after another (extraction is CPU-bound
and resolution rewrites the entity table: two at once would only fight).
A job keeps its files' bytes in memory until it runs; the request that
made it has already checked sizes and types.
"""

from __future__ import annotations

import re
import threading
import traceback
import unicodedata
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePosixPath
from typing import Any

from orbat import pipeline
from orbat.errors import OrbatError
from orbat.model import utcnow
from orbat.settings import Settings
from orbat.store import Store
from orbat.web.actions import RESOLVE_LOCK

ALLOWED_TYPES: dict[str, str] = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
_UNSAFE = re.compile(r"[^\w.()\- ]+", re.UNICODE)


def safe_filename(name: str | None) -> str:
    """A file name that is only a name: no folders, no control characters, no leading dots."""
    raw = unicodedata.normalize("NFKC", name or "")
    raw = raw.replace("\\", "/")
    base = PurePosixPath(raw).name if "/" in raw else raw
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    base = _UNSAFE.sub("_", base).strip(" .")
    base = re.sub(r"_+", "_", base)
    if not base or base in (".", ".."):
        base = "upload"
    stem, dot, ext = base.rpartition(".")
    if dot and len(ext) <= 10:
        return stem[:100].strip(" .") + "." + ext if stem.strip(" .") else "upload." + ext
    return base[:110]


def media_type_for(filename: str) -> str | None:
    suffix = PurePosixPath(filename).suffix.lower()
    return ALLOWED_TYPES.get(suffix)


@dataclass
class UploadFile:
    name: str  # sanitised
    media_type: str
    data: bytes


@dataclass
class Job:
    id: str
    user: str
    files: list[str]
    state: str = "queued"  # queued | running | done | failed
    stage: str = "queued"
    done: int = 0
    total: int = 0
    label: str = ""
    created: datetime = field(default_factory=utcnow)
    finished: datetime | None = None
    ingested: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    claims: int = 0
    entities: int | None = None
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "user": self.user,
            "files": self.files,
            "state": self.state,
            "stage": self.stage,
            "done": self.done,
            "total": self.total,
            "label": self.label,
            "created": self.created.isoformat(),
            "finished": self.finished.isoformat() if self.finished else None,
            "ingested": self.ingested,
            "unchanged": self.unchanged,
            "failed": [{"file": f, "cause": c} for f, c in self.failed],
            "claims": self.claims,
            "entities": self.entities,
            "error": self.error,
        }


class Jobs:
    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None

    def _executor(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="orbat-upload")
            return self._pool

    def submit(self, user: str, files: list[UploadFile], overrides: dict[str, Any]) -> Job:
        job = Job(id=uuid.uuid4().hex[:16], user=user, files=[f.name for f in files], total=len(files))
        with self._lock:
            self._jobs[job.id] = job
            if len(self._jobs) > 200:  # keep the newest finished jobs only
                old = sorted(
                    (j for j in self._jobs.values() if j.state in ("done", "failed")), key=lambda j: j.created
                )
                for j in old[: len(self._jobs) - 200]:
                    del self._jobs[j.id]
        self._executor().submit(self._run, job, files, overrides)
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def recent(self) -> list[Job]:
        with self._lock:
            return sorted(self._jobs.values(), key=lambda j: j.created, reverse=True)

    def wait(self, job_id: str, timeout: float = 60.0) -> Job | None:
        """Block until the job has finished (tests and scripts)."""
        import time

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            job = self.get(job_id)
            if job is None or job.state in ("done", "failed"):
                return job
            time.sleep(0.05)
        return self.get(job_id)

    def shutdown(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=False)

    # -- the work ----------------------------------------------------------
    def _progress(self, job: Job, stage: str) -> pipeline.Progress:
        def update(label: str, done: int, total: int) -> None:
            if label == stage:  # the stage's own start/end marks carry no item name
                label = ""
            job.stage, job.label, job.done, job.total = stage, label, done, total

        return update

    def _run(self, job: Job, files: list[UploadFile], overrides: dict[str, Any]) -> None:
        job.state = "running"
        try:
            ids = self._read(job, files, overrides)
            if ids:
                job.stage, job.label, job.done, job.total = "extract", "loading the extractor", 0, len(ids)
                ex = pipeline.extract(
                    self.store,
                    ids,
                    extractor_name=self.settings.extractor,
                    progress=self._progress(job, "extract"),
                )
                job.claims = ex.claims
                job.failed.extend(ex.failed)
                job.stage, job.label, job.done, job.total = "resolve", "waiting for other changes", 0, 1
                with RESOLVE_LOCK:
                    res = pipeline.resolve(
                        self.store, progress=self._progress(job, "resolve"), incremental=True
                    )
                job.entities = res.entities
            job.stage = "done"
            job.state = "failed" if job.failed and not job.ingested and not job.unchanged else "done"
        except OrbatError as exc:
            job.error = str(exc)
            job.state = "failed"
        except Exception as exc:  # a bug must not kill the worker; it is reported on the job
            job.error = f"{type(exc).__name__}: {exc}"
            job.state = "failed"
            traceback.print_exc()
        finally:
            job.finished = utcnow()
            files.clear()

    def _read(self, job: Job, files: list[UploadFile], overrides: dict[str, Any]) -> list[int]:
        from orbat.ingest import Limits, read_bytes

        limits = Limits(max_bytes=self.settings.max_upload_bytes)
        ids: list[int] = []
        job.stage = "read"
        for i, f in enumerate(files):
            job.label, job.done, job.total = f.name, i, len(files)
            try:
                result = read_bytes(
                    f.data, f.name, f.media_type, overrides or None, limits, source_uri=f"upload:{f.name}"
                )
                # the upload is audited in the document's own transaction: never one without the other
                stored = self.store.add_document(
                    result.document, result.data, audit_as=job.user, audit_after={"file": f.name}
                )
            except OrbatError as exc:
                job.failed.append((f.name, getattr(exc, "cause", str(exc))))
                continue
            ids.append(stored.id)
            (job.unchanged if stored.status == "unchanged" else job.ingested).append(stored.document.name)
        job.done = len(files)
        return ids
