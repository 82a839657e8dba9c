from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from tracker.extraction import cli

ARTICLE = (
    "URL: https://example.com/a\n"
    "DATE: 2021-09-15\n"
    "TITLE: 서울비전 2030\n"
    "• 인쇄\n"
    "서울시는 내년 상반기까지 신규주택 8만호를 공급하겠다고 밝혔다.\n"
)


class _Stdin(io.StringIO):
    def __init__(self, data: bytes) -> None:
        super().__init__()
        self.buffer = io.BytesIO(data)


def _run(argv: list[str], stdin: bytes = b"") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(argv, stdin=_Stdin(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_json_output_has_the_scorer_shape_and_file_offsets(article: Path) -> None:
    code, out, err = _run(["--format", "json", str(article)])
    assert code == 0, err
    data = json.loads(out)
    assert data["language"] == "ko"
    (c,) = data["candidates"]
    assert ARTICLE[c["start"] : c["end"]] == c["quote"]
    (t,) = c["targets"]
    assert {"value", "unit", "period", "deadline", "text"} <= set(t)
    assert (t["value"], t["deadline"]) == (80000, "2022-06-30")


def test_date_option_overrides_the_date_header(article: Path) -> None:
    _, out, _ = _run(["--date", "2024-01-01", str(article)])
    (c,) = json.loads(out)["candidates"]
    assert c["targets"][0]["deadline"] == "2025-06-30"


def test_text_format_prints_a_readable_table(article: Path) -> None:
    code, out, _ = _run(["--format", "text", str(article)])
    assert code == 0
    assert "1. " in out and "quote:" in out and "target:" in out and "80,000" in out


def test_dash_reads_stdin() -> None:
    code, out, _ = _run(["-"], stdin=ARTICLE.encode())
    assert code == 0
    assert len(json.loads(out)["candidates"]) == 1


def test_language_option_is_reported(article: Path) -> None:
    _, out, _ = _run(["--language", "ko", str(article)])
    assert json.loads(out)["language"] == "ko"


def test_gazetteer_file_sets_owner_keys(article: Path, tmp_path: Path) -> None:
    gaz = tmp_path / "g.json"
    gaz.write_text(json.dumps({"서울시": "seoul"}), encoding="utf-8")
    _, out, _ = _run(["--gazetteer", str(gaz), str(article)])
    assert json.loads(out)["candidates"][0]["owner"] == "seoul"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xfe\xfa broken", "not valid UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary"),
        ("가".encode() * 30, "limit"),
    ],
)
def test_unreadable_input_exits_2_with_one_line(
    tmp_path: Path, data: bytes, message: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    code, out, err = _run(["--max-chars", "20", str(path)])
    assert code == 2
    assert out == ""
    assert message in err
    assert err.count("\n") == 1


def test_missing_file_exits_2(tmp_path: Path) -> None:
    code, _, err = _run([str(tmp_path / "nope.txt")])
    assert code == 2
    assert "nope.txt" in err and err.count("\n") == 1


def test_bad_date_is_a_usage_error(
    article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, _ = _run(["--date", "15/09/2021", str(article)])
    assert code == 2


def test_empty_file_gives_no_candidates(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    code, out, _ = _run([str(path)])
    assert code == 0
    assert json.loads(out)["candidates"] == []


@pytest.mark.parametrize(
    ("text", "headers", "body_start"),
    [
        ("URL: x\nDATE: 2025-01-01\nbody", {"URL": "x", "DATE": "2025-01-01"}, 24),
        ("TITLE: t\nbody", {"TITLE": "t"}, 9),
        ("body: not a header\n", {}, 0),
        ("서울시: 본문\n", {}, 0),
        (
            "제목: 청년\n날짜: 2025-01-01\n본문",
            {"TITLE": "청년", "DATE": "2025-01-01"},
            22,
        ),
    ],
)
def test_header_lines_are_split_off(
    text: str, headers: dict[str, str], body_start: int
) -> None:
    assert cli.split_header(text) == (headers, body_start)


def test_management_command_wraps_the_cli(article: Path) -> None:
    pytest.importorskip("django")
    from django.conf import settings

    if not settings.configured:
        pytest.skip("Django settings are not configured")
    from django.core.management import call_command

    out = io.StringIO()
    call_command("extract", str(article), "--format", "json", stdout=out)
    assert len(json.loads(out.getvalue())["candidates"]) == 1
    with pytest.raises(SystemExit) as exc:
        call_command("extract", str(article) + ".missing", stderr=io.StringIO())
    assert exc.value.code == 2
