"""Answering a survey at /have-your-say/<slug>: no account, one question per page."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from flask import Response, abort, current_app, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response as WerkzeugResponse

from portal.coproduction.definition import QuestionKind, SurveyDefinition, SurveyState, localised
from portal.coproduction.forms import ActionForm
from portal.coproduction.models import Survey, SurveyResponse
from portal.coproduction.respond_forms import answer_form, value_labels
from portal.coproduction.responses import (
    answer_for,
    begin_response,
    commit_answer,
    find_draft,
    send_response,
)
from portal.coproduction.surveys import find_survey_by_slug, state_of, survey_definition
from portal.coproduction.views.blueprint import bp, face_items, locale_code, survey_rate_limit
from portal.core.access import public
from portal.core.clock import london_today
from portal.extensions import limiter

SENT = "sent"
COOKIE_NAME = "have_your_say"
FLAG_SESSION_KEY = "have_your_say_flagged"


def survey_language(definition: SurveyDefinition) -> str:
    """The respondent's language when the survey has it, else English."""
    locale = locale_code()
    return locale if locale in definition.languages else "en"


def open_survey_or_page(slug: str) -> Survey | WerkzeugResponse | str:
    """The open survey, or the page explaining why it cannot be answered."""
    survey = find_survey_by_slug(slug)
    if survey is None or not survey.opened:
        abort(404)
    state = state_of(survey)
    if state is not SurveyState.OPEN:
        definition = survey_definition(survey)
        return render_template(
            "coproduction/respond/not_open.html",
            survey=survey,
            definition=definition,
            lang=survey_language(definition),
            state=state,
        )
    return survey


def _cookie_expiry(survey: Survey) -> datetime:
    ends = survey.closes_on or (london_today() + timedelta(days=90))
    return datetime.combine(ends + timedelta(days=1), time())


def _set_cookie(response: WerkzeugResponse, survey: Survey, value: str) -> WerkzeugResponse:
    """The device cookie for this survey only: its path is the survey's address."""
    response.set_cookie(
        COOKIE_NAME,
        value,
        expires=_cookie_expiry(survey),
        path=url_for("coproduction.survey_start", slug=survey.slug),
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
        samesite="Lax",
    )
    return response


@bp.route("/have-your-say/<slug>")
@public
def survey_start(slug: str) -> WerkzeugResponse | str:
    """The start page: what the survey is for and what happens to the answers."""
    found = open_survey_or_page(slug)
    if not isinstance(found, Survey):
        return found
    definition = survey_definition(found)
    return render_template(
        "coproduction/respond/start.html",
        survey=found,
        definition=definition,
        lang=survey_language(definition),
        already_sent=request.cookies.get(COOKIE_NAME) == SENT,
        form=ActionForm(),
    )


@bp.route("/have-your-say/<slug>/start", methods=["POST"])
@public
@limiter.limit(survey_rate_limit)
def survey_begin(slug: str) -> WerkzeugResponse | str:
    """Start a new, empty set of answers for this device."""
    found = open_survey_or_page(slug)
    if not isinstance(found, Survey):
        return found
    if not ActionForm().validate_on_submit():
        return redirect(url_for("coproduction.survey_start", slug=slug))
    response_row = begin_response(found, locale_code())
    reply = redirect(url_for("coproduction.survey_question", slug=slug, number=1))
    return _set_cookie(reply, found, response_row.public_id)


def _draft_or_restart(survey: Survey) -> SurveyResponse | None:
    return find_draft(survey, request.cookies.get(COOKIE_NAME))


@bp.route("/have-your-say/<slug>/<int:number>", methods=["GET", "POST"])
@public
@limiter.limit(survey_rate_limit, methods=["POST"])
def survey_question(slug: str, number: int) -> WerkzeugResponse | str:
    """One question on its own page."""
    found = open_survey_or_page(slug)
    if not isinstance(found, Survey):
        return found
    draft = _draft_or_restart(found)
    if draft is None:
        return redirect(url_for("coproduction.survey_start", slug=slug))
    questions = found.current_version.questions
    if not 1 <= number <= len(questions):
        abort(404)
    stored = questions[number - 1]
    definition = survey_definition(found)
    question = definition.questions[number - 1]
    lang = survey_language(definition)
    saved = answer_for(draft, stored)
    if request.method == "POST":
        form = answer_form(question, lang)
        values = form.check()
        if values is not None:
            commit_answer(draft, stored, values)
            if number < len(questions):
                return redirect(
                    url_for("coproduction.survey_question", slug=slug, number=number + 1)
                )
            return redirect(url_for("coproduction.survey_send", slug=slug))
    else:
        data = {} if saved is None else {"answer": _form_value(question.kind, saved.values)}
        form = answer_form(question, lang, data=data)
    back = (
        url_for("coproduction.survey_question", slug=slug, number=number - 1)
        if number > 1
        else url_for("coproduction.survey_start", slug=slug)
    )
    return render_template(
        "coproduction/respond/question.html",
        survey=found,
        definition=definition,
        question=question,
        lang=lang,
        form=form,
        number=number,
        total=len(questions),
        back_url=back,
        action=url_for("coproduction.survey_question", slug=slug, number=number),
        face_items=face_items(question.kind),
        preview=False,
    )


def _form_value(kind: QuestionKind, values: list[str]) -> object:
    if kind is QuestionKind.SEVERAL_CHOICES:
        return list(values)
    return values[0] if values else None


@bp.route("/have-your-say/<slug>/send", methods=["GET", "POST"])
@public
@limiter.limit(survey_rate_limit, methods=["POST"])
def survey_send(slug: str) -> WerkzeugResponse | str:
    """Check the answers, then send them."""
    found = open_survey_or_page(slug)
    if not isinstance(found, Survey):
        return found
    draft = _draft_or_restart(found)
    if draft is None:
        return redirect(url_for("coproduction.survey_start", slug=slug))
    form = ActionForm()
    if form.validate_on_submit():
        flagged = send_response(draft)
        session[FLAG_SESSION_KEY] = flagged
        reply = redirect(url_for("coproduction.survey_thanks", slug=slug))
        return _set_cookie(reply, found, SENT)
    definition = survey_definition(found)
    lang = survey_language(definition)
    rows = []
    for number, (stored, question) in enumerate(
        zip(found.current_version.questions, definition.questions, strict=True), start=1
    ):
        saved = answer_for(draft, stored)
        labels = value_labels(question, lang)
        shown = [labels.get(v, v) for v in saved.values] if saved else []
        rows.append((number, localised(question.text, lang), shown))
    return render_template(
        "coproduction/respond/send.html",
        survey=found,
        definition=definition,
        lang=lang,
        rows=rows,
        form=form,
        back_url=url_for("coproduction.survey_question", slug=slug, number=len(rows))
        if rows
        else url_for("coproduction.survey_start", slug=slug),
    )


@bp.route("/have-your-say/<slug>/thank-you")
@public
def survey_thanks(slug: str) -> Response | str:
    """Thank you, and who to talk to now when an answer suggests someone is not safe."""
    survey = find_survey_by_slug(slug)
    if survey is None or not survey.opened:
        abort(404)
    definition = survey_definition(survey)
    return render_template(
        "coproduction/respond/thank_you.html",
        survey=survey,
        definition=definition,
        lang=survey_language(definition),
        flagged=bool(session.pop(FLAG_SESSION_KEY, False)),
    )
