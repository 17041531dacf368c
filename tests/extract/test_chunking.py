from __future__ import annotations

import time

import pytest

from orbat.extract.chunking import split_text


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


def test_chunking_is_linear() -> None:
    small = "abc def. " * 25_000
    big = small * 10
    t0 = time.perf_counter()
    split_text(small, 2000)
    t1 = time.perf_counter()
    split_text(big, 2000)
    t2 = time.perf_counter()
    assert (t2 - t1) < 25 * max(t1 - t0, 0.01)
