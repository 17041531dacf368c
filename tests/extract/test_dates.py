"""Date expressions -> EDTF (orbat.extract.dates). Test sentences are our own."""

from __future__ import annotations

import importlib.util
import itertools
import json
from pathlib import Path
from types import ModuleType

import pytest

from orbat.extract.dates import DateMatch, find_dates, normalise_date
from orbat.model.values import is_edtf
from tests.reliability.guards import hang_guard


def dates(text: str, doc_date: str | None = None) -> list[tuple[str, str, str | None, str | None]]:
    return [(d.text, d.edtf, d.role, d.cue) for d in find_dates(text, doc_date)]


def values(text: str, doc_date: str | None = None) -> list[str]:
    return [d.edtf for d in find_dates(text, doc_date)]


# --------------------------------------------------------------------------- absolute forms


@pytest.mark.parametrize(
    ("text", "edtf"),
    [
        ("The militia was raised in 2012.", "2012"),
        ("It appeared around the city in early 2012.", "2012"),
        ("The battalion first fought in mid-2012.", "2012"),
        ("Its fighters left by late 2013.", "2013"),
        ("The deal was struck at the end of 2015.", "2015"),
        ("By the beginning of 2013 the committees were merged.", "2013"),
        ("Recruitment slowed in the first half of 2014.", "2014"),
        ("The unit was dissolved in June 2012.", "2012-06"),
        ("The unit was dissolved in Jun. 2012.", "2012-06"),
        ("The unit was dissolved in June of 2012.", "2012-06"),
        ("The decree was signed on June 14, 2012.", "2012-06-14"),
        ("The decree was signed on 14 June 2012.", "2012-06-14"),
        ("The decree was signed on the 14th of June 2012.", "2012-06-14"),
        ("The decree was signed on 20 March 2016.", "2016-03-20"),
        ("The decree (2012-06-14) was published.", "2012-06-14"),
        ("The decree dated 14/06/2012 was published.", "2012-06-14"),
        ("The brigade moved north in Spring 2014.", "2014-21"),
        ("The brigade moved north in spring 2016.", "2016-21"),
        ("The brigade moved north in the summer of 2015.", "2015-22"),
        ("It regrouped in autumn 2013 and in the fall of 2014.", "2013-23"),
        ("They froze through winter 2016.", "2016-24"),
        ("The party militia was active in the 1980s.", "198X"),
        ("The party militia was active in the eighties.", "198X"),
        ("The party militia was active in the nineties of the last century.", "199X"),
        ("The party militia was active in the early 1990s.", "199X"),
        ("Such units date from the 20th century.", "19XX"),
        ("The commander died around 2012.", "2012~"),
        ("The commander died circa 2012.", "2012~"),
        ("The commander died c. 2012.", "2012~"),
        ("On Friday, August 16, 2024, the office closed.", "2024-08-16"),
        ("He gave a late 2012 interview to the paper.", "2012"),
        ("Its losses in the 2016 offensive were heavy.", "2016"),
    ],
)
def test_absolute_dates(text: str, edtf: str) -> None:
    found = find_dates(text)
    assert found, text
    assert found[0].edtf == edtf
    assert is_edtf(found[0].edtf)


def test_vague_wording_stays_in_the_text() -> None:
    [d] = find_dates("The brigade had about 1,500 men by late 2015.")
    assert (d.text, d.edtf, d.role, d.cue) == ("late 2015", "2015", "as_of", "by")
    [d] = find_dates("The group was founded in mid-2012.")
    assert d.text == "mid-2012"


def test_offsets_are_exact() -> None:
    text = "Formed in spring 2014, the brigade had about 1,500 men by late 2015."
    for d in find_dates(text):
        assert text[d.start : d.end] == d.text
    assert [d.text for d in find_dates(text)] == ["spring 2014", "late 2015"]


# --------------------------------------------------------------------------- cues and roles


@pytest.mark.parametrize(
    ("text", "role", "cue"),
    [
        ("The group has operated there since 2013.", "start", "since"),
        ("The group has operated there since at least 2018.", "start", "since"),
        ("Salaries were paid from June 2012.", "start", "from"),
        ("Operations resumed starting in May 2015.", "start", "starting in"),
        ("The campaign began in October 2015.", "start", "began in"),
        ("He led the unit until April 2014.", "end", "until"),
        ("He led the unit till 2014.", "end", "till"),
        ("The checkpoint was manned up to 2019.", "end", "up to"),
        ("The brigade counted 246 dead as of 21 March 2016.", "as_of", "as of"),
        ("Centres existed in six provinces by late 2013.", "as_of", "by"),
        ("The office was raided in 2011.", None, "in"),
        ("The office was raided on 3 May 2011.", None, "on"),
        ("Fighting was heavy during 2014.", None, "during"),
        ("The network existed before 2011.", None, "before"),
        ("Nothing was heard of it after 2017.", None, "after"),
        ("Pre-2011 Syria had few such groups.", None, "before"),
        ("A 2017 article described the camp.", None, None),
    ],
)
def test_cue_and_role(text: str, role: str | None, cue: str | None) -> None:
    [d] = find_dates(text)
    assert (d.role, d.cue) == (role, cue)


def test_before_the_war_is_not_a_date() -> None:
    assert find_dates("The unit's roots go back to before the war.") == []


# --------------------------------------------------------------------------- ranges


@pytest.mark.parametrize(
    ("text", "edtf"),
    [
        ("The siege lasted from 2012 to 2014.", "2012/2014"),
        ("The siege lasted between 2012 and 2014.", "2012/2014"),
        ("The siege (2012-2014) was long.", "2012/2014"),
        ("The siege (2012–2014) was long.", "2012/2014"),
        ("The siege (2012–14) was long.", "2012/2014"),
        ("The offensive (2015–16) failed.", "2015/2016"),
        ("The offensive (April–May 2018) failed.", "2018-04/2018-05"),
        ("The offensive (October 2017–February 2018) failed.", "2017-10/2018-02"),
        ("He served from June 2012 until April 2014.", "2012-06/2014-04"),
        ("Talks took place on 14–16 June 2012.", "2012-06-14/2012-06-16"),
        ("Active: 1 November 2012 – 8 December 2024", "2012-11-01/2024-12-08"),
        ("Active: 1 November 20128 December 2024", "2012-11-01/2024-12-08"),
        ("Ongoing crisis (2023–present)", "2023/.."),
    ],
)
def test_intervals(text: str, edtf: str) -> None:
    [d] = find_dates(text)
    assert d.edtf == edtf
    assert d.role == "interval"
    assert is_edtf(d.edtf)


def test_interval_cue_is_kept() -> None:
    [d] = find_dates("The siege lasted from 2012 to 2014.")
    assert (d.text, d.cue) == ("2012 to 2014", "from")
    [d] = find_dates("The siege lasted between 2012 and 2014.")
    assert d.cue == "between"


def test_two_dates_joined_by_and_are_not_a_range() -> None:
    assert values("Clashes were reported in 2012 and 2014.") == ["2012", "2014"]
    assert values("It happened in 2006 or 2007.") == ["2006", "2007"]


def test_reversed_range_is_two_dates() -> None:
    assert values("Compare 2016-2012 figures.") != ["2016/2012"]


def test_month_takes_the_year_of_a_coordinated_month() -> None:
    found = find_dates("Two members were killed in February and April 2012.")
    assert [(d.text, d.edtf) for d in found] == [("February", "2012-02"), ("April 2012", "2012-04")]
    assert found[0].cue == "in"


# --------------------------------------------------------------------------- not dates


@pytest.mark.parametrize(
    "text",
    [
        "The militia had 2000 fighters.",
        "The militia had around 2000 fighters.",
        "It paid 25,000 pounds.",
        "See Document no. 845 and No. 2012 of the archive.",
        "Garrison: 3002 Damascus, Syria",
        "The group claims more than 2000 men.",
        "Between 2000-3000 men joined.",
        "Some 2000 recruits were trained.",
        "Men in their twenties joined.",
        "The force was 2000-strong.",
        "About 2010% of nothing.",
        "They may return, and march on the town.",
        "It cost $2012 in total.",
        "Resolution 2254 was adopted.",
    ],
)
def test_numbers_that_are_not_years(text: str) -> None:
    assert find_dates(text) == [], find_dates(text)


def test_bare_month_needs_a_cue() -> None:
    assert find_dates("May God protect them.") == []
    assert values("In April the brigade moved.", "2016-05-24") == ["2016-04"]


# --------------------------------------------------------------------------- relative dates


def test_relative_to_the_document_date() -> None:
    doc = "2016-05-24"
    assert values("The group was formed last year.", doc) == ["2015"]
    assert values("The offensive began in October of last year.", doc) == ["2015-10"]
    assert values("Funding stopped at the beginning of this year.", doc) == ["2016"]
    assert values("The deal collapsed last October.", doc) == ["2015-10"]
    assert values("It was reported yesterday.", doc) == ["2016-05-23"]
    [d] = find_dates("They have held the line since two months ago.", doc)
    assert (d.edtf, d.role, d.cue) == ("2016-03~", "start", "since")


def test_relative_dates_are_skipped_without_a_document_date() -> None:
    assert find_dates("The group was formed last year.") == []
    assert find_dates("They arrived two months ago.") == []


def test_relative_to_the_previous_date() -> None:
    text = "On 20 March 2016 the brigade buried 15 men; it buried 5 more two days later."
    assert values(text) == ["2016-03-20", "2016-03-22"]
    text = "On 30 June 2015 they attacked, and the next day they withdrew."
    assert values(text) == ["2015-06-30", "2015-07-01"]
    text = "The force counted 60,000 men as of June 2013 and 100,000 by August."
    assert values(text) == ["2013-06", "2013-08"]
    text = "It was formed in mid-2012 and, by the end of the year, had grown."
    assert values(text) == ["2012", "2012"]


def test_later_needs_a_precise_enough_anchor() -> None:
    # "two days later" after a month-precision date is not resolvable
    assert values("In June 2015 they attacked; two days later they withdrew.") == ["2015-06"]


# --------------------------------------------------------------------------- API


def test_matches_are_sorted_and_do_not_overlap() -> None:
    text = (
        "Formed on 1 November 2012, the force grew until 2014; from 2015 to 2017 it shrank, "
        "and by late 2018 (or early 2019) it had 2000 members."
    )
    found = find_dates(text)
    assert [d.edtf for d in found] == ["2012-11-01", "2014", "2015/2017", "2018", "2019"]
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start


def test_all_values_are_valid_edtf() -> None:
    text = (
        "In 2012, in mid-2013, by late 2014, in June 2015, on 3 July 2016, in spring 2017, "
        "in the 1980s, the nineties, the 20th century, around 2011, from 2012 to 2014, 2015–16, "
        "April–May 2018, 14–16 June 2012, 2023–present, since two months ago, last year, last October."
    )
    found = find_dates(text, "2019-02-10")
    assert len(found) >= 17
    for d in found:
        assert isinstance(d, DateMatch)
        assert is_edtf(d.edtf), d


def test_normalise_date() -> None:
    assert normalise_date("mid-2012") == "2012"
    assert normalise_date("the beginning of 2013") == "2013"
    assert normalise_date("Spring 2014") == "2014-21"
    assert normalise_date("1 November 2012 – 8 December 2024") == "2012-11-01/2024-12-08"
    assert normalise_date("October of last year", "2016-05-24") == "2015-10"
    assert normalise_date("October of last year") is None
    assert normalise_date("the eighties") == "198X"
    assert normalise_date("no date here") is None


def test_doc_date_precision_is_respected() -> None:
    # a year-only document date cannot resolve "yesterday" or "last month"
    assert values("It happened yesterday and last month.", "2016") == []
    assert values("It happened last year.", "2016") == ["2015"]


# --------------------------------------------------------------------------- speed


PROSE = (
    "The brigade was formed in spring 2014 and had about 1,500 men by late 2015. "
    "Its commander, who had served since 2011, was killed on 3 May 2016; two days later a successor "
    "was named. Analysts put its strength at 2000 fighters, although local sources spoke of fewer. "
    "Between 2017 and 2019 the unit was folded into a larger network that operated in four provinces. "
)


def test_two_megabytes_of_prose_finishes() -> None:
    text = (PROSE * (2_000_000 // len(PROSE) + 1))[:2_000_000]
    with hang_guard():  # catches catastrophic backtracking; speed is measured by the benchmarks
        found = find_dates(text, "2020-01-01")
    assert len(found) > 20_000


@pytest.mark.parametrize("unit", ["x", " ", "1", "(", "1,", "the end of ", "June "])
def test_two_megabytes_of_one_pattern_is_linear(unit: str) -> None:
    text = unit * (2_000_000 // len(unit))
    with hang_guard():  # a safety limit against super-linear regex work, not a speed target
        find_dates(text)


# --------------------------------------------------------------------------- gold annotations


def _scorer(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("orbat_shared_score", shared / "eval" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_HAS_DATE_WORDS = (
    "19",
    "20",
    "january",
    "february",
    "march",
    "april",
    "may ",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    " year",
    " ago",
    "eighties",
)


def test_gold_dates_are_found(shared: Path) -> None:
    """Every gold date (object or start/end/as_of) whose quote writes a date: is it
    among the dates found inside the quote (the document scanned whole, without
    its publication date)? Prints the hit rate."""
    score = _scorer(shared)
    hits = total = 0
    misses = []
    for path in sorted((shared / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (shared / "corpus" / f"{gold['doc']}.txt").read_text(encoding="utf-8")
        found = find_dates(text)
        for claim in gold["claims"]:
            quote = claim["quote"]
            qi = text.find(quote)
            if qi < 0 or not any(w in quote.lower() for w in _HAS_DATE_WORDS):
                continue
            qe = qi + len(quote)
            inside = [d.edtf for d in found if d.start < qe and d.end > qi]
            candidates = inside + [part for v in inside for part in v.split("/")]
            golds = [claim["object"]["date"]] if "date" in claim["object"] else []
            golds += [v for k, v in claim.get("qualifiers", {}).items() if k in ("start", "end", "as_of")]
            for g in golds:
                total += 1
                ok = g in candidates or any(score.objects_match(("D", g), ("D", c)) for c in candidates)
                hits += ok
                if not ok:
                    misses.append((g, inside, quote[:60]))
    rate = hits / total
    print(f"\ngold dates found in their quotes: {hits}/{total} = {rate:.2f}")
    for m in misses:
        print("  miss", m)
    assert total > 40
    assert rate >= 0.8
