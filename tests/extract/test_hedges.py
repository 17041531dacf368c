"""Attribution and hedging cues (orbat.extract.hedges). Test sentences are our own."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from orbat.extract.hedges import (
    DOUBTED_CUES,
    adjacent_doubt,
    claimed_by,
    hedge_for,
    lower_same_length,
    phrase_trie,
)
from tests.reliability.guards import hang_guard


def span_of(sentence: str, part: str) -> tuple[int, int]:
    i = sentence.index(part)
    return i, i + len(part)


# --------------------------------------------------------------------------- hedge_for


@pytest.mark.parametrize(
    ("sentence", "hedge", "cue"),
    [
        ("The brigade was formed in 2014.", "asserted", None),
        ("According to local activists, the brigade was formed in 2014.", "reported", "According to"),
        ("A spokesman told the agency that the brigade was formed in 2014.", "reported", "told"),
        ("The brigade, a spokesman said, was formed in 2014.", "reported", "said"),
        ("The commander claimed that the brigade was formed in 2014.", "reported", "claimed"),
        ("The brigade was reportedly formed in 2014.", "reported", "reportedly"),
        ("The brigade was allegedly formed in 2014.", "reported", "allegedly"),
        ("The brigade is reported to have 900 men.", "reported", "is reported to"),
        ("A post by the brigade's media office states that it has 900 men.", "reported", "post by"),
        (
            "Describing itself as a reserve force, the brigade recruits locally.",
            "reported",
            "Describing itself as",
        ),
        ("The brigade seemingly recruits locally.", "uncertain", "seemingly"),
        ("The brigade seems to recruit locally.", "uncertain", "seems"),
        ("The brigade likely recruits locally.", "uncertain", "likely"),
        ("The brigade appears to recruit locally.", "uncertain", "appears to"),
        ("The evidence suggests that the brigade recruits locally.", "uncertain", "suggests"),
        ("The brigade may recruit locally.", "uncertain", "may"),
        ("The brigade might recruit locally.", "uncertain", "might"),
        ("The brigade possibly recruits locally.", "uncertain", "possibly"),
        ("Perhaps the brigade recruits locally.", "uncertain", "Perhaps"),
        ("The figure of 90,000 men is an obvious exaggeration.", "doubted", "an obvious exaggeration"),
        ("The brigade did not actually fight alone.", "doubted", "did not actually"),
        ("The claim is dubious at best.", "doubted", "dubious"),
        ("Such a total is implausible.", "doubted", "implausible"),
        ("The totals were inflated.", "doubted", "inflated"),
        ("The commander's false claims were repeated.", "doubted", "false claims"),
    ],
)
def test_hedge_of_a_whole_sentence(sentence: str, hedge: str, cue: str | None) -> None:
    assert hedge_for(sentence) == (hedge, cue)


def test_precedence_doubted_over_uncertain_over_reported() -> None:
    s = "A spokesman said the brigade probably has 90,000 men, which is likely inflated."
    assert hedge_for(s)[0] == "doubted"
    s = "A spokesman said the brigade probably has 9,000 men."
    assert hedge_for(s)[0] == "uncertain"
    s = "A spokesman said the brigade has 9,000 men."
    assert hedge_for(s)[0] == "reported"


def test_an_aside_doubts_only_the_claim_next_to_it() -> None:
    s = (
        "A commander assured me that the network totals 90,000 fighters (an obvious exaggeration), "
        "founded in 2013 by its foreign sponsor."
    )
    assert hedge_for(s, span_of(s, "the network totals 90,000 fighters")) == (
        "doubted",
        "an obvious exaggeration",
    )
    assert hedge_for(s, span_of(s, "founded in 2013 by its foreign sponsor")) == ("reported", "assured")


def test_uncertain_cue_scoped_to_its_segment() -> None:
    s = "Further, though seemingly much weaker, branches were opened in the north by 2016."
    assert hedge_for(s) == ("uncertain", "seemingly")
    assert hedge_for(s, span_of(s, "branches were opened in the north by 2016")) == ("asserted", None)
    s = "The unit seems to have been small, with a recorded 12 deaths by 2015."
    assert hedge_for(s, span_of(s, "12 deaths by 2015"))[0] == "asserted"
    assert hedge_for(s, span_of(s, "have been small"))[0] == "uncertain"


def test_the_author_is_not_a_source() -> None:
    assert hedge_for("As I noted above, the brigade recruits locally.") == ("asserted", None)
    assert hedge_for("It should be noted that the brigade recruits locally.") == ("asserted", None)
    assert hedge_for("We have argued that the brigade recruits locally.") == ("asserted", None)


def test_cased_cues() -> None:
    # the month May and the country United States are not cues
    assert hedge_for("In May the brigade moved to the coast.") == ("asserted", None)
    assert hedge_for("The United States sanctioned the brigade.") == ("asserted", None)
    assert hedge_for("As its name suggests, the brigade recruits in the valley.") == ("asserted", None)


def test_adjacent_doubt() -> None:
    s = "It claims 90,000 fighters (likely inflated) and 40 tanks."
    assert adjacent_doubt(s, s.index(" (")) == "likely inflated"
    s = "It claims 90,000 fighters, an exaggerated figure, and 40 tanks."
    assert adjacent_doubt(s, s.index(", an")) == "an exaggerated"
    s = "It claims 90,000 fighters (in 2015) and 40 tanks."
    assert adjacent_doubt(s, s.index(" (")) is None
    s = "While 40 fighters were killed, the brigade did not actually retreat."
    assert adjacent_doubt(s, s.index(", the")) is None


# --------------------------------------------------------------------------- claimed_by


@pytest.mark.parametrize(
    ("sentence", "party"),
    [
        ("According to the same sources, the brigade has 900 men.", "the same sources"),
        ("According to the same sources the brigade has 900 men.", "the same sources"),
        ("According to a report, the brigade has 900 men.", "a report"),
        (
            "A spokesman for the Nayrab battalion told me that the brigade has 900 men.",
            "A spokesman for the Nayrab battalion",
        ),
        (
            "The first commander of the unit, Samir Khalil, told a newspaper that it has 900 men.",
            "Samir Khalil",
        ),
        ("The local correspondent, Omar al-Hamid, points out that it has 900 men.", "Omar al-Hamid"),
        ("On 4 May 2016, the brigade's media office claimed 12 'martyrs'.", "the brigade's media office"),
        ("In June, Saraya media mention clashes near the airport.", "Saraya media"),
        (
            "A 2018 post by a brigade-affiliated Telegram channel describes the battle.",
            "a brigade-affiliated Telegram channel",
        ),
        ("An investigation by the Daily Ledger found the payments.", "the Daily Ledger"),
        ("The salaries were reported by Radio Souriya last week.", "Radio Souriya"),
        ("An officer in Hama, who asked not to be named, said the army withdrew.", "An officer in Hama"),
        (
            "The militia's social media have advertised its role in the offensive.",
            "The militia's social media",
        ),
        ("Both statements claim the unit fought at the dam.", "Both statements"),
        ("As I noted earlier, the unit fought at the dam.", None),
        ("He said the unit fought at the dam.", None),
        ("The unit fought at the dam in 2015.", None),
    ],
)
def test_claimed_by(sentence: str, party: str | None) -> None:
    assert claimed_by(sentence) == party


def test_claimed_by_prefers_the_attribution_before_the_claim() -> None:
    s = "Ali Haddad said the unit has 900 men, but Karim Nasser claimed it has 3,000."
    assert claimed_by(s, span_of(s, "it has 3,000")) == "Karim Nasser"
    assert claimed_by(s, span_of(s, "the unit has 900 men")) == "Ali Haddad"


# --------------------------------------------------------------------------- lexicons are data


def test_phrase_trie_matches_every_phrase_and_longest_first() -> None:
    phrases = ["exaggerat*", "not actually", "not", "according to", "a"]
    rx = re.compile(r"\b" + phrase_trie(phrases) + r"\b")
    assert rx.match("exaggerations").group(0) == "exaggerations"  # type: ignore[union-attr]
    assert rx.match("not  actually").group(0) == "not  actually"  # type: ignore[union-attr]
    assert rx.match("not really").group(0) == "not"  # type: ignore[union-attr]
    assert rx.match("according to").group(0) == "according to"  # type: ignore[union-attr]
    assert rx.match("zebra") is None


def test_every_doubted_cue_is_recognised() -> None:
    for cue in DOUBTED_CUES:
        phrase = cue.replace("*", "ed")
        assert hedge_for(f"The figure is {phrase} here.")[0] == "doubted", cue


def test_lower_same_length_keeps_offsets() -> None:
    s = "İstanbul and ÆTHER"
    low = lower_same_length(s)
    assert len(low) == len(s)
    assert low.endswith("æther")


# --------------------------------------------------------------------------- speed


@pytest.mark.parametrize(
    "unit", ["x", " ", "1,", "said ", "according to ", "seems ", "The unit was formed in 2014. "]
)
def test_two_megabytes_finishes(unit: str) -> None:
    text = unit * (2_000_000 // len(unit))
    with hang_guard():  # a safety limit against super-linear regex work, not a speed target
        hedge_for(text)
        hedge_for(text, (len(text) - 20, len(text)))
        claimed_by(text)
        claimed_by(text, (len(text) - 20, len(text)))


# --------------------------------------------------------------------------- gold annotations


def _sentence(text: str, i: int, j: int) -> tuple[int, int]:
    a = max(text.rfind(". ", 0, i) + 2, text.rfind("\n", 0, i) + 1, 0)
    ends = [x for x in (text.find(". ", j), text.find("\n", j)) if x >= 0]
    return a, (min(ends) + 1 if ends else len(text))


def test_gold_hedges(shared: Path) -> None:
    """Sentence-level hedge of every gold claim (its quote as the span) against the
    gold hedge. Attribution often comes from an earlier sentence (quoted posts),
    which a sentence-level function cannot see; the figure is printed."""
    agree = total = 0
    for path in sorted((shared / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (shared / "corpus" / f"{gold['doc']}.txt").read_text(encoding="utf-8")
        for claim in gold["claims"]:
            qi = text.find(claim["quote"])
            if qi < 0:
                continue
            qe = qi + len(claim["quote"])
            a, b = _sentence(text, qi, qe)
            hedge, _ = hedge_for(text[a:b], (qi - a, qe - a))
            total += 1
            agree += hedge == claim.get("qualifiers", {}).get("hedge", "asserted")
    print(f"\ngold hedges agreed at sentence level: {agree}/{total} = {agree / total:.2f}")
    assert agree / total >= 0.75
