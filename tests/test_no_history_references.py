"""Code, settings, templates and docs say why, not which ticket: no
"issue N" references (migration file names keep theirs)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("config", "commitments", "tracker", "tests", "bench", "docs")
FILES = ("Makefile", "README.md", "CONTRIBUTING.md", "pyproject.toml")
SUFFIXES = {".py", ".html", ".txt", ".md", ".toml", ".cfg", ".yml", ".yaml", ".js"}
# "issue" or "issues" before a ticket number, with or without "#"; the verb
# before a quantity ("will issue 10,000 passes") is not one.
REFERENCE = re.compile(r"\bissues? #?\d+\b(?!,\d)", re.IGNORECASE)


def _files() -> list[Path]:
    found = [ROOT / name for name in FILES if (ROOT / name).exists()]
    for folder in FOLDERS:
        for path in (ROOT / folder).rglob("*"):
            if (
                path.suffix in SUFFIXES
                and path.is_file()
                and "vendor" not in path.parts
            ):
                found.append(path)
    return found


def test_no_issue_numbers_in_the_code_or_docs():
    hits = []
    for path in _files():
        for number, line in enumerate(
            path.read_text(encoding="utf-8", errors="replace").splitlines(), 1
        ):
            if REFERENCE.search(line):
                hits.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:80]}")
    assert hits == []
