from __future__ import annotations

import pytest

from tracker.extraction.language import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("서울시는 2030년까지 신규주택 80만호를 공급한다.", "ko"),
        ("정부가 AI GPU 인프라를 확충한다.", "ko"),
        ("The city will plant 2,000 trees.", "en"),
        (
            "Seoul Mayor Oh Se-hoon (오세훈) unveiled a master plan for the capital.",
            "en",
        ),
        ("12345 !!!", "ko"),
        ("", "ko"),
    ],
)
def test_language_is_guessed_from_the_script(text: str, expected: str) -> None:
    assert detect_language(text) == expected
