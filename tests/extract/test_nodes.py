"""In-document nodes: which mentions one text gives to one thing, and with which type.

Sentences written for these tests.
"""

from __future__ import annotations

from collections.abc import Callable

from orbat.extract.nodes import centre_joins, government_joins, short_forms
from orbat.extract.spans import Found
from orbat.model import Extraction, Node


def node_of(ex: Extraction, name: str) -> Node:
    hits = [n for n in ex.nodes if name in n.names]
    assert len(hits) == 1, (name, [(n.type, n.names) for n in ex.nodes])
    return hits[0]


# --- a group named without its head word ----------------------------------------------


def test_group_core_name_and_institution_name_join_the_group(run: Callable[[str], Extraction]) -> None:
    ex = run(
        "The Desert Lions Forces were raised in 2013 around Tartus. Volunteers flocked to the Desert "
        "Lions Institution that spring, and officers of the Desert Lions trained them."
    )
    node = node_of(ex, "Desert Lions Forces")
    assert node.type == "armed_group"
    assert {"Desert Lions Institution", "Desert Lions"} <= set(node.names)


def test_short_forms_retype_an_organisation_named_by_the_core() -> None:
    text = "The Desert Lions Forces grew. The Desert Lions Institution paid them."
    main = Found(4, 23, "armed_group", "Desert Lions Forces", "pattern.group", 70, unit="forces")
    org = Found(33, 57, "organization", "Desert Lions Institution", "pattern.org", 70)
    assert short_forms(text, [main, org]) == []
    assert org.type == "armed_group" and org.extra["joins"] == "Desert Lions Forces"


def test_short_forms_leave_a_core_shared_by_two_groups() -> None:
    text = "The Desert Lions Forces and the Desert Lions Brigade differ. The Desert Lions Institution paid."
    a = Found(4, 23, "armed_group", "Desert Lions Forces", "pattern.group", 70)
    b = Found(32, 51, "armed_group", "Desert Lions Brigade", "pattern.group", 70)
    org = Found(66, 90, "organization", "Desert Lions Institution", "pattern.org", 70)
    short_forms(text, [a, b, org])
    assert org.type == "organization" and "joins" not in org.extra


def test_unit_named_after_a_group_is_not_an_organisation() -> None:
    text = "The Desert Lions Forces grew. Daughters of Desert Lions was its wing."
    main = Found(4, 23, "armed_group", "Desert Lions Forces", "pattern.group", 70)
    wing = Found(30, 56, "organization", "Daughters of Desert Lions", "ner.ORG", 30)
    short_forms(text, [main, wing])
    assert wing.type == "armed_group" and "joins" not in wing.extra


# --- persons named by one name ---------------------------------------------------------


def test_family_name_alone_is_the_person(run: Callable[[str], Extraction]) -> None:
    ex = run(
        "The brigade mourned commander Yousef Haddadin in 2016. A leaflet praised Haddadin's courage "
        "and Haddadin was buried in Hama."
    )
    node = node_of(ex, "Yousef Haddadin")
    assert node.type == "person"
    assert "Haddadin" in node.names
    assert not any(n.type != "person" and "Haddadin" in n.names for n in ex.nodes)


def test_name_shared_by_two_people_stays_apart(run: Callable[[str], Extraction]) -> None:
    ex = run("Amer Ibrahim and Hossam Ibrahim Khatib met in Homs. Ibrahim spoke first.")
    assert not any(len(n.names) > 1 and "Ibrahim" in n.names for n in ex.nodes)


def test_first_name_of_a_longer_name_chain_is_one_person(run: Callable[[str], Extraction]) -> None:
    ex = run(
        "Liwa al-Fajr is led by Samir al-Rifai. His full name, Samir al-Rifai al-Hamwi, appears in a "
        "leaflet. In 2017 the brigade mourned Samir's brother."
    )
    samir = node_of(ex, "Samir al-Rifai")
    assert "Samir" in samir.names
    rel = [c for c in ex.claims if c.predicate == "relative_of"]
    assert rel and rel[0].subject == samir.id


def test_nickname_after_goes_by_is_an_alias(run: Callable[[str], Extraction]) -> None:
    ex = run("Its commander is Fadi Haddad (فادي حداد), who also uses the name Abu Ali. Fadi Haddad spoke.")
    node = node_of(ex, "Fadi Haddad")
    assert "Abu Ali" in node.names


def test_place_name_opener_is_a_place_not_a_person(run: Callable[[str], Extraction]) -> None:
    ex = run("The brigade runs camps in Tel Mardikh, Kafr Nasih and Ain Dhakar.")
    for name in ("Tel Mardikh", "Kafr Nasih", "Ain Dhakar"):
        assert node_of(ex, name).type == "place"


# --- a regional centre and "the government" -------------------------------------------


def _f(start: int, name: str, type_: str, node: str, **kw: object) -> Found:
    f = Found(start, start + len(name), type_, name, kw.pop("source", "pattern.group"), 70, **kw)  # type: ignore[arg-type]
    f.node = node
    return f


def test_centre_of_a_place_is_the_branch_of_the_salient_network() -> None:
    place = _f(0, "Hama", "place", "p1")
    net_part = _f(5, "Lions Battalions", "armed_group", "n1")
    branch = _f(0, "Hama Lions Battalions", "armed_group", "b1", kind="branch", parts=(place, net_part))
    other = _f(40, "Hama Falcons Forces", "armed_group", "b2", kind="branch")
    other.parts = (_f(40, "Hama", "place", "p1"), _f(45, "Falcons Forces", "armed_group", "n2"))
    net = _f(100, "Lions Battalions", "armed_group", "n1")
    centre = _f(200, "Hama Center", "armed_group", "c1", source="pattern.center", unit="center")
    joined = centre_joins([branch, other, net, centre], lambda pos: net)
    assert joined == 1 and centre.extra["joins"] == "Hama Lions Battalions"
    centre2 = _f(300, "Hama Center", "armed_group", "c1", source="pattern.center", unit="center")
    assert centre_joins([branch, other, centre2], lambda pos: None) == 0


def test_the_government_is_the_state_the_text_is_about(run: Callable[[str], Extraction]) -> None:
    ex = run(
        "Syria's army was weak in 2012. Militias formed across Syria, and the Syrian government paid "
        "them. Iran sent advisers. The government later armed them."
    )
    syria = [n for n in ex.nodes if n.type == "state" and "the government" in n.names]
    assert len(syria) == 1 and any("Syria" in n for n in syria[0].names)


def test_the_government_stays_alone_when_no_state_dominates() -> None:
    def state(start: int, name: str, sid: str, kind: str = "") -> tuple[Found, str]:
        return Found(start, start + len(name), "state", name, "gazetteer", 60, kind=kind), sid

    pairs = [state(0, "Iran", "iran"), state(10, "Syria", "syria"), state(20, "Iran", "iran")]
    pairs += [state(30, "Syria", "syria")]
    generic = Found(40, 54, "state", "the government", "pattern.generic", 45, kind="generic")
    ids = {id(f): sid for f, sid in pairs}
    joined = government_joins([f for f, _ in pairs] + [generic], [(0, 60)], lambda f: ids.get(id(f)))
    assert joined == 0 and "joins" not in generic.extra
