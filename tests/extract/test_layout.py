from __future__ import annotations

from orbat.extract.layout import analyse

TEXT = """= Desert Hawks Brigade =

Infobox
- Unit Name: Desert Hawks Brigade
- Dates: 1 March 2013 – 5 June 2017
- Type: Militia, Auxiliary force
- Battles: Battle of Qusayr, Siege of Homs

The brigade was formed in 2013.

== History ==
A 2015 statement by the brigade's media office reads:
“We fought in Qusayr.
We will fight again.”
The author doubts this.
"""


def test_layout_title_headings_and_fields() -> None:
    lay = analyse(TEXT)
    assert lay.title is not None and lay.title.text == "Desert Hawks Brigade"
    assert [h.text for h in lay.headings if h.level == 1] == ["History"]
    keys = [f.norm_key for f in lay.fields]
    assert keys == ["unit name", "dates", "type", "battles"]
    battles = next(f for f in lay.fields if f.norm_key == "battles")
    assert TEXT[battles.value_start : battles.value_end] == "Battle of Qusayr, Siege of Homs"


def test_layout_quoted_block_is_attributed_to_its_source() -> None:
    lay = analyse(TEXT)
    assert len(lay.blocks) == 1
    block = lay.blocks[0]
    assert TEXT[block.start : block.end].startswith("“We fought")
    assert TEXT[block.start : block.end].endswith("again.”")
    assert block.source == "the brigade's media office"
    assert lay.block_at(TEXT.index("The author")) is None
