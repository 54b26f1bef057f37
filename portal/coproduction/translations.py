"""A survey's words in its other languages: what there is to translate, and saving it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from portal.coproduction.models import Survey
from portal.coproduction.surveys import editable_version
from portal.core.audit import AuditAction, record_audit
from portal.extensions import db

if TYPE_CHECKING:
    from portal.accounts.models import Account


def translation_fields(survey: Survey) -> list[tuple[str, str]]:
    """(field name, English words) for every text in the survey, in reading order."""
    version = survey.current_version
    fields = [("title", version.title.get("en", "")), ("purpose", version.purpose.get("en", ""))]
    for question in version.questions:
        fields.append((f"q-{question.key}", question.text.get("en", "")))
        if question.hint.get("en"):
            fields.append((f"h-{question.key}", question.hint["en"]))
        for option in question.options or []:
            fields.append((f"o-{question.key}-{option['key']}", option["labels"].get("en", "")))
    return fields


def current_translations(survey: Survey, lang: str) -> dict[str, str]:
    """The saved words in one language, by translation field name."""
    version = survey.current_version
    words = {"title": version.title.get(lang, ""), "purpose": version.purpose.get(lang, "")}
    for question in version.questions:
        words[f"q-{question.key}"] = question.text.get(lang, "")
        words[f"h-{question.key}"] = (question.hint or {}).get(lang, "")
        for option in question.options or []:
            words[f"o-{question.key}-{option['key']}"] = option["labels"].get(lang, "")
    return words


def save_translations(survey: Survey, lang: str, words: dict[str, str]) -> None:
    """Store one language's words in an editable version."""
    version = editable_version(survey)
    version.title = {**version.title, lang: words.get("title", "").strip()}
    version.purpose = {**version.purpose, lang: words.get("purpose", "").strip()}
    for question in version.questions:
        question.text = {**question.text, lang: words.get(f"q-{question.key}", "").strip()}
        if (question.hint or {}).get("en"):
            question.hint = {**question.hint, lang: words.get(f"h-{question.key}", "").strip()}
        options: list[dict[str, Any]] = []
        for option in question.options or []:
            label = words.get(f"o-{question.key}-{option['key']}", "").strip()
            options.append({"key": option["key"], "labels": {**option["labels"], lang: label}})
        question.options = options


def save_survey_translation(
    officer: Account, survey: Survey, lang: str, words: dict[str, str]
) -> None:
    """An officer saves the survey's words in one of its languages."""
    save_translations(survey, lang, words)
    record_audit(officer, AuditAction.SURVEY_TRANSLATED, "survey", survey.public_id, {"lang": lang})
    db.session.commit()
