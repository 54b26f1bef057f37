"""The plan editor: each part of a draft is changed inline with htmx, or as a plain form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import abort, redirect, render_template, url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from portal.accounts.models import Account
from portal.core.access import allow
from portal.core.htmx import is_htmx, render_page_or_fragment
from portal.plans import body_edit
from portal.plans.body import Action, Goal, PlanBody, PlanBodyInvalid, load_body
from portal.plans.families import lcpp_accounts, open_draft_for, update_level
from portal.plans.forms import (
    ActionForm,
    ConfirmForm,
    GoalForm,
    LevelForm,
    MeetingForm,
    PersonForm,
    TextSectionForm,
)
from portal.plans.models import Family, PlanVersion
from portal.plans.service import update_draft
from portal.plans.views.blueprint import STAFF_PLAN_ROLES, bp

SECTION_TITLES = {
    "going_well": _l("What is going well"),
    "worries": _l("What we are worried about"),
    "needs_to_happen": _l("What needs to happen"),
    "child_words": _l("In the child's own words"),
    "family_views": _l("What the family think"),
    "network_plan": _l("Family network plan"),
    "level": _l("Level of help"),
    "meeting": _l("Next meeting"),
    "goals": _l("Goals and who will do what"),
    "team": _l("People helping the family"),
}
SECTION_ORDER = (
    "level",
    "meeting",
    "going_well",
    "worries",
    "needs_to_happen",
    "goals",
    "child_words",
    "family_views",
    "network_plan",
    "team",
)


def draft_for(family_public_id: str) -> tuple[Family, PlanVersion, PlanBody]:
    """The family, its draft and the draft's body (an audited read); 404 when there is no draft."""
    family, draft = open_draft_for(current_user, family_public_id)
    return family, draft, load_body(draft.body)


def section_context(family: Family, draft: PlanVersion, body: PlanBody, key: str) -> dict[str, Any]:
    """What `_section.html` needs to show one part of the draft."""
    return {
        "family": family,
        "draft": draft,
        "body": body,
        "key": key,
        "titles": SECTION_TITLES,
        "confirm_form": ConfirmForm(),
    }


def show_saved(family: Family, draft: PlanVersion, body: PlanBody, key: str) -> str | Response:
    """After a save: the section's new content for htmx, or back to the editor."""
    if is_htmx():
        return render_template(
            "plans/practitioner/_section.html", **section_context(family, draft, body, key)
        )
    return redirect(url_for("plans.editor", family_id=family.public_id, _anchor=f"section-{key}"))


def apply_body_errors(form: FlaskForm, error: PlanBodyInvalid) -> None:
    """Put each body validation error on the form field it belongs to."""
    for problem in error.errors:
        name = problem.field.rsplit("-", 1)[-1]
        target = form._fields.get(name) or next(
            f for f in form if f.type not in ("CSRFTokenField", "SubmitField")
        )
        params = {k: gettext(str(v)) if k == "label" else v for k, v in problem.params.items()}
        target.errors = [*target.errors, gettext(problem.message, **params)]


Change = Callable[[PlanBody, FlaskForm], PlanBody]
Prefill = Callable[[PlanBody, FlaskForm], None]
Save = Callable[[Family, PlanVersion, PlanBody, FlaskForm], None]


def save_body(family: Family, draft: PlanVersion, body: PlanBody, form: FlaskForm) -> None:
    """Most parts of the draft are saved on their own."""
    update_draft(current_user, draft, body)


def edit_part(
    family_id: str,
    key: str,
    form: FlaskForm,
    change: Change,
    heading: Any,
    action: str,
    prefill: Prefill | None = None,
    save: Save = save_body,
) -> str | Response:
    """Show a form for one part of the draft; on a good POST, save it (with an audit entry)."""
    family, draft, body = draft_for(family_id)
    if prefill is not None:
        try:
            prefill(body, form)
        except body_edit.ItemNotFound:
            abort(404)
    if form.validate_on_submit():
        try:
            new_body = change(body, form)
        except body_edit.ItemNotFound:
            abort(404)
        except PlanBodyInvalid as error:
            apply_body_errors(form, error)
        else:
            save(family, draft, new_body, form)
            return show_saved(family, draft, new_body, key)
    return render_page_or_fragment(
        "plans/practitioner/part_edit.html",
        "plans/practitioner/_part_form.html",
        family=family,
        form=form,
        key=key,
        heading=heading,
        action=action,
        area="practitioners",
    )


@bp.route("/practitioners/families/<family_id>/plan/sections/<key>", methods=["GET", "POST"])
@allow(*STAFF_PLAN_ROLES)
def edit_section(family_id: str, key: str) -> str | Response:
    """Change a text part, the level of help, or the next meeting."""
    action = url_for("plans.edit_section", family_id=family_id, key=key)
    if key in body_edit.TEXT_SECTIONS:
        form = TextSectionForm()
        form.text.label.text = SECTION_TITLES[key]
        return edit_part(
            family_id,
            key,
            form,
            lambda b, f: body_edit.set_text(b, key, f.text.data or ""),
            SECTION_TITLES[key],
            action,
            prefill=_unless_posted(lambda b, f: setattr(f.text, "data", getattr(b, key))),
        )
    if key == "level":
        people = {account.public_id: account for account in lcpp_accounts()}
        form = LevelForm()
        form.lcpp.choices = [("", gettext("Nobody yet"))] + [
            (public_id, account.display_name) for public_id, account in people.items()
        ]

        def fill(body: PlanBody, f: FlaskForm) -> None:
            f.level.data = str(body.level)
            named = [pid for pid, account in people.items() if account.display_name == body.lcpp]
            f.lcpp.data = named[0] if named else ""

        def chosen(f: FlaskForm) -> Account | None:
            return people.get(f.lcpp.data) if f.level.data == "child-protection" else None

        def set_level(body: PlanBody, f: FlaskForm) -> PlanBody:
            lcpp = chosen(f)
            return body_edit.set_level(body, f.level.data, lcpp.display_name if lcpp else "")

        def save_level(family: Family, draft: PlanVersion, body: PlanBody, f: FlaskForm) -> None:
            update_level(current_user, family, draft, body, chosen(f))

        return edit_part(
            family_id,
            key,
            form,
            set_level,
            SECTION_TITLES[key],
            action,
            prefill=_unless_posted(fill),
            save=save_level,
        )
    if key == "meeting":
        return edit_part(
            family_id,
            key,
            MeetingForm(),
            lambda b, f: body_edit.set_meeting(
                b, f.next_meeting.data, f.next_meeting_what.data or ""
            ),
            SECTION_TITLES[key],
            action,
            prefill=_unless_posted(_fill_meeting),
        )
    abort(404)


def _unless_posted(fill: Prefill) -> Prefill:
    """Fill a form from the draft on GET only, so what the person typed is never lost."""

    def prefill(body: PlanBody, form: FlaskForm) -> None:
        if not form.is_submitted():
            fill(body, form)

    return prefill


def _fill_meeting(body: PlanBody, form: FlaskForm) -> None:
    form.next_meeting.data, form.next_meeting_what.data = body.next_meeting, body.next_meeting_what


def _goal(body: PlanBody, goal_id: str) -> Goal:
    goal = next((g for g in body.goals if g.id == goal_id), None)
    if goal is None:
        raise body_edit.ItemNotFound(goal_id)
    return goal


def _action(body: PlanBody, goal_id: str, action_id: str) -> Action:
    found = next((a for a in _goal(body, goal_id).actions if a.id == action_id), None)
    if found is None:
        raise body_edit.ItemNotFound(action_id)
    return found


@bp.route("/practitioners/families/<family_id>/plan/sections/<key>/show")
@allow(*STAFF_PLAN_ROLES)
def show_section(family_id: str, key: str) -> str | Response:
    """One part of the draft as it stands (htmx "cancel"); without htmx, the editor."""
    if key not in SECTION_TITLES:
        abort(404)
    family, draft, body = draft_for(family_id)
    return show_saved(family, draft, body, key)


@bp.route("/practitioners/families/<family_id>/plan/goals/new", methods=["GET", "POST"])
@bp.route("/practitioners/families/<family_id>/plan/goals/<goal_id>", methods=["GET", "POST"])
@allow(*STAFF_PLAN_ROLES)
def edit_goal(family_id: str, goal_id: str | None = None) -> str | Response:
    """Add a goal, or change its words."""

    def fill(body: PlanBody, form: FlaskForm) -> None:
        if goal_id:
            goal = _goal(body, goal_id)
            if not form.is_submitted():
                form.text.data = goal.text

    action = url_for("plans.edit_goal", family_id=family_id, goal_id=goal_id)
    heading = _l("Change a goal") if goal_id else _l("Add a goal")
    return edit_part(
        family_id,
        "goals",
        GoalForm(),
        lambda b, f: body_edit.save_goal(b, goal_id, f.text.data)[0],
        heading,
        action,
        prefill=fill,
    )


@bp.route(
    "/practitioners/families/<family_id>/plan/goals/<goal_id>/actions/new",
    methods=["GET", "POST"],
)
@bp.route(
    "/practitioners/families/<family_id>/plan/goals/<goal_id>/actions/<action_id>",
    methods=["GET", "POST"],
)
@allow(*STAFF_PLAN_ROLES)
def edit_action(family_id: str, goal_id: str, action_id: str | None = None) -> str | Response:
    """Add something to do under a goal, or change who, what, by when and how far it has got."""

    def fill(body: PlanBody, form: FlaskForm) -> None:
        _goal(body, goal_id)
        if action_id:
            current = _action(body, goal_id, action_id)
            if not form.is_submitted():
                form.who.data, form.what.data = current.who, current.what
                form.by_when.data, form.status.data = current.by_when, str(current.status)

    action = url_for("plans.edit_action", family_id=family_id, goal_id=goal_id, action_id=action_id)
    heading = _l("Change what will be done") if action_id else _l("Add something to do")
    return edit_part(
        family_id,
        "goals",
        ActionForm(),
        lambda b, f: body_edit.save_action(
            b,
            goal_id,
            action_id,
            {
                "who": f.who.data,
                "what": f.what.data,
                "by_when": f.by_when.data,
                "status": f.status.data,
            },
        ),
        heading,
        action,
        prefill=fill,
    )


@bp.route("/practitioners/families/<family_id>/plan/team/new", methods=["GET", "POST"])
@allow(*STAFF_PLAN_ROLES)
def add_person(family_id: str) -> str | Response:
    """Add someone to the team around the family."""
    return edit_part(
        family_id,
        "team",
        PersonForm(),
        lambda b, f: body_edit.add_person(b, f.name.data, f.role.data, f.contact.data or ""),
        _l("Add someone helping the family"),
        url_for("plans.add_person", family_id=family_id),
    )


def remove_part(family_id: str, key: str, change: Callable[[PlanBody], PlanBody]) -> str | Response:
    """A POST that takes something out of the draft."""
    family, draft, body = draft_for(family_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        new_body = change(body)
    except body_edit.ItemNotFound:
        abort(404)
    update_draft(current_user, draft, new_body)
    return show_saved(family, draft, new_body, key)


@bp.route("/practitioners/families/<family_id>/plan/goals/<goal_id>/remove", methods=["POST"])
@allow(*STAFF_PLAN_ROLES)
def remove_goal(family_id: str, goal_id: str) -> str | Response:
    """Take a goal out of the draft."""
    return remove_part(family_id, "goals", lambda b: body_edit.remove_goal(b, goal_id))


@bp.route(
    "/practitioners/families/<family_id>/plan/goals/<goal_id>/actions/<action_id>/remove",
    methods=["POST"],
)
@allow(*STAFF_PLAN_ROLES)
def remove_action(family_id: str, goal_id: str, action_id: str) -> str | Response:
    """Take something to do out of the draft."""
    return remove_part(family_id, "goals", lambda b: body_edit.remove_action(b, goal_id, action_id))


@bp.route("/practitioners/families/<family_id>/plan/team/<person_id>/remove", methods=["POST"])
@allow(*STAFF_PLAN_ROLES)
def remove_person(family_id: str, person_id: str) -> str | Response:
    """Take someone out of the team around the family."""
    return remove_part(family_id, "team", lambda b: body_edit.remove_person(b, person_id))
