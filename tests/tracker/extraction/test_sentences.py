from __future__ import annotations

import pytest

from tracker.extraction.sentences import MAX_CHUNK, segment, split_english


def _texts(text: str, language: str | None = None) -> list[str]:
    return [s.text for s in segment(text, language)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "세부적으로 보면 총 50만 가구를 공급한다. 각각 26만 가구, 24만 가구다.",
            [
                "세부적으로 보면 총 50만 가구를 공급한다.",
                "각각 26만 가구, 24만 가구다.",
            ],
        ),
        (
            "2027년까지 65조원 민간 AI투자…최신GPU 15배 확충\n정부가 인프라를 확충한다.",
            [
                "2027년까지 65조원 민간 AI투자…최신GPU 15배 확충",
                "정부가 인프라를 확충한다.",
            ],
        ),
        (
            "오 시장은 “연내 마련하겠다. 최선을 다하겠다”고 말했다.",
            ["오 시장은 “연내 마련하겠다. 최선을 다하겠다”고 말했다."],
        ),
        ("제목 줄\n\n본문 첫 문장이다.", ["제목 줄", "본문 첫 문장이다."]),
        (
            "1.5조원을 투입한다. 다음 문장이다.",
            ["1.5조원을 투입한다.", "다음 문장이다."],
        ),
        ("온점이 없는 문장", ["온점이 없는 문장"]),
    ],
)
def test_korean_text_is_split_into_sentences_on_lines_first(
    text: str, expected: list[str]
) -> None:
    assert _texts(text, "ko") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It costs 1.5 million dollars.Senior officials agreed.", 2),
        ("Mr. Reed said so. Ms. Rayner left.", 2),
        ("SEOUL, Sept. 15 (Korea Bizwire) – Seoul Mayor Oh spoke.", 1),
        ("We cannot wait for Washington, D.C., to act. We will act.", 2),
        ("The U.S. cities agreed. Others did not.", 2),
        ("Growth was 2.5 percent. It rose.", 2),
        ("He said: “It’s what we’re going to do.” Then he left.", 2),
        ("Dr. J. Smith arrived at 3 p.m. yesterday.", 1),
        ("Is it done? Yes! It is.", 3),
        ("No punctuation at all here", 1),
        ("Prices rose (about 3 percent). Then fell.", 2),
        ("The plan, e.g. new homes, was approved.", 1),
    ],
)
def test_english_splitter_handles_abbreviations_decimals_and_glued_sentences(
    text: str, expected: int
) -> None:
    assert len(_texts(text, "en")) == expected


def test_glued_sentence_is_cut_after_the_period() -> None:
    assert _texts("Costs 4 million dollars.Senior staff agreed.", "en") == [
        "Costs 4 million dollars.",
        "Senior staff agreed.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "• 인쇄\n서울시는 공급한다. 정부는 확대한다.\n",
        "  Leading spaces. And more.  \n\nNext line",
        "한국어 문장이다.\nAn English line follows. Another one.\n한국어로 끝난다.",
    ],
)
def test_sentence_offsets_point_back_into_the_text(text: str) -> None:
    for s in segment(text):
        assert text[s.start : s.end] == s.text


def test_mixed_text_is_split_per_line_language() -> None:
    sents = segment("서울시는 공급을 확대한다.\nThe city will build homes. It said so.")
    assert [s.language for s in sents] == ["ko", "en", "en"]


def test_a_line_without_sentence_ends_is_cut_into_bounded_chunks() -> None:
    line = "가나다라 " * 2000
    sents = segment(line, "ko")
    assert sents
    assert all(len(s.text) <= MAX_CHUNK for s in sents)


def test_lines_without_final_punctuation_are_marked_as_headlines() -> None:
    sents = segment("신규주택 80만호 공급 내걸어\n서울시는 공급한다.", "ko")
    assert [s.headline for s in sents] == [True, False]


def test_english_splitter_keeps_the_line_offset() -> None:
    sents = split_english([(0, 10, "One here. Two there.")])
    assert [(s.start, s.end) for s in sents] == [(10, 19), (20, 30)]
