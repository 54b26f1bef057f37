"""Practitioner pages: families, invitations, drafts, preview, publishing, family comments."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext
from flask_login import current_user
from werkzeug.wrappers import Response

from portal.core.access import allow
from portal.core.audit import AuditAction
from portal.core.clock import london_today
from portal.plans.body import load_body
from portal.plans.changes import changes_between
from portal.plans.comments import reply_to_comment
from portal.plans.families import (
    ContactInUse,
    create_family,
    families_for_staff,
    family_page,
    invite_to_family,
    open_comment_for,
    open_draft_for,
    open_family_for,
    open_version_for,
    plan_of,
)
from portal.plans.forms import ConfirmForm, FamilyForm, InviteForm, PublishForm, ReplyForm
from portal.plans.pdf import plan_pdf_response
from portal.plans.people import CHILD_LINE_HELP, ChildLineInvalid, parse_children
from portal.plans.service import current_draft, latest_published, publish_and_tell, start_draft
from portal.plans.views.blueprint import STAFF_PLAN_ROLES, bp
from portal.plans.views.editor import SECTION_ORDER, SECTION_TITLES


@bp.route("/practitioners/families")
@allow(*STAFF_PLAN_ROLES)
def families() -> str:
    """The families this practitioner can see."""
    rows = families_for_staff(current_user)
    return render_template("plans/practitioner/families.html", families=rows, area="practitioners")


@bp.route("/practitioners/families/new", methods=["GET", "POST"])
@allow(*STAFF_PLAN_ROLES)
def new_family() -> str | Response:
    """Start working with a family: their names, language, and an empty plan."""
    form = FamilyForm()
    if form.validate_on_submit():
        try:
            children = parse_children(form.children.data or "", london_today())
        except ChildLineInvalid as error:
            form.children.errors = [
                *form.children.errors,
                gettext(CHILD_LINE_HELP) + f" ({str(error).strip()})",
            ]
            return render_template(
                "plans/practitioner/new_family.html", form=form, area="practitioners"
            )
        people = [(name, "child", born) for name, born in children]
        people += [
            (n.strip(), "parent", None) for n in (form.adults.data or "").splitlines() if n.strip()
        ]
        family = create_family(
            current_user,
            name=(form.name.data or "").strip(),
            preferred_language=form.preferred_language.data,
            interpreter_needed=form.interpreter_needed.data == "yes",
            people=people,
        )
        return redirect(url_for("plans.family", family_id=family.public_id))
    return render_template("plans/practitioner/new_family.html", form=form, area="practitioners")


@bp.route("/practitioners/families/<family_id>")
@allow(*STAFF_PLAN_ROLES)
def family(family_id: str) -> str:
    """One family: people, who has access, the plan's versions and the family's comments."""
    page = family_page(current_user, family_id)
    return render_template(
        "plans/practitioner/family.html",
        family=page.family,
        members=page.members,
        invitations=page.invitations,
        versions=page.versions,
        draft=page.draft,
        comments=page.comments,
        confirm_form=ConfirmForm(),
        area="practitioners",
    )


@bp.route("/practitioners/families/<family_id>/invite", methods=["GET", "POST"])
@allow(*STAFF_PLAN_ROLES)
def invite(family_id: str) -> str | Response:
    """Invite a family member by email or text message."""
    fam = open_family_for(current_user, family_id, action=AuditAction.FAMILY_VIEWED)
    form = InviteForm()
    if form.validate_on_submit():
        name = (form.display_name.data or "").strip()
        try:
            invite_to_family(
                current_user, fam, display_name=name, contact=(form.contact.data or "").strip()
            )
        except ContactInUse:
            form.contact.errors = [
                *form.contact.errors,
                gettext(
                    "Someone already signs in with this. Use another email address or "
                    "mobile number."
                ),
            ]
        else:
            flash(gettext("Invitation sent to %(name)s", name=name))
            return redirect(url_for("plans.family", family_id=fam.public_id))
    return render_template(
        "plans/practitioner/invite.html", form=form, family=fam, area="practitioners"
    )


@bp.route("/practitioners/families/<family_id>/plan")
@allow(*STAFF_PLAN_ROLES)
def editor(family_id: str) -> str:
    """The draft, part by part, each with a way to change it."""
    fam = open_family_for(current_user, family_id, action=AuditAction.PLAN_VIEWED)
    plan = plan_of(fam)
    draft = current_draft(plan)
    return render_template(
        "plans/practitioner/editor.html",
        family=fam,
        draft=draft,
        body=load_body(draft.body) if draft else None,
        sections=SECTION_ORDER,
        titles=SECTION_TITLES,
        confirm_form=ConfirmForm(),
        latest=latest_published(plan),
        area="practitioners",
    )


@bp.route("/practitioners/families/<family_id>/plan/new-version", methods=["POST"])
@allow(*STAFF_PLAN_ROLES)
def new_version(family_id: str) -> Response:
    """Start a new draft from the published plan."""
    fam = open_family_for(current_user, family_id, action=AuditAction.PLAN_VIEWED)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    start_draft(current_user, plan_of(fam))
    return redirect(url_for("plans.editor", family_id=fam.public_id))


@bp.route("/practitioners/families/<family_id>/plan/preview")
@allow(*STAFF_PLAN_ROLES)
def preview(family_id: str) -> str:
    """The draft exactly as the family will see it."""
    fam, draft = open_draft_for(current_user, family_id, action=AuditAction.PLAN_PREVIEWED)
    before = latest_published(plan_of(fam))
    body = load_body(draft.body)
    return render_template(
        "plans/practitioner/preview.html",
        family=fam,
        version=draft,
        body=body,
        changes=changes_between(load_body(before.body) if before else None, body),
        area="practitioners",
    )


@bp.route("/practitioners/families/<family_id>/plan/publish", methods=["GET", "POST"])
@allow(*STAFF_PLAN_ROLES)
def publish(family_id: str) -> str | Response:
    """Publish the draft with a "what changed" note, and tell the family."""
    fam, draft = open_draft_for(current_user, family_id, action=AuditAction.PLAN_VIEWED)
    form = PublishForm()
    nothing_written = load_body(draft.body).says_nothing()
    if nothing_written:
        # Said before the note is typed, and refused again by publish_version.
        form.form_errors.append(
            gettext("There is nothing in this plan yet. Write the plan before you publish it.")
        )
    elif form.validate_on_submit():
        # False when a moment ago the same draft was published (a double click, a colleague):
        # either way it is published now, and the family were told once.
        publish_and_tell(current_user, fam, draft, (form.note.data or "").strip())
        flash(gettext("Version %(number)s is published", number=draft.number))
        return redirect(url_for("plans.family", family_id=fam.public_id))
    return render_template(
        "plans/practitioner/publish.html",
        form=form,
        family=fam,
        draft=draft,
        nothing_written=nothing_written,
        area="practitioners",
    )


@bp.route("/practitioners/families/<family_id>/versions/<version_id>")
@allow(*STAFF_PLAN_ROLES)
def staff_version(family_id: str, version_id: str) -> str:
    """A published version, as the family saw it."""
    fam, version = open_version_for(
        current_user, family_id, version_id, action=AuditAction.PLAN_VERSION_VIEWED
    )
    return render_template(
        "plans/practitioner/version.html",
        family=fam,
        version=version,
        body=load_body(version.body),
        area="practitioners",
    )


@bp.route("/practitioners/families/<family_id>/versions/<version_id>/pdf")
@allow(*STAFF_PLAN_ROLES)
def staff_version_pdf(family_id: str, version_id: str) -> Response:
    """The PDF of a published version."""
    fam, version = open_version_for(
        current_user, family_id, version_id, action=AuditAction.PLAN_PDF_VIEWED
    )
    return plan_pdf_response(fam, version)


@bp.route(
    "/practitioners/families/<family_id>/comments/<comment_id>/reply", methods=["GET", "POST"]
)
@allow(*STAFF_PLAN_ROLES)
def reply(family_id: str, comment_id: str) -> str | Response:
    """Answer a family member's view."""
    fam, comment = open_comment_for(current_user, family_id, comment_id)
    form = ReplyForm()
    if comment.reply is None and form.validate_on_submit():
        text = (form.reply.data or "").strip()
        if reply_to_comment(current_user, plan_of(fam), comment_id, text):
            flash(gettext("Your answer has been sent"))
            return redirect(url_for("plans.family", family_id=fam.public_id, _anchor="comments"))
        # Someone answered first: the page below shows their answer (the service rolled back,
        # so the comment is read again).
    return render_template(
        "plans/practitioner/reply.html",
        form=form,
        family=fam,
        comment=comment,
        area="practitioners",
    )
