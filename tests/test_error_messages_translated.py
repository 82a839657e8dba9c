"""Every domain error message is translated: each raise of a DomainError
(or a subclass) in the apps passes its message through gettext, and the
Korean catalogue (compiled, as served) has a translation for it."""

import ast
from pathlib import Path

from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
ERRORS = {
    "DomainError",
    "ValidationFailed",
    "PermissionDenied",
    "NotFound",
    "Conflict",
    "FetchError",
}
GETTEXT = {"_", "gettext", "gettext_lazy"}
# The engine is Django-free; its errors are not domain errors.
SKIP = ("tracker/extraction/", "/migrations/")


def _sources() -> list[Path]:
    files = [*ROOT.glob("commitments/**/*.py"), *ROOT.glob("tracker/**/*.py")]
    return [p for p in files if not any(s in p.as_posix() for s in SKIP)]


def _gettext_literal(node: ast.expr) -> str | None:
    """The msgid when `node` is `_("…")` or `_("…") % {...}`."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        node = node.left
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in GETTEXT
        and node.args
        and isinstance(node.args[0], ast.Constant)
    ):
        return str(node.args[0].value)
    return None


def _raised_messages() -> tuple[list[str], list[str]]:
    msgids, plain = [], []
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ERRORS
                and node.args
            ):
                continue
            first = node.args[0]
            msgid = _gettext_literal(first)
            if msgid is not None:
                msgids.append(msgid)
            elif isinstance(first, ast.Constant | ast.JoinedStr):
                # A bare literal or f-string: English in the Korean desk.
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                plain.append(where)
    return msgids, plain


def test_every_domain_error_message_goes_through_gettext():
    msgids, plain = _raised_messages()
    assert len(msgids) > 50
    assert plain == []


def test_every_domain_error_message_has_a_korean_translation():
    msgids, _plain = _raised_messages()
    with translation.override("ko"):
        missing = [m for m in msgids if translation.gettext(m) == m]
    assert missing == []
