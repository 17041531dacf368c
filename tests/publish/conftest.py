"""Fixtures for publishing: the sample corpus (texts and metadata) and its expected claims in a store.

The documents are stored with their text first, so that importing
``examples/expected_claims.jsonl`` gives every quote its offsets (HTML
pages: the text nodes of the ``<article>`` element, as the expected claims
were written against them).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from orbat.model import Document
from orbat.store import Store
from orbat.store.engine import normalise_url
from tests.conftest import BACKENDS, PG_URL

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
CORPUS = EXAMPLES / "corpus"
EXPECTED = EXAMPLES / "expected_claims.jsonl"


class _Article(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.chunks: list[str] = []
        self.meta: dict[str, str] = {}
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "article":
            self.depth += 1
        if tag == "meta":
            key = a.get("name") or a.get("property")
            if key:
                self.meta[key] = a.get("content", "")
        if tag == "title":
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        if self.depth > 0 and data.strip():
            self.chunks.append(" ".join(data.split()))


def _front_matter(text: str) -> tuple[dict[str, Any], str]:
    if text.startswith("---\n"):
        head, _, body = text[4:].partition("\n---\n")
        return yaml.safe_load(head) or {}, body
    return {}, text


def sample_documents() -> list[Document]:
    docs = []
    for path in sorted(CORPUS.iterdir()):
        if path.name.endswith(".meta.yaml"):
            continue
        raw = path.read_text(encoding="utf-8")
        if path.suffix == ".md":
            meta, text = _front_matter(raw)
        elif path.suffix == ".txt":
            sidecar = path.with_suffix(".meta.yaml")
            meta = yaml.safe_load(sidecar.read_text(encoding="utf-8")) if sidecar.exists() else {}
            text = raw
        else:
            parser = _Article()
            parser.feed(raw)
            m = parser.meta
            meta = {
                "title": m.get("og:title") or parser.title,
                "author": m.get("author"),
                "publisher": m.get("og:site_name"),
                "date": (m.get("article:published_time") or "")[:10] or None,
                "url": m.get("og:url"),
                "source_kind": m.get("orbat:source_kind", "other"),
                "stance": m.get("orbat:stance"),
                "language": "en",
            }
            text = "\n\n".join(parser.chunks)
        docs.append(
            Document(
                name=path.stem,
                text=text,
                title=meta.get("title"),
                authors=(meta["author"],) if meta.get("author") else (),
                publisher=meta.get("publisher"),
                published=str(meta["date"]) if meta.get("date") else None,
                url=meta.get("url"),
                language=meta.get("language"),
                source_kind=meta.get("source_kind") or "other",
                stance=meta.get("stance"),
            )
        )
    return docs


def load_sample(store: Store) -> None:
    for doc in sample_documents():
        store.add_document(doc, doc.text.encode("utf-8"))
    store.import_claims_jsonl(EXPECTED)


@pytest.fixture
def sample_store(store: Store) -> Store:
    """The sample corpus in a fresh store of each backend (for tests that change it)."""
    load_sample(store)
    return store


@pytest.fixture(scope="module", params=BACKENDS)
def published(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The sample corpus, loaded once per test module and backend: for read-only tests."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('published') / 'kb.db'}"
        kb = Store.open(url, create=True)
        load_sample(kb)
        yield kb
        kb.close()
        return
    assert PG_URL
    admin = create_engine(normalise_url(PG_URL), isolation_level="AUTOCOMMIT")
    name = f"orbat_p_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(normalise_url(PG_URL)).set(database=name).render_as_string(hide_password=False)
    kb = Store.open(url, create=True)
    try:
        load_sample(kb)
        yield kb
    finally:
        kb.close()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def armed_groups_with_claims(store: Store) -> list[str]:
    counts = store.entity_claim_counts()
    return [e.id for e in store.list_entities("armed_group") if counts.get(e.id)]


def expected_records() -> list[dict[str, Any]]:
    return [json.loads(line) for line in EXPECTED.read_text(encoding="utf-8").splitlines() if line.strip()]
