"""The publishing commands end to end: profile, timeline, graph and the export formats."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import networkx as nx
import pytest

from orbat.store import Store
from tests.cli.test_cli import run
from tests.publish.conftest import load_sample


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    kb = Store.open(url, create=True)
    load_sample(kb)
    kb.close()
    return url


def test_profile_timeline_graph_commands_write_files(db: str, tmp_path: Path):
    html = tmp_path / "baqir.html"
    run("profile", "Liwa al-Baqir", "-o", str(html), db=db)
    page = html.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Sources disagree on the founding of Liwa al-Baqir" in page
    md = run("profile", "Baqir Brigade", "--format", "md", db=db).stdout
    assert md.startswith("# Liwa al-Baqir") and "[^1]:" in md
    tl = tmp_path / "ndf.json"
    run("timeline", "National Defense Forces", "-o", str(tl), db=db)
    assert json.loads(tl.read_text(encoding="utf-8"))["entity"] == "national_defense_forces"
    svg = tmp_path / "all.svg"
    run("timeline", "-o", str(svg), db=db)
    assert "<svg" in svg.read_text(encoding="utf-8")
    gexf = tmp_path / "g.gexf"
    run("graph", "Liwa al-Baqir", "--depth", "2", "--format", "gexf", "-o", str(gexf), db=db)
    assert "katibat_al_nayrab" in nx.read_gexf(gexf)
    png = tmp_path / "g.png"
    run("graph", "-o", str(png), db=db)
    assert png.read_bytes().startswith(b"\x89PNG")
    bad = run("profile", "No Such Group", db=db, check=False)
    assert bad.returncode != 0 and "no entity" in bad.stderr


def test_export_formats_from_the_command_line(db: str, tmp_path: Path):
    z = tmp_path / "kb.zip"
    run("export", "--format", "csv", "-o", str(z), db=db)
    with zipfile.ZipFile(z) as archive:
        assert set(archive.namelist()) == {"entities.csv", "claims.csv", "evidence.csv"}
    ftm = run("export", "--format", "ftm", "--entity", "Liwa al-Baqir", db=db).stdout
    assert all(json.loads(line)["schema"] for line in ftm.splitlines())
    geo = tmp_path / "places.geojson"
    run("export", "--format", "geojson", "-o", str(geo), db=db)
    assert json.loads(geo.read_text(encoding="utf-8"))["type"] == "FeatureCollection"


def test_pdf_profile(db: str, tmp_path: Path):
    pytest.importorskip("weasyprint")
    pdf = tmp_path / "baqir.pdf"
    run("profile", "liwa_al_baqir", "-o", str(pdf), db=db)
    assert pdf.read_bytes().startswith(b"%PDF")
