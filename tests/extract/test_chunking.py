from __future__ import annotations

import pytest

from orbat.extract import chunking
from orbat.extract.chunking import split_text
from tests.reliability.guards import hang_guard


@pytest.mark.parametrize(
    "text",
    [
        "",
        "short",
        "one line\nanother line\n" * 500,
        "A sentence. " * 3000,
        "x" * 50_000,  # one long "word": cut inside it as a last resort
        "word " * 20_000,
    ],
)
def test_chunking_pieces_cover_text_exactly(text: str) -> None:
    pieces = split_text(text, 1000)
    assert "".join(text[a:b] for a, b in pieces) == text
    assert all(b - a <= 1000 for a, b in pieces)
    assert all(pieces[i][1] == pieces[i + 1][0] for i in range(len(pieces) - 1))


def test_chunking_prefers_line_then_sentence_boundaries() -> None:
    text = ("First sentence here. Second one follows. " * 20) + "\n" + ("More text. " * 50)
    pieces = split_text(text, 900)
    assert text[pieces[0][1] - 1] in "\n "


def test_chunking_work_grows_linearly(monkeypatch: pytest.MonkeyPatch) -> None:
    """Counted, not timed: each cut looks at one window of at most ``max_chars`` characters, so the
    characters examined grow in step with the text (speed is for the benchmarks)."""
    examined = 0
    real = chunking._cut_point

    def counting(text: str, lo: int, hi: int) -> int:
        nonlocal examined
        examined += hi - lo
        return real(text, lo, hi)

    monkeypatch.setattr(chunking, "_cut_point", counting)
    small = "abc def. " * 25_000
    big = small * 10
    with hang_guard():
        pieces_small = split_text(small, 2000)
        small_examined, examined = examined, 0
        pieces_big = split_text(big, 2000)
    assert pieces_big[-1][1] == len(big) and pieces_small[-1][1] == len(small)
    assert examined <= 2000 * len(pieces_big) and small_examined <= 2000 * len(pieces_small)
    assert len(pieces_big) <= 11 * len(pieces_small)
    assert examined <= 11 * small_examined
