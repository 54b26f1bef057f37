"""The co-production blueprint and small helpers its views share."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app
from flask_babel import get_locale
from markupsafe import Markup

from portal.coproduction.definition import Face, QuestionKind, localised
from portal.coproduction.faces import face_svg
from portal.coproduction.forms import PageFeedbackForm
from portal.coproduction.labels import FACE_LABELS
from portal.coproduction.models import Survey
from portal.coproduction.surveys import find_survey
from portal.core.i18n import LANGUAGES, text_direction

bp = Blueprint("coproduction", __name__)

# Where participation officers work; every officer page is under it.
HOME = "/practitioners/have-your-say"
LANGUAGE_NAMES = {code: language.native_name for code, language in LANGUAGES.items()}


@bp.context_processor
def survey_helpers() -> dict[str, Any]:
    """Helpers for this feature's templates."""
    return {"survey_text": localised, "text_direction": text_direction}


def locale_code() -> str:
    """The page's language code."""
    return str(get_locale() or "en").split("_")[0]


def survey_or_404(public_id: str) -> Survey:
    """The survey with this public id, or a 404."""
    survey = find_survey(public_id)
    if survey is None:
        abort(404)
    return survey


def survey_rate_limit() -> str:
    """How often one address may send answers (config SURVEY_RATE_LIMIT)."""
    return str(current_app.config.get("SURVEY_RATE_LIMIT", "60 per minute"))


def feedback_rate_limit() -> str:
    """How often one address may send page feedback (config PAGE_FEEDBACK_RATE_LIMIT)."""
    return str(current_app.config.get("PAGE_FEEDBACK_RATE_LIMIT", "20 per minute"))


def face_items(kind: QuestionKind) -> list[dict[str, Markup]]:
    """Radio items that draw a face before each face's words (the words are its alternative)."""
    if kind is not QuestionKind.FACES:
        return []
    # face_svg draws fixed markup of our own; the label is escaped by Markup's % operator.
    template = Markup('%s<span class="app-face-choice__text">%s</span>')
    return [{"html": template % (Markup(face_svg(face)), FACE_LABELS[face])} for face in Face]  # noqa: S704


@bp.app_context_processor
def page_feedback_helpers() -> dict[str, Any]:
    """The page feedback form every public page includes (built only when rendered)."""
    return {"page_feedback_form": _page_feedback_form}


def _page_feedback_form() -> PageFeedbackForm:
    return PageFeedbackForm(formdata=None)
