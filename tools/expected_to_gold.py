#!/usr/bin/env python3
"""Convert an interchange-format file of expected claims into the scorer's gold folder.

    python tools/expected_to_gold.py examples/expected_claims.jsonl OUT_DIR

The scorer (``shared/eval/score.py``) reads one ``<doc>.json`` per document:
``{"doc", "entities": [{"id", "type", "names"}], "claims": [...]}``. The
expected-claims file holds entity records once for the whole corpus and claims
tagged with their ``doc``; each document's gold lists the entities its claims
refer to, with ``names`` = the entity's name followed by its aliases.
Standard library only, so it runs without the project installed.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path


def convert(expected: Path, out_dir: Path) -> list[Path]:
    entities: dict[str, dict] = {}
    claims: dict[str, list[dict]] = defaultdict(list)
    with expected.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line:
                continue
            record = json.loads(line)
            if record.get("kind") == "entity":
                entities[str(record["id"])] = record
            elif record.get("kind") == "claim":
                claims[str(record["doc"])].append(record)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for doc, doc_claims in sorted(claims.items()):
        referenced: list[str] = []
        gold_claims = []
        for c in doc_claims:
            for ref in (c["subject"], (c.get("object") or {}).get("entity")):
                if ref is not None and ref not in referenced:
                    referenced.append(ref)
            gold_claims.append(
                {k: c[k] for k in ("subject", "predicate", "object", "qualifiers", "quote") if k in c}
            )
        missing = [r for r in referenced if r not in entities]
        if missing:
            raise SystemExit(f"{doc}: claims refer to unknown entities {missing}")
        gold_entities = [
            {
                "id": r,
                "type": entities[r]["type"],
                "names": [entities[r]["name"], *(entities[r].get("aliases") or [])],
            }
            for r in referenced
        ]
        path = out_dir / f"{doc}.json"
        path.write_text(
            json.dumps(
                {"doc": doc, "entities": gold_entities, "claims": gold_claims}, ensure_ascii=False, indent=1
            ),
            encoding="utf-8",
        )
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    written = convert(Path(args[0]), Path(args[1]))
    print(f"{len(written)} gold files in {args[1]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
