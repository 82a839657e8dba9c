"""The spreadsheet's columns: names in English or Korean, which are required,
and the order of the downloadable template."""

MAX_COLUMNS = 40

# Column → the header spellings accepted (compared case- and space-insensitively).
COLUMNS: dict[str, tuple[str, ...]] = {
    "title": ("title", "제목", "공약"),
    "title_en": ("title_en", "english title", "영문 제목", "영문제목"),
    "owner": ("owner", "주체", "약속 주체", "담당"),
    "deadline": ("deadline", "기한", "마감"),
    "targets": ("targets", "target", "목표"),
    "target_value": ("target_value", "목표값"),
    "target_unit": ("target_unit", "단위"),
    "target_period": ("target_period", "주기"),
    "status": ("status", "상태", "판정"),
    "status_note": ("status_note", "note", "판정 근거", "메모"),
    "source_url": ("source_url", "source", "url", "출처", "출처 url"),
    "wording": ("wording", "original_wording", "quote", "원문", "발언"),
    "summary": ("summary", "요약"),
    "categories": ("categories", "category", "분야"),
}
REQUIRED = ("title", "owner")
TEMPLATE_COLUMNS = (
    "title",
    "title_en",
    "owner",
    "deadline",
    "targets",
    "status",
    "status_note",
    "source_url",
    "wording",
    "summary",
    "categories",
)
TEMPLATE_EXAMPLE = (
    "공공주택 10만 호 공급",
    "Supply 100,000 public homes",
    "서울특별시",
    "2030-12-31",
    "공공주택: 100000 호; 신규 착공: 20000 호/년",
    "in_progress",
    "2025년 예산에 착공 물량이 반영됐다.",
    "https://news.example.org/2025/housing",
    "2030년까지 공공주택 10만 호를 공급하겠다.",
    "",
    "",
)


def _key(text: str) -> str:
    return " ".join(str(text).replace("\ufeff", "").split()).casefold()


_LOOKUP = {_key(alias): name for name, aliases in COLUMNS.items() for alias in aliases}


def header_map(header: list[str]) -> tuple[dict[int, str], list[str]]:
    """({index: column}, missing required columns) for a header row."""
    found: dict[int, str] = {}
    for index, text in enumerate(header):
        name = _LOOKUP.get(_key(text))
        if name and name not in found.values():
            found[index] = name
    missing = [name for name in REQUIRED if name not in found.values()]
    return found, missing
