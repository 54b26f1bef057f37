"""Officers key in paper responses, read and tag answers, see results and export them."""

from __future__ import annotations

from flask import Response, abort, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput, GovSubmitInput, GovTextInput
from werkzeug.wrappers import Response as WerkzeugResponse
from wtforms import SelectMultipleField, StringField, SubmitField
from wtforms.validators import Length, Optional

from portal.coproduction.charts import bar_chart_svg
from portal.coproduction.exports import (
    ExportHeadings,
    ExportResponse,
    csv_bytes,
    export_rows,
    xlsx_bytes,
)
from portal.coproduction.labels import problem_message
from portal.coproduction.models import Answer, Survey
from portal.coproduction.respond_forms import paper_form, value_labels
from portal.coproduction.responses import (
    find_response,
    is_text_question,
    save_answer,
    start_response,
    submit_response,
    submitted_responses,
)
from portal.coproduction.sensemaking import (
    closed_question_counts,
    create_theme,
    set_answer_themes,
    theme_counts,
    themes_of,
)
from portal.coproduction.surveys import question_definition, survey_definition
from portal.coproduction.views.blueprint import bp, locale_code, survey_or_404
from portal.coproduction.views.officer_build import HOME
from portal.core.access import Role, allow
from portal.core.audit import record_audit
from portal.core.i18n import text_direction
from portal.extensions import db


@bp.route(f"{HOME}/<survey_id>/paper", methods=["GET", "POST"])
@allow(Role.PARTICIPATION)
def officer_paper_response(survey_id: str) -> WerkzeugResponse | str:
    """Key in an answer sheet filled in on paper; it is marked as paper."""
    survey = survey_or_404(survey_id)
    definition = survey_definition(survey)
    form = paper_form(definition.questions, locale_code())
    if request.method == "POST":
        cleaned = form.check()
        if cleaned is not None:
            response = start_response(survey, "en")
            for stored in survey.current_version.questions:
                save_answer(response, stored, cleaned.get(stored.key, []))
            db.session.flush()
            submit_response(response, paper=True)
            record_audit(current_user, "survey.paper_response", "survey", survey.public_id)
            db.session.commit()
            return redirect(
                url_for("coproduction.officer_responses", survey_id=survey.public_id, paper="yes")
            )
    return render_template(
        "coproduction/officer/paper.html",
        survey=survey,
        form=form,
        field_names=[f"q_{q.key}" for q in definition.questions],
        kinds={f"q_{q.key}": q.kind.value for q in definition.questions},
    )


def _answer_rows(survey: Survey, answers: list[Answer]) -> list[dict]:
    rows = []
    for answer in sorted(answers, key=lambda a: a.question.position):
        question = question_definition(answer.question)
        labels = value_labels(question, locale_code())
        rows.append(
            {
                "answer": answer,
                "question": question.text.get("en", ""),
                "values": [labels.get(v, v) for v in answer.values],
                "is_text": is_text_question(answer.question),
                "themes": [t.name for t in answer.themes],
            }
        )
    return rows


@bp.route(f"{HOME}/<survey_id>/responses")
@allow(Role.PARTICIPATION)
def officer_responses(survey_id: str) -> str:
    """Responses, newest first, filtered by flagged, paper and theme."""
    survey = survey_or_404(survey_id)
    flagged = {"yes": True, "no": None}.get(request.args.get("flagged", "no"))
    paper = {"yes": True, "no": False}.get(request.args.get("paper", ""))
    theme_name = request.args.get("theme", "")
    responses = submitted_responses(survey, flagged=flagged, paper=paper)
    items = []
    for response in responses:
        rows = _answer_rows(survey, response.answers)
        if theme_name and not any(theme_name in row["themes"] for row in rows):
            continue
        items.append({"response": response, "rows": rows})
    return render_template(
        "coproduction/officer/responses.html",
        survey=survey,
        items=items,
        themes=themes_of(survey),
        filters={
            "flagged": request.args.get("flagged", "no"),
            "paper": request.args.get("paper", ""),
            "theme": theme_name,
        },
    )


def tag_form(
    text_answers: list[Answer], theme_choices: list[tuple[str, str]], **kwargs: object
) -> FlaskForm:
    """Theme checkboxes and a new-theme box for each written answer."""
    attributes: dict[str, object] = {}
    for answer in text_answers:
        attributes[f"themes_{answer.public_id}"] = SelectMultipleField(
            gettext("Themes"),
            choices=theme_choices,
            widget=GovCheckboxesInput(),
            validate_choice=False,
        )
        attributes[f"new_{answer.public_id}"] = StringField(
            gettext("New theme (optional)"),
            widget=GovTextInput(),
            validators=[Optional(), Length(max=80)],
        )
    attributes["submit"] = SubmitField(gettext("Save themes"), widget=GovSubmitInput())
    return type("AnswerThemesForm", (FlaskForm,), attributes)(**kwargs)


@bp.route(f"{HOME}/<survey_id>/responses/<response_id>", methods=["GET", "POST"])
@allow(Role.PARTICIPATION)
def officer_response(survey_id: str, response_id: str) -> WerkzeugResponse | str:
    """One response: read it and tag its written answers with themes."""
    survey = survey_or_404(survey_id)
    response = find_response(survey, response_id)
    if response is None:
        abort(404)
    text_answers = [a for a in response.answers if is_text_question(a.question)]
    themes = themes_of(survey)
    choices = [(t.public_id, t.name) for t in themes]
    data = {f"themes_{a.public_id}": [t.public_id for t in a.themes] for a in text_answers}
    form = tag_form(text_answers, choices, data=data if request.method == "GET" else None)
    if form.validate_on_submit():
        by_id = {t.public_id: t for t in themes}
        problems = False
        for answer in text_answers:
            chosen = [by_id[i] for i in form[f"themes_{answer.public_id}"].data or [] if i in by_id]
            new_name = (form[f"new_{answer.public_id}"].data or "").strip()
            if new_name:
                existing = next(
                    (t for t in themes if t.name.casefold() == new_name.casefold()), None
                )
                if existing is None:
                    created, problem = create_theme(survey, new_name)
                    if problem:
                        form[f"new_{answer.public_id}"].errors = [problem_message(problem)]
                        problems = True
                        continue
                    themes.append(created)
                    existing = created
                chosen.append(existing)
            set_answer_themes(answer, list({t.id: t for t in chosen}.values()))
        if not problems:
            record_audit(current_user, "survey.response.tag", "survey_response", response.public_id)
            db.session.commit()
            return redirect(url_for("coproduction.officer_responses", survey_id=survey.public_id))
        db.session.rollback()
    return render_template(
        "coproduction/officer/response.html",
        survey=survey,
        response=response,
        rows=_answer_rows(survey, response.answers),
        form=form,
    )


@bp.route(f"{HOME}/<survey_id>/results")
@allow(Role.PARTICIPATION)
def officer_results(survey_id: str) -> str:
    """Counts per question and per theme as charts, each with a table of the same numbers."""
    survey = survey_or_404(survey_id)
    rtl = text_direction(locale_code()) == "rtl"
    charts = []
    for number, counts in enumerate(closed_question_counts(survey), start=1):
        question = question_definition(counts.question)
        labels = value_labels(question, locale_code())
        rows = [(labels.get(value, value), count) for value, count in counts.rows]
        title = question.text.get("en", "")
        charts.append(
            {
                "title": title,
                "svg": bar_chart_svg(
                    chart_id=f"chart-{number}",
                    title=title,
                    description=gettext("Answers from %(num)s people.", num=counts.answered),
                    bars=rows,
                    hidden_text="",
                    rtl=rtl,
                ),
                "rows": rows,
            }
        )
    theme_rows = theme_counts(survey)
    theme_chart = (
        bar_chart_svg(
            chart_id="chart-themes",
            title=gettext("Themes in written answers"),
            description=gettext("The number of written answers tagged with each theme."),
            bars=theme_rows,
            hidden_text="",
            rtl=rtl,
        )
        if theme_rows
        else None
    )
    return render_template(
        "coproduction/officer/results.html",
        survey=survey,
        charts=charts,
        theme_rows=theme_rows,
        theme_chart=theme_chart,
        responses=len(submitted_responses(survey)),
    )


def _export_table(survey: Survey) -> list[list[str]]:
    definition = survey_definition(survey)
    responses = []
    for response in reversed(submitted_responses(survey)):
        answers = {a.question.key: list(a.values) for a in response.answers}
        themes = {a.question.key: [t.name for t in a.themes] for a in response.answers if a.themes}
        responses.append(
            ExportResponse(
                reference=response.public_id,
                submitted_on=response.submitted_on,
                version=response.version.number,
                paper=response.paper,
                flagged=response.flagged,
                answers=answers,
                themes=themes,
            )
        )
    headings = ExportHeadings(
        reference=gettext("Reference"),
        submitted_on=gettext("Date sent"),
        version=gettext("Version"),
        paper=gettext("Paper"),
        flagged=gettext("Flagged"),
        yes=gettext("Yes"),
        no=gettext("No"),
        themes_suffix=gettext("(themes)"),
    )
    labels = {q.key: value_labels(q, locale_code()) for q in definition.questions}
    return export_rows(definition, responses, headings, labels)


@bp.route(f"{HOME}/<survey_id>/export.csv", defaults={"kind": "csv"})
@bp.route(f"{HOME}/<survey_id>/export.xlsx", defaults={"kind": "xlsx"})
@allow(Role.PARTICIPATION)
def officer_export(survey_id: str, kind: str) -> Response:
    """Every response as CSV or as an Excel workbook."""
    survey = survey_or_404(survey_id)
    table = _export_table(survey)
    record_audit(current_user, "survey.export", "survey", survey.public_id, {"format": kind})
    db.session.commit()
    if kind == "csv":
        response = Response(csv_bytes(table), mimetype="text/csv; charset=utf-8")
    else:
        title = survey.current_version.title.get("en", survey.slug)
        response = Response(
            xlsx_bytes(table, title),
            mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{survey.slug}-responses.{kind}"'
    )
    response.headers["Cache-Control"] = "no-store"
    return response
