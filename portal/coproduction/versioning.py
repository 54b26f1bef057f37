"""When a change to a survey must start a new version so earlier answers keep their meaning."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from enum import StrEnum

from portal.coproduction.definition import SurveyDefinition


class ChangeOutcome(StrEnum):
    """What saving an edited survey does."""

    NO_CHANGE = "no-change"
    EDIT_IN_PLACE = "edit-in-place"
    NEW_VERSION = "new-version"


def content_fingerprint(survey: SurveyDefinition) -> str:
    """A stable hash of everything a respondent reads or answers (not the dates or the slug)."""
    body = {
        "audience": survey.audience.value,
        "languages": list(survey.languages),
        "title": survey.title,
        "purpose": survey.purpose,
        "questions": [asdict(question) for question in survey.questions],
    }
    encoded = json.dumps(body, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def change_outcome(
    current: SurveyDefinition, edited: SurveyDefinition, *, response_count: int
) -> ChangeOutcome:
    """A survey nobody has answered is edited in place; one with responses gets a new version.

    Dates are scheduling, not content: moving them never needs a new version.
    """
    if content_fingerprint(current) == content_fingerprint(edited):
        if (current.opens_on, current.closes_on) == (edited.opens_on, edited.closes_on):
            return ChangeOutcome.NO_CHANGE
        return ChangeOutcome.EDIT_IN_PLACE
    if response_count > 0:
        return ChangeOutcome.NEW_VERSION
    return ChangeOutcome.EDIT_IN_PLACE
