"""The type checker is part of the build: configured in pyproject.toml, run by
`make typecheck` and CI, and every `# type: ignore` left names its error code
(so `warn_unused_ignores` can tell when one is no longer needed)."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ("config", "commitments", "tracker")


def test_mypy_runs_the_django_plugin_over_our_packages() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    mypy = config["tool"]["mypy"]
    assert "mypy_django_plugin.main" in mypy["plugins"]
    assert config["tool"]["django-stubs"]["django_settings_module"] == (
        "config.settings"
    )
    assert mypy["warn_unused_ignores"] is True
    assert mypy["check_untyped_defs"] is True
    assert set(CHECKED) <= set(mypy["files"])


def test_make_and_ci_run_the_type_checker() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^typecheck: .*\n\t.*bin/mypy\b", makefile, re.MULTILINE)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make typecheck" in ci
    # After lint, before the tests.
    assert ci.index("ruff check") < ci.index("make typecheck") < ci.index("run_tests ")


def test_every_type_ignore_names_its_error_code() -> None:
    bare = re.compile(r"#\s*type:\s*ignore(?!\[)")
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for package in CHECKED
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if bare.search(line)
    ]
    assert offenders == []
