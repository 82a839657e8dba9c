from __future__ import annotations

import pytest

from tracker.extraction.cleaning import clean, is_boilerplate_line, strip_html


@pytest.mark.parametrize(
    "line",
    [
        "• 후원하기",
        "  • 인쇄",
        "  • 오탈자제보",
        "배너",
        "  •  ",
        "cnbnews 손정호기자 |  2025.02.06 11:33:28",
        "By Danielle Haynes",
        "사진=서울시",
        "인공지능 관련 이미지. [123rf]",
        "[123rf]",
        "San Francisco Mayor Mark Farrell said Thursday the cost. File Photo by Terry Schmitt/UPI",
        "(CNB뉴스)",
        "(Yonhap)",
        "Share",
        "Advertisement",
        "ⓒ 연합뉴스, 무단 전재 및 재배포 금지",
        "Copyright 2025 The Herald. All rights reserved.",
        "댓글 0",
        "0개의 댓글",
        "Leave a comment",
        "reporter@example.com",
        "---------",
    ],
)
def test_boilerplate_lines_are_recognised(line: str) -> None:
    assert is_boilerplate_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "서울시는 2030년까지 신규주택 80만호를 공급하겠다고 밝혔다.",
        "The Government is committed to its pledge to build 1.5 million new homes.",
        "2027년까지 65조원 민간 AI투자…최신GPU 15배 확충",
        "San Francisco to plant 2,000 trees in carbon-neutral effort",
        "▲ 청년 일자리 5만개 창출",
        "",
    ],
)
def test_content_lines_are_kept(line: str) -> None:
    assert not is_boilerplate_line(line)


@pytest.mark.parametrize(
    "text",
    [
        "• 후원하기\n본문이다.\n배너\n",
        "<p>서울시는 <b>1만명</b>을 배출한다.</p><script>var x=1;</script>",
        "[헤럴드경제=박세정 기자] 정부가 확충한다.",
        "Body.\r\nShare\r\nMore body.",
        "",
    ],
)
def test_cleaning_keeps_the_length_so_offsets_stay_valid(text: str) -> None:
    assert len(clean(text)) == len(text)


def test_cleaning_keeps_line_breaks_in_place() -> None:
    text = "• 인쇄\n서울시는 공급한다.\n배너\n"
    out = clean(text)
    assert [i for i, c in enumerate(out) if c == "\n"] == [
        i for i, c in enumerate(text) if c == "\n"
    ]
    assert "서울시는 공급한다." in out
    assert "인쇄" not in out and "배너" not in out


def test_inline_byline_prefix_is_masked_but_the_sentence_stays() -> None:
    out = clean("[헤럴드경제=박세정 기자] 정부가 AI 인프라를 확충한다.")
    assert "기자" not in out
    assert out.strip() == "정부가 AI 인프라를 확충한다."


@pytest.mark.parametrize(
    ("html", "kept", "gone"),
    [
        ("<p>서울시는 공급한다.</p>", "서울시는 공급한다.", "<p>"),
        ("<div>A <b>bold</b> plan.</div>", "bold", "<b>"),
        ("<script>alert(1)</script><p>Text.</p>", "Text.", "alert"),
        ("<style>p{color:red}</style><p>Text.</p>", "Text.", "color"),
        ("<!-- note --><p>Text.</p>", "Text.", "note"),
        ("<p>Fish &amp; chips.</p>", "Fish &", "amp;"),
        ("<nav>Home News</nav><p>Text.</p>", "Text.", "Home"),
        (
            "<figure><figcaption>Photo credit</figcaption></figure><p>T.</p>",
            "T.",
            "credit",
        ),
    ],
)
def test_html_given_as_text_is_stripped(html: str, kept: str, gone: str) -> None:
    out = strip_html(html)
    assert len(out) == len(html)
    assert kept in out
    assert gone not in out


def test_block_tags_become_line_breaks() -> None:
    out = clean("<p>첫 문장이다.</p><p>둘째 문장이다.</p>")
    assert "\n" in out
