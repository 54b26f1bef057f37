"""Participation officers build surveys at /practitioners/have-your-say."""

from __future__ import annotations

from typing import Any

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import force_locale, gettext
from flask_login import current_user
from werkzeug.wrappers import Response as WerkzeugResponse

from portal.coproduction.definition import (
    Audience,
    Question,
    SurveyDefinition,
    validate_question,
    validate_survey,
)
from portal.coproduction.forms import ActionForm, QuestionForm, SafetyWordsForm, SurveyDetailsForm
from portal.coproduction.labels import (
    AUDIENCE_LABELS,
    KIND_LABELS,
    STATE_LABELS,
    describe_problems,
    problem_message,
)
from portal.coproduction.models import Survey
from portal.coproduction.page_feedback import page_summaries
from portal.coproduction.qr import survey_qr_svg
from portal.coproduction.respond_forms import answer_form
from portal.coproduction.responses import safety_phrases, save_safety_words
from portal.coproduction.surveys import (
    QuestionDraft,
    SurveyDetails,
    add_survey_question,
    all_surveys,
    close_survey,
    draft_question,
    next_question_key,
    open_survey,
    remove_survey_question,
    response_count,
    save_survey_details,
    slug_taken,
    start_survey,
    state_of,
    survey_definition,
)
from portal.coproduction.views.blueprint import (
    HOME,
    LANGUAGE_NAMES,
    bp,
    face_items,
    survey_or_404,
)
from portal.core.access import Role, allow
from portal.core.i18n import text_direction
from portal.core.pdf import cached_pdf_from, html_to_pdf_within, send_pdf


def survey_link(slug: str) -> str:
    """The full web address respondents use (PUBLIC_BASE_URL when set)."""
    base = str(current_app.config.get("PUBLIC_BASE_URL", "")).rstrip("/")
    if base:
        return base + url_for("coproduction.survey_start", slug=slug)
    return url_for("coproduction.survey_start", slug=slug, _external=True)


@bp.route(HOME)
@allow(Role.PARTICIPATION)
def officer_home() -> str:
    """Every survey with its state and number of responses."""
    surveys = [
        {
            "survey": s,
            "title": s.current_version.title.get("en", ""),
            "state": STATE_LABELS[state_of(s)],
            "responses": response_count(s),
        }
        for s in all_surveys()
    ]
    return render_template("coproduction/officer/index.html", surveys=surveys)


def _details_from(form: SurveyDetailsForm) -> SurveyDetails:
    return SurveyDetails(
        title=(form.title.data or "").strip(),
        purpose=(form.purpose.data or "").strip(),
        slug=(form.slug.data or "").strip().lower(),
        audience=form.audience.data,
        languages=list(form.languages.data or []),
        opens_on=form.opens_on.data,
        closes_on=form.closes_on.data,
    )


def _details_are_sound(form: SurveyDetailsForm, survey: Survey | None) -> bool:
    """Put the logic's problems on the form's fields; True when there are none."""
    details = _details_from(form)
    fields = {"slug-invalid": form.slug, "closes-before-opens": form.closes_on}
    probe = SurveyDefinition(
        slug=details.slug,
        audience=Audience(details.audience),
        languages=("en",),
        title={"en": details.title},
        purpose={"en": details.purpose},
        questions=(),
        opens_on=details.opens_on,
        closes_on=details.closes_on,
    )
    sound = True
    for problem in validate_survey(probe):
        if problem.code in fields:
            fields[problem.code].errors = [problem_message(problem.code)]
            sound = False
    if sound and slug_taken(details.slug, except_survey=survey):
        form.slug.errors = [problem_message("slug-taken")]
        sound = False
    return sound


@bp.route(f"{HOME}/new", methods=["GET", "POST"])
@allow(Role.PARTICIPATION)
def officer_new_survey() -> WerkzeugResponse | str:
    """Start a survey: its details."""
    form = SurveyDetailsForm()
    if form.validate_on_submit() and _details_are_sound(form, None):
        survey = start_survey(current_user, _details_from(form))
        return redirect(url_for("coproduction.officer_survey", survey_id=survey.public_id))
    return render_template("coproduction/officer/details.html", form=form, survey=None)


@bp.route(f"{HOME}/<survey_id>/details", methods=["GET", "POST"])
@allow(Role.PARTICIPATION)
def officer_edit_details(survey_id: str) -> WerkzeugResponse | str:
    """Change a survey's details."""
    survey = survey_or_404(survey_id)
    version = survey.current_version
    form = SurveyDetailsForm(
        data={
            "title": version.title.get("en", ""),
            "purpose": version.purpose.get("en", ""),
            "slug": survey.slug,
            "audience": survey.audience,
            "languages": [lang for lang in survey.languages if lang != "en"],
            "opens_on": survey.opens_on,
            "closes_on": survey.closes_on,
        }
        if request.method == "GET"
        else None
    )
    if form.validate_on_submit() and _details_are_sound(form, survey):
        save_survey_details(current_user, survey, _details_from(form))
        return redirect(url_for("coproduction.officer_survey", survey_id=survey.public_id))
    return render_template("coproduction/officer/details.html", form=form, survey=survey)


@bp.route(f"{HOME}/<survey_id>")
@allow(Role.PARTICIPATION)
def officer_survey(survey_id: str) -> str:
    """A survey's questions, state, QR code and everything an officer can do with it."""
    survey = survey_or_404(survey_id)
    definition = survey_definition(survey)
    problems = describe_problems(validate_survey(definition, for_opening=True), LANGUAGE_NAMES)
    link = survey_link(survey.slug)
    return render_template(
        "coproduction/officer/survey.html",
        survey=survey,
        definition=definition,
        state=state_of(survey),
        state_labels=STATE_LABELS,
        audience_label=AUDIENCE_LABELS[Audience(survey.audience)],
        kind_labels=KIND_LABELS,
        problems=problems,
        responses=response_count(survey),
        link=link,
        qr=survey_qr_svg(link, label=gettext("QR code that opens the survey")),
        language_names=LANGUAGE_NAMES,
        form=ActionForm(),
    )


@bp.route(f"{HOME}/<survey_id>/questions/new", methods=["GET", "POST"])
@allow(Role.PARTICIPATION)
def officer_add_question(survey_id: str) -> WerkzeugResponse | str:
    """Add a question at the end of the survey."""
    survey = survey_or_404(survey_id)
    form = QuestionForm()
    if form.validate_on_submit():
        question = draft_question(
            _question_draft_from(form), next_question_key(survey.current_version)
        )
        if _question_is_sound(form, question):
            add_survey_question(current_user, survey, question)
            return redirect(url_for("coproduction.officer_survey", survey_id=survey.public_id))
    return render_template("coproduction/officer/question.html", form=form, survey=survey)


def _question_draft_from(form: QuestionForm) -> QuestionDraft:
    return QuestionDraft(
        kind=form.kind.data,
        text=(form.text.data or "").strip(),
        hint=(form.hint.data or "").strip(),
        options=[line.strip() for line in (form.options.data or "").splitlines() if line.strip()],
        required=form.required.data,
        equality=form.equality.data,
    )


def _question_is_sound(form: QuestionForm, question: Question) -> bool:
    """Put the logic's problems with a new question on the form's fields; True when none."""
    problems = validate_question(question, ["en"], "question")
    fields = {"options": form.options, "kind": form.kind, "text": form.text}
    for problem in problems:
        field = fields.get(problem.path.split(".")[1], form.text)
        field.errors = [*field.errors, problem_message(problem.code)]
    return not problems


@bp.route(f"{HOME}/<survey_id>/questions/<key>/remove", methods=["POST"])
@allow(Role.PARTICIPATION)
def officer_remove_question(survey_id: str, key: str) -> WerkzeugResponse:
    """Remove a question (a survey with answers keeps the old version)."""
    survey = survey_or_404(survey_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    if not remove_survey_question(current_user, survey, key):
        abort(404)
    return redirect(url_for("coproduction.officer_survey", survey_id=survey.public_id))


@bp.route(f"{HOME}/<survey_id>/open", methods=["POST"])
@allow(Role.PARTICIPATION)
def officer_open_survey(survey_id: str) -> WerkzeugResponse:
    """Open a survey for answers, if it is complete."""
    survey = survey_or_404(survey_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    # An incomplete survey stays closed; its page already lists what is missing.
    open_survey(current_user, survey)
    return redirect(url_for("coproduction.officer_survey", survey_id=survey.public_id))


@bp.route(f"{HOME}/<survey_id>/close", methods=["POST"])
@allow(Role.PARTICIPATION)
def officer_close_survey(survey_id: str) -> WerkzeugResponse:
    """Stop taking answers now (moves the close date to yesterday)."""
    survey = survey_or_404(survey_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    close_survey(current_user, survey)
    return redirect(url_for("coproduction.officer_survey", survey_id=survey.public_id))


@bp.route(f"{HOME}/<survey_id>/preview/<int:number>", methods=["GET", "POST"])
@allow(Role.PARTICIPATION)
def officer_preview(survey_id: str, number: int) -> WerkzeugResponse | str:
    """A question exactly as respondents see it; nothing is saved."""
    survey = survey_or_404(survey_id)
    definition = survey_definition(survey)
    if not 1 <= number <= len(definition.questions):
        abort(404)
    lang = request.args.get("in", "en")
    lang = lang if lang in definition.languages else "en"
    last = len(definition.questions)
    overview = url_for("coproduction.officer_survey", survey_id=survey_id)
    if request.method == "POST":
        return redirect(_preview_url(survey_id, number + 1, lang) if number < last else overview)
    question = definition.questions[number - 1]
    return render_template(
        "coproduction/respond/question.html",
        survey=survey,
        definition=definition,
        question=question,
        lang=lang,
        form=answer_form(question, lang),
        number=number,
        total=last,
        back_url=_preview_url(survey_id, number - 1, lang) if number > 1 else overview,
        action=_preview_url(survey_id, number, lang),
        face_items=face_items(question.kind),
        preview=True,
    )


def _preview_url(survey_id: str, number: int, lang: str) -> str:
    # "in" is a Python keyword, so the language goes in as a dict.
    language: dict[str, Any] = {"in": lang}
    return url_for("coproduction.officer_preview", survey_id=survey_id, number=number, **language)


@bp.route(f"{HOME}/<survey_id>/qr.svg")
@allow(Role.PARTICIPATION)
def officer_qr_code(survey_id: str) -> Response:
    """The survey's QR code as an SVG file to download."""
    survey = survey_or_404(survey_id)
    svg = survey_qr_svg(survey_link(survey.slug), label=gettext("QR code that opens the survey"))
    response = Response(svg, mimetype="image/svg+xml")
    response.headers["Content-Disposition"] = f'attachment; filename="{survey.slug}-qr.svg"'
    return response


# The poster's text size in points, largest first: the first that fits on one A4 page is used.
POSTER_TEXT_SIZES = (13, 12, 11, 10, 9, 8, 7, 6)


@bp.route(f"{HOME}/<survey_id>/poster.pdf")
@allow(Role.PARTICIPATION)
def officer_poster(survey_id: str) -> Response:
    """A printable A4 poster: the QR code and the survey's first question in each language."""
    survey = survey_or_404(survey_id)
    definition = survey_definition(survey)
    link = survey_link(survey.slug)
    key = ("coproduction-poster-2", survey.public_id, str(survey.current_version.number), link)
    first = definition.questions[0].text if definition.questions else {}
    blocks: list[dict[str, str]] = []
    for code in definition.languages:
        with force_locale(code):
            scan = gettext("Scan the code with your phone camera to have your say.")
        # Only words written in this language: an untranslated title is not shown as Polish.
        blocks.append(
            {
                "lang": code,
                "dir": text_direction(code),
                "title": definition.title.get(code, "").strip() if code != "en" else "",
                "question": first.get(code, "").strip(),
                "scan": scan,
            }
        )
    qr = survey_qr_svg(link, label=gettext("QR code that opens the survey"))

    def render_poster(text_size: int) -> str:
        return render_template(
            "coproduction/poster.html",
            survey=survey,
            definition=definition,
            link=link,
            qr=qr,
            blocks=blocks,
            text_size=text_size,
        )

    def make_pdf() -> bytes:
        return html_to_pdf_within(1, (render_poster(size) for size in POSTER_TEXT_SIZES))

    return send_pdf(cached_pdf_from(key, make_pdf), f"{survey.slug}-poster.pdf")


@bp.route(f"{HOME}/safety-words", methods=["GET", "POST"])
@allow(Role.PARTICIPATION)
def officer_safety_words() -> WerkzeugResponse | str:
    """Edit the words and phrases that flag a response."""
    form = SafetyWordsForm()
    if form.validate_on_submit():
        save_safety_words(current_user, (form.words.data or "").splitlines())
        flash(gettext("Safety list saved."), "success")
        return redirect(url_for("coproduction.officer_safety_words"))
    if request.method == "GET":
        form.words.data = "\n".join(safety_phrases())
    return render_template("coproduction/officer/safety_words.html", form=form)


@bp.route(f"{HOME}/page-feedback")
@allow(Role.PARTICIPATION)
def officer_page_feedback() -> str:
    """What the public said about each page."""
    return render_template("coproduction/officer/page_feedback.html", pages=page_summaries())
