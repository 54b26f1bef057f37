"""Public pages: "you said, we did" and page feedback."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from werkzeug.wrappers import Response as WerkzeugResponse

from portal.coproduction.charts import bar_chart_svg
from portal.coproduction.definition import Audience
from portal.coproduction.disclosure import may_publish_total, publishable_rows
from portal.coproduction.forms import PageFeedbackForm
from portal.coproduction.labels import STATUS_LABELS
from portal.coproduction.page_feedback import clean_page_path, record_page_feedback
from portal.coproduction.sensemaking import current_entries, theme_counts
from portal.coproduction.surveys import all_surveys, find_survey_by_slug, response_count
from portal.coproduction.views.blueprint import bp, feedback_rate_limit, locale_code
from portal.core.access import public
from portal.core.htmx import is_htmx
from portal.core.i18n import text_direction
from portal.extensions import limiter

# Pages for children and young people use the simplest words.
CHILD_AUDIENCES = {Audience.CHILDREN_UNDER_11.value, Audience.YOUNG_PEOPLE.value}


def _lang_for(languages: list[str]) -> str:
    locale = locale_code()
    return locale if locale in languages else "en"


@bp.route("/you-said-we-did")
@public
def you_said_we_did_index() -> str:
    """Every survey that has told people what changed."""
    entries = current_entries()
    with_entries = {entry.survey_id for entry in entries}
    surveys = [s for s in all_surveys() if s.id in with_entries]
    cards = []
    for survey in surveys:
        lang = _lang_for(survey.languages)
        count = sum(1 for entry in entries if entry.survey_id == survey.id)
        cards.append(
            {
                "survey": survey,
                "title": survey.current_version.title.get(lang)
                or survey.current_version.title["en"],
                "lang": lang,
                "changes": count,
            }
        )
    return render_template("coproduction/public/index.html", cards=cards)


@bp.route("/you-said-we-did/<slug>")
@public
def you_said_we_did_survey(slug: str) -> str:
    """What people said in one survey and what changed, for that survey's audience."""
    survey = find_survey_by_slug(slug)
    if survey is None or not survey.opened:
        abort(404)
    lang = _lang_for(survey.languages)
    total = response_count(survey)
    rows = publishable_rows(theme_counts(survey), total=total)
    chart = None
    if rows:
        chart = bar_chart_svg(
            chart_id="public-themes",
            title=gettext("What people talked about"),
            description=gettext(
                "The number of answers about each topic. The same numbers are in the table."
            ),
            bars=[(row.label, row.count) for row in rows],
            hidden_text=gettext("fewer than 5"),
            rtl=text_direction(locale_code()) == "rtl",
        )
    return render_template(
        "coproduction/public/survey.html",
        survey=survey,
        lang=lang,
        title=survey.current_version.title.get(lang) or survey.current_version.title["en"],
        for_children=survey.audience in CHILD_AUDIENCES,
        entries=current_entries(survey),
        status_labels=STATUS_LABELS,
        show_numbers=may_publish_total(total),
        total=total,
        rows=rows,
        chart=chart,
    )


@bp.route("/page-feedback", methods=["POST"])
@public
@limiter.limit(feedback_rate_limit)
def page_feedback() -> WerkzeugResponse | str:
    """Store an answer to "Is this page useful?" and go back to the page."""
    form = PageFeedbackForm()
    path = clean_page_path(form.feedback_page.data)
    if path is None:
        abort(400)
    if form.validate_on_submit() and form.feedback_useful.data in {"yes", "no"}:
        record_page_feedback(
            path,
            useful=form.feedback_useful.data == "yes",
            missing=form.feedback_missing.data or "",
            locale=locale_code(),
        )
        if is_htmx():
            return render_template("coproduction/_page_feedback_thanks.html")
        flash(gettext("Thank you for your feedback."), "page-feedback")
        return redirect(path + "#page-feedback")
    if is_htmx():
        return render_template("coproduction/_page_feedback_thanks.html", failed=True)
    return redirect(path + "#page-feedback")


@bp.route("/page-feedback/missing")
@public
def page_feedback_missing() -> WerkzeugResponse | str:
    """Ask what was missing from a page (a page of its own, or a fragment for htmx)."""
    path = clean_page_path(request.args.get("page"))
    if path is None:
        return redirect(url_for("core.home"))
    form = PageFeedbackForm(formdata=None)
    if is_htmx():
        return render_template(
            "coproduction/_page_feedback_missing_form.html",
            form=form,
            page_path=path,
            as_page=False,
        )
    return render_template("coproduction/page_feedback_missing.html", form=form, page_path=path)
