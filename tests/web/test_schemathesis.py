"""Schemathesis against /openapi.json: generated requests to every API operation never cause a 5xx.

A few dozen examples per operation by default; the ``slow`` variant runs many more (``--slow``).
Calls carry an admin's API token, so write operations run their real code paths too. Each
operation's cases come from schemathesis' Hypothesis strategy, driven by ``@given`` here (its
pytest plugin does not load under this pytest version).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from orbat.settings import Settings
from orbat.store import Store
from orbat.web.app import create_app

# uploads start background extraction jobs; they are covered by test_uploads.py
SKIPPED = {("POST", "/api/v1/uploads")}
# operations that reconcile or re-match the whole store take seconds each and have one parameter
FEWER = {"/api/v1/conflicts": 4, "/api/v1/merge-candidates": 4}


@pytest.fixture
def store_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'kb.db'}"


def _operations(kb: Store, settings_: Settings) -> list[Any]:
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(settings_, kb))
    ops = [r.ok() for r in schema.get_all_operations()]
    return [op for op in ops if (op.method.upper(), op.path) not in SKIPPED]


def _fuzz(kb: Store, settings_: Settings, examples: int) -> list[str]:
    token = kb.new_api_token("adam", label="schemathesis")
    ops = _operations(kb, settings_)
    assert len(ops) > 20
    seen: list[str] = []
    for op in ops:

        @settings(
            max_examples=min(examples, FEWER.get(op.path, examples)),
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        @given(case=op.as_strategy())
        def run(case: Any) -> None:
            response = case.call(headers={"Authorization": f"Bearer {token}"})
            assert response.status_code < 500, (
                f"{case.method} {case.formatted_path} {case.query or ''} -> {response.status_code}: "
                f"{response.text[:500]}"
            )

        run()
        seen.append(f"{op.method.upper()} {op.path}")
    return seen


def test_api_never_answers_5xx(kb: Store, settings: Settings) -> None:
    seen = _fuzz(kb, settings, examples=20)
    assert "POST /api/v1/claims" in seen and "GET /api/v1/search" in seen


@pytest.mark.slow
def test_api_never_answers_5xx_long(kb: Store, settings: Settings) -> None:
    _fuzz(kb, settings, examples=300)
