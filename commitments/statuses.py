"""The status taxonomy: one public verdict per pledge (DESIGN.md section 3)."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    NOT_RATED = "not_rated", _("Not yet rated")
    NOT_STARTED = "not_started", _("No action yet")
    IN_PROGRESS = "in_progress", _("In progress")
    STALLED = "stalled", _("Stalled")
    PARTIALLY_KEPT = "partially_kept", _("Partially kept")
    KEPT = "kept", _("Kept")
    BROKEN = "broken", _("Broken")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    UNRATABLE = "unratable", _("Can't be rated")


@dataclass(frozen=True)
class StatusInfo:
    code: str
    label_en: str
    label_ko: str
    final: bool
    definition_en: str
    definition_ko: str


# Labels in both languages live here, not only in translation catalogues, because
# the API and feeds publish both at once.
STATUS_INFO: dict[str, StatusInfo] = {
    info.code: info
    for info in [
        StatusInfo(
            "not_rated",
            "Not yet rated",
            "평가 전",
            False,
            "We have recorded the pledge but not yet judged its progress.",
            "공약을 기록했지만 아직 이행 정도를 평가하지 않았습니다.",
        ),
        StatusInfo(
            "not_started",
            "No action yet",
            "미착수",
            False,
            "No concrete step toward the pledge has been taken.",
            "공약을 이행하기 위한 구체적인 조치가 아직 없습니다.",
        ),
        StatusInfo(
            "in_progress",
            "In progress",
            "추진 중",
            False,
            "Concrete steps (budget, law, construction, hiring) are under way.",
            "예산·법령·착공·채용 등 구체적인 조치가 진행 중입니다.",
        ),
        StatusInfo(
            "stalled",
            "Stalled",
            "지연·보류",
            False,
            "Work began but has stopped or fallen clearly behind schedule.",
            "추진되다가 멈췄거나 일정보다 뚜렷이 늦어졌습니다.",
        ),
        StatusInfo(
            "partially_kept",
            "Partially kept",
            "일부 이행",
            True,
            "The outcome was delivered in part: less, later or narrower than pledged.",
            "약속한 결과가 일부만 이행되었습니다(규모·시기·범위 미달).",
        ),
        StatusInfo(
            "kept",
            "Kept",
            "이행 완료",
            True,
            "The pledged outcome was delivered.",
            "약속한 결과가 이행되었습니다.",
        ),
        StatusInfo(
            "broken",
            "Broken",
            "미이행",
            True,
            "The deadline passed without the outcome, or the owner acted against it.",
            "기한이 지났는데 결과가 없거나, 약속과 반대되는 조치를 했습니다.",
        ),
        StatusInfo(
            "withdrawn",
            "Withdrawn",
            "폐기",
            True,
            "The owner officially abandoned the pledge.",
            "공약 주체가 공식적으로 공약을 폐기했습니다.",
        ),
        StatusInfo(
            "unratable",
            "Can't be rated",
            "평가 불가",
            False,
            "The pledge cannot be judged (too vague, no data); the reason is given.",
            "공약이 모호하거나 자료가 없어 평가할 수 없습니다(사유 명시).",
        ),
    ]
}

FINAL_STATUSES: frozenset[str] = frozenset(
    code for code, info in STATUS_INFO.items() if info.final
)


def status_label(code: str, language: str) -> str:
    info = STATUS_INFO[code]
    return info.label_ko if language.startswith("ko") else info.label_en


def status_definition(code: str, language: str) -> str:
    info = STATUS_INFO[code]
    return info.definition_ko if language.startswith("ko") else info.definition_en
