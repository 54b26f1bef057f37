"""The "what support could I get?" checkers: GET forms that work without JavaScript."""

from __future__ import annotations

from typing import Any

from flask import Response, abort, render_template, request
from wtforms import Form

from portal.core.access import public
from portal.publishing.content import PageView
from portal.publishing.eligibility import CheckResult, check_care_leaver, check_kinship
from portal.publishing.forms import CareLeaverCheckerForm, KinshipCheckerForm, as_int
from portal.publishing.labels import GROUP_LABELS, NOTE_LABELS
from portal.publishing.service import cacheable, page_view, site_token_values
from portal.publishing.views.blueprint import bp


def _offer(slug: str) -> PageView:
    view = page_view(slug)
    if view is None:
        abort(404)
    return view


def result_context(view: PageView, result: CheckResult) -> dict[str, Any]:
    """The matching sections as links, with headings in the reader's language."""
    headings = {h.id: h.text for h in view.page.rendered.headings}
    sections = []
    for key in result.sections:
        heading_id = view.english.sections[key]["heading"]
        sections.append(
            {
                "url": f"{view.english.url}#{heading_id}",
                "text": headings.get(heading_id, heading_id),
                "level": next(
                    (h.level for h in view.page.rendered.headings if h.id == heading_id), 2
                ),
            }
        )
    return {
        "groups": [GROUP_LABELS[g] for g in result.groups],
        "sections": sections,
        "notes": [NOTE_LABELS[n] for n in result.notes],
    }


def answered(form: Form) -> bool:
    """Whether the query carries any of this form's answers (not only `?lang=` or a tracker)."""
    return any(field.name in request.args for field in form)


def whole_number(value: str | None) -> int:
    """A whole-number answer the form has already validated, so never missing."""
    number = as_int(value)
    if number is None:
        raise ValueError("a validated whole-number answer is missing")
    return number


def _render(template: str, view: PageView, form: Any, result: dict[str, Any] | None) -> Response:
    return cacheable(
        Response(
            render_template(
                template, view=view, form=form, result=result, tokens=site_token_values()
            )
        )
    )


@bp.route("/kinship/checker")
@public
def kinship_checker() -> Response:
    """Kinship carers: which parts of the offer apply to me?"""
    view = _offer("kinship")
    form = KinshipCheckerForm(request.args)
    result = None
    if answered(form) and form.validate():
        checked = check_kinship(
            view.english.sections,
            form.arrival.data,
            form.order.data,
            whole_number(form.child_age.data),
        )
        result = result_context(view, checked)
    elif not answered(form):
        form = KinshipCheckerForm()
    return _render("publishing/checker_kinship.html", view, form, result)


@bp.route("/care-leavers/checker")
@public
def care_leavers_checker() -> Response:
    """Care leavers: what am I entitled to?"""
    view = _offer("care-leavers")
    form = CareLeaverCheckerForm(request.args)
    result = None
    if answered(form) and form.validate():
        checked = check_care_leaver(
            view.english.sections,
            whole_number(form.age.data),
            form.time_in_care.data,
            form.still_in_care.data == "yes",
            form.status.data,
        )
        result = result_context(view, checked)
    elif not answered(form):
        form = CareLeaverCheckerForm()
    return _render("publishing/checker_care_leavers.html", view, form, result)
