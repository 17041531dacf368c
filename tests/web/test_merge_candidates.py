"""The merge page over a knowledge base built by the pipeline itself (ingest → extract → resolve):
the matcher's unsure pairs are listed, and a decision on one takes it off the list."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from orbat import pipeline
from orbat.settings import Settings
from orbat.store import Store
from orbat.web.app import create_app
from tests.web.conftest import EXAMPLES, PASSWORDS, Client, login


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("built") / "built.db"
    store = Store.open(f"sqlite:///{path}", create=True)
    report, ex, res = pipeline.build(store, [str(EXAMPLES / "corpus")])
    assert report.ok and ex is not None and ex.claims > 50 and res is not None
    store.add_user("ana", "analyst", PASSWORDS["ana"])
    store.close()
    return path


@pytest.fixture
def analyst_on_built(built: Path, tmp_path: Path) -> Iterator[tuple[Client, Store]]:
    path = tmp_path / "kb.db"
    shutil.copyfile(built, path)
    store = Store.open(f"sqlite:///{path}")
    app = create_app(Settings(database_url=f"sqlite:///{path}", secret_key="m" * 48), store)
    with TestClient(app, base_url="http://testserver") as http:
        yield Client(http, login(http, "ana"), "ana"), store
    store.close()


def _pairs(html: str) -> list[tuple[str, str]]:
    return re.findall(r'name="left" value="([^"]+)"><input type="hidden" name="right" value="([^"]+)"', html)


def test_candidates_from_resolution_and_deciding_one(analyst_on_built: tuple[Client, Store]):
    analyst, store = analyst_on_built
    html = analyst.http.get("/merge").text
    assert 'id="candidates"' in html
    pairs = _pairs(html)
    assert pairs, "the sample corpus gives the matcher pairs it is unsure about"
    api = analyst.http.get("/api/v1/merge-candidates").json()
    assert [(c["left"], c["right"]) for c in api] == pairs
    assert all(0 < c["score"] <= 1 and c["why"] for c in api)
    left, right = pairs[0]
    r = analyst.post(
        "/merge", data={"action": "different", "left": left, "right": right}, follow_redirects=False
    )
    assert r.status_code == 303 and "kept+apart" in r.headers["location"]
    after = _pairs(analyst.http.get("/merge").text)
    assert (left, right) not in after and (right, left) not in after
    assert store.recent_decisions(1)[0].action == "different"
