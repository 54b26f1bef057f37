"""The co-production blueprint and small helpers its views share."""

from __future__ import annotations

from flask import Blueprint, abort, current_app
from flask_babel import get_locale

from portal.coproduction.definition import localised
from portal.coproduction.forms import PageFeedbackForm
from portal.coproduction.models import Survey
from portal.coproduction.surveys import find_survey
from portal.core.i18n import text_direction

bp = Blueprint("coproduction", __name__)


@bp.context_processor
def survey_helpers() -> dict:
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
    return current_app.config.get("SURVEY_RATE_LIMIT", "60 per minute")


def feedback_rate_limit() -> str:
    """How often one address may send page feedback (config PAGE_FEEDBACK_RATE_LIMIT)."""
    return current_app.config.get("PAGE_FEEDBACK_RATE_LIMIT", "20 per minute")


@bp.app_context_processor
def page_feedback_helpers() -> dict:
    """The page feedback form every public page includes (built only when rendered)."""
    return {"page_feedback_form": _page_feedback_form}


def _page_feedback_form() -> PageFeedbackForm:
    return PageFeedbackForm(formdata=None)
