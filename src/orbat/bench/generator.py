"""A synthetic corpus with known claims, for measuring orbat at scale.

    python -m orbat.bench.generator --size 10k --out /tmp/corpus [--seed 7]

writes, streaming (one document at a time, nothing proportional to the
corpus held in memory but the entities' names)::

    OUT/docs/<doc>.md        Markdown with YAML front matter (title, date, publisher, source kind)
    OUT/gold/<doc>.json      the gold annotation of shared/spec/annotation.md (entities, claims)
    OUT/gold.jsonl           the same claims in the claims-jsonl interchange format (doc = file stem)
    OUT/manifest.json        seed, size, counts, words, generation time

Documents are analytical prose of 300-600 words about synthetic armed groups
(transliterated unit-word names, English glosses, acronyms), their leaders
(Arabic particles al-, Abu, bin), places (towns from orbat's gazetteer and
invented villages) and backers, with hedges ("according to", "it appears
that", "an obvious exaggeration") and different spellings of one group in
different documents. Output is a pure function of (seed, size).

Quality at scale can then be scored with the shared scorer:
``python shared/eval/score.py --gold OUT/gold --pred export.jsonl``.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from orbat.bench.prose import FACTS, PUBLISHERS, TITLE_TOPICS, DocWriter, Fillers, founded
from orbat.bench.world import World

GENERATOR_VERSION = "1"
SIZES = {"20": 20, "100": 100, "1k": 1_000, "10k": 10_000, "100k": 100_000}


def parse_size(value: str) -> int:
    """``1k``/``10k``/``100k`` (or a plain number) -> number of documents."""
    v = value.strip().lower()
    if v in SIZES:
        return SIZES[v]
    if v.endswith("k") and v[:-1].isdigit():
        return int(v[:-1]) * 1000
    if v.isdigit() and int(v) > 0:
        return int(v)
    raise argparse.ArgumentTypeError(f"not a corpus size: {value!r} (1k, 10k, 100k or a number)")


def groups_for(n_docs: int) -> int:
    """How many armed groups a corpus of ``n_docs`` documents is about."""
    return max(24, n_docs // 8)


@dataclass(frozen=True)
class GeneratedDoc:
    name: str  # the file stem = the document id
    markdown: str  # front matter + body
    body: str
    gold: dict[str, Any]
    words: int


class Corpus:
    """The synthetic world and the documents written about it (each document from its own seed)."""

    def __init__(self, n_docs: int, seed: int = 7) -> None:
        self.n_docs = n_docs
        self.seed = seed
        self.world = World(seed, groups_for(n_docs))
        ids = list(self.world.groups)
        self._group_ids = ids
        # Zipf-like popularity: a few groups are written about in many documents
        self._cum = list(itertools.accumulate(1.0 / (rank + 1) ** 0.9 for rank in range(len(ids))))

    def doc_name(self, i: int) -> str:
        return f"syn_{i:06d}"

    def _pick(self, rng: random.Random) -> str:
        x = rng.random() * self._cum[-1]
        return self._group_ids[min(bisect.bisect_left(self._cum, x), len(self._group_ids) - 1)]

    def document(self, i: int) -> GeneratedDoc:
        """Document ``i`` (deterministic for the corpus' seed)."""
        rng = random.Random(f"{self.seed}:doc:{i}")
        name = self.doc_name(i)
        w = DocWriter(self.world, rng, name)
        focus = self.world.groups[self._pick(rng)]
        others = {self._pick(rng) for _ in range(rng.randint(1, 3))}
        related = [x for x in (focus.parent, *focus.allies[:1]) if x and x in self.world.groups]
        others.update(related[:1])
        others.discard(focus.id)
        target = rng.randint(300, 600)
        facts: list[str] = []
        words = 0

        def add(sentence: str | None) -> None:
            nonlocal words
            if sentence:
                facts.append(sentence)
                words += len(sentence.split())

        add(founded(w, focus) if rng.random() < 0.8 else None)
        plan: list[tuple[str, Any]] = [(focus.id, b) for b in rng.sample(FACTS, k=len(FACTS))]
        for gid in sorted(others):
            plan.append((gid, founded))
            plan.extend((gid, b) for b in rng.sample(FACTS, k=rng.randint(1, 3)))
        for gid, builder in plan:
            if words >= target * 0.6:
                break
            add(builder(w, self.world.groups[gid]))
        # fillers (no names, no claims) spread between the facts, in their order
        sentences = list(facts)
        filler = Fillers(rng)
        while words < target:
            extra = filler()
            sentences.insert(rng.randint(1, len(sentences)) if sentences else 0, extra)
            words += len(extra.split())
        paragraphs: list[list[str]] = [[]]
        for sentence in sentences:
            if len(paragraphs[-1]) >= rng.randint(3, 6):
                paragraphs.append([])
            paragraphs[-1].append(sentence)
        body = "\n\n".join(" ".join(p) for p in paragraphs if p) + "\n"
        years = [int(c["qualifiers"].get("as_of", "0")[:4] or 0) for c in w.claims]
        year = max([2016, *years]) + rng.randint(0, 1)
        published = f"{min(year, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        publisher, kind = rng.choice(PUBLISHERS)
        title = f"{focus.gloss}: {rng.choice(TITLE_TOPICS)}"
        front = (
            f"---\ntitle: {json.dumps(title)}\npublisher: {json.dumps(publisher)}\n"
            f"date: {json.dumps(published)}\nsource_kind: {kind}\nlanguage: en\n---\n\n"
        )
        return GeneratedDoc(name, front + body, body, w.gold(), len(body.split()))

    def documents(self, start: int = 0, stop: int | None = None) -> Iterator[GeneratedDoc]:
        for i in range(start, self.n_docs if stop is None else min(stop, self.n_docs)):
            yield self.document(i)


def interchange_claim(doc: str, claim: dict[str, Any]) -> dict[str, Any]:
    """A gold claim as a claims-jsonl record (gold ids as entity ids)."""
    return {
        "kind": "claim",
        "doc": doc,
        "subject": claim["subject"],
        "predicate": claim["predicate"],
        "object": claim["object"],
        "qualifiers": claim["qualifiers"],
        "quote": claim["quote"],
    }


def generate(out: Path, n_docs: int, seed: int = 7, *, progress: bool = False) -> dict[str, Any]:
    """Write the corpus of ``n_docs`` documents under ``out``; return the manifest."""
    t0 = time.perf_counter()
    corpus = Corpus(n_docs, seed)
    docs_dir, gold_dir = out / "docs", out / "gold"
    docs_dir.mkdir(parents=True, exist_ok=True)
    gold_dir.mkdir(parents=True, exist_ok=True)
    names: dict[str, dict[str, None]] = {}
    types: dict[str, str] = {}
    words = claims = 0
    with (out / "gold.jsonl").open("w", encoding="utf-8") as gold_jsonl:
        for n, doc in enumerate(corpus.documents(), start=1):
            (docs_dir / f"{doc.name}.md").write_text(doc.markdown, encoding="utf-8")
            (gold_dir / f"{doc.name}.json").write_text(
                json.dumps(doc.gold, ensure_ascii=False, indent=1), encoding="utf-8"
            )
            for e in doc.gold["entities"]:
                types[e["id"]] = e["type"]
                names.setdefault(e["id"], {}).update(dict.fromkeys(e["names"]))
            for c in doc.gold["claims"]:
                gold_jsonl.write(json.dumps(interchange_claim(doc.name, c), ensure_ascii=False) + "\n")
            words += doc.words
            claims += len(doc.gold["claims"])
            if progress and n % 5000 == 0:
                print(f"  generated {n:,}/{n_docs:,} documents", flush=True)
        for eid in sorted(names):
            forms = list(names[eid])
            canonical = corpus.world.canonical_name(eid).removeprefix("the ")
            record = {
                "kind": "entity",
                "id": eid,
                "type": types[eid],
                "name": canonical,
                "aliases": [f for f in forms if f != canonical],
            }
            gold_jsonl.write(json.dumps(record, ensure_ascii=False) + "\n")
    manifest = {
        "generator": GENERATOR_VERSION,
        "seed": seed,
        "documents": n_docs,
        "words": words,
        "claims": claims,
        "entities": len(names),
        "groups": len(corpus.world.groups),
        "seconds": round(time.perf_counter() - t0, 2),
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m orbat.bench.generator", description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=parse_size, default=1_000, help="1k, 10k, 100k or a number of documents")
    ap.add_argument("--out", type=Path, required=True, help="output folder")
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args(argv)
    manifest = generate(a.out, a.size, a.seed, progress=True)
    print(json.dumps(manifest))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
