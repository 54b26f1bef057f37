"""Officers key in paper responses, read and tag answers, see results and export them."""

from __future__ import annotations

from typing import Any

from flask import Response, abort, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user
from werkzeug.wrappers import Response as WerkzeugResponse

from portal.coproduction.charts import bar_chart_svg
from portal.coproduction.exports import ExportHeadings, csv_bytes, export_rows, xlsx_bytes
from portal.coproduction.forms import tag_form
from portal.coproduction.labels import problem_message
from portal.coproduction.models import Answer, Survey, SurveyResponse
from portal.coproduction.respond_forms import paper_form, value_labels
from portal.coproduction.responses import (
    find_response,
    is_text_question,
    key_in_paper_response,
    responses_for_export,
    submitted_responses,
)
from portal.coproduction.sensemaking import (
    AnswerTagging,
    closed_question_counts,
    tag_response,
    theme_counts,
    themes_of,
    written_answers_of,
)
from portal.coproduction.surveys import question_definition, survey_definition
from portal.coproduction.views.blueprint import HOME, bp, locale_code, survey_or_404
from portal.core.access import Role, allow
from portal.core.i18n import text_direction
from portal.core.typed_forms import FlaskForm


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
            key_in_paper_response(current_user, survey, cleaned)
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


def _answer_rows(answers: list[Answer]) -> list[dict[str, Any]]:
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
        rows = _answer_rows(response.answers)
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


def _tagging_from(form: FlaskForm, text_answers: list[Answer]) -> dict[str, AnswerTagging]:
    return {
        answer.public_id: AnswerTagging(
            theme_ids=list(form[f"themes_{answer.public_id}"].data or []),
            new_theme=form[f"new_{answer.public_id}"].data or "",
        )
        for answer in text_answers
    }


def _response_or_404(survey: Survey, response_id: str) -> SurveyResponse:
    response = find_response(survey, response_id)
    if response is None:
        abort(404)
    return response


@bp.route(f"{HOME}/<survey_id>/responses/<response_id>", methods=["GET", "POST"])
@allow(Role.PARTICIPATION)
def officer_response(survey_id: str, response_id: str) -> WerkzeugResponse | str:
    """One response: read it and tag its written answers with themes."""
    survey = survey_or_404(survey_id)
    response = _response_or_404(survey, response_id)
    text_answers = written_answers_of(response)
    form = tag_form(text_answers, themes_of(survey), is_post=request.method == "POST")
    if form.validate_on_submit():
        problems = tag_response(current_user, survey, response, _tagging_from(form, text_answers))
        if not problems:
            return redirect(url_for("coproduction.officer_responses", survey_id=survey.public_id))
        for answer_id, problem in problems.items():
            form[f"new_{answer_id}"].errors = [problem_message(problem)]
    return render_template(
        "coproduction/officer/response.html",
        survey=survey,
        response=response,
        rows=_answer_rows(response.answers),
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


def _export_table(survey: Survey, file_format: str) -> list[list[str]]:
    definition = survey_definition(survey)
    responses = responses_for_export(current_user, survey, file_format)
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
    table = _export_table(survey, kind)
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
