"""Practitioner pages: families, invitations, drafts, preview, publishing, family comments."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from portal.accounts.invitations import (
    contact_in_use,
    invitation_address,
    invite_member,
    pending_invitations,
)
from portal.accounts.models import FamilyMember
from portal.core.access import allow
from portal.core.clock import london_today
from portal.core.notify import message_locale, queue_email, queue_sms
from portal.extensions import db
from portal.plans.body import load_body
from portal.plans.forms import ConfirmForm, FamilyForm, InviteForm, PublishForm, ReplyForm
from portal.plans.pdf import plan_pdf_response
from portal.plans.people import CHILD_LINE_HELP, ChildLineInvalid, parse_children
from portal.plans.service import (
    changes_between,
    comments_on,
    create_family,
    current_draft,
    families_for_staff,
    family_for_staff,
    latest_published,
    publish_version,
    published_versions,
    reply_to_comment,
    start_draft,
    version_of,
)
from portal.plans.views.blueprint import STAFF_PLAN_ROLES, bp
from portal.plans.views.editor import SECTION_ORDER, SECTION_TITLES


@bp.route("/practitioners/families")
@allow(*STAFF_PLAN_ROLES)
def families() -> str:
    """The families this practitioner can see."""
    rows = families_for_staff(current_user)
    db.session.commit()
    return render_template("plans/practitioner/families.html", families=rows, area="practitioners")


@bp.route("/practitioners/families/new", methods=["GET", "POST"])
@allow(*STAFF_PLAN_ROLES)
def new_family() -> str | Response:
    """Start working with a family: their names, language, and an empty plan."""
    form = FamilyForm()
    if form.validate_on_submit():
        try:
            children = parse_children(form.children.data, london_today())
        except ChildLineInvalid as error:
            form.children.errors.append(gettext(CHILD_LINE_HELP) + f" ({str(error).strip()})")
            return render_template(
                "plans/practitioner/new_family.html", form=form, area="practitioners"
            )
        people = [(name, "child", born) for name, born in children]
        people += [
            (n.strip(), "parent", None) for n in (form.adults.data or "").splitlines() if n.strip()
        ]
        family = create_family(
            current_user,
            name=form.name.data.strip(),
            preferred_language=form.preferred_language.data,
            interpreter_needed=form.interpreter_needed.data == "yes",
            people=people,
        )
        db.session.commit()
        return redirect(url_for("plans.family", family_id=family.public_id))
    return render_template("plans/practitioner/new_family.html", form=form, area="practitioners")


@bp.route("/practitioners/families/<family_id>")
@allow(*STAFF_PLAN_ROLES)
def family(family_id: str) -> str:
    """One family: people, who has access, the plan's versions and the family's comments."""
    fam = family_for_staff(current_user, family_id, action="plan.viewed")
    members = db.session.scalars(select(FamilyMember).where(FamilyMember.family_id == fam.id)).all()
    invitations = pending_invitations(fam)
    context = {
        "family": fam,
        "members": members,
        "invitations": invitations,
        "versions": published_versions(fam.plan),
        "draft": current_draft(fam.plan),
        "comments": comments_on(fam.plan),
        "confirm_form": ConfirmForm(),
        "area": "practitioners",
    }
    db.session.commit()
    return render_template("plans/practitioner/family.html", **context)


@bp.route("/practitioners/families/<family_id>/invite", methods=["GET", "POST"])
@allow(*STAFF_PLAN_ROLES)
def invite(family_id: str) -> str | Response:
    """Invite a family member by email or text message."""
    fam = family_for_staff(current_user, family_id, action="family.viewed")
    form = InviteForm()
    if form.validate_on_submit():
        channel, destination = invitation_address(form.contact.data)
        if contact_in_use(channel, destination):
            form.contact.errors.append(
                gettext(
                    "Someone already signs in with this. Use another email address or "
                    "mobile number."
                )
            )
        else:
            invite_member(
                current_user,
                fam,
                display_name=form.display_name.data.strip(),
                channel=channel,
                destination=destination,
            )
            db.session.commit()
            flash(gettext("Invitation sent to %(name)s", name=form.display_name.data.strip()))
            return redirect(url_for("plans.family", family_id=fam.public_id))
    db.session.commit()
    return render_template(
        "plans/practitioner/invite.html", form=form, family=fam, area="practitioners"
    )


@bp.route("/practitioners/families/<family_id>/plan")
@allow(*STAFF_PLAN_ROLES)
def editor(family_id: str) -> str:
    """The draft, part by part, each with a way to change it."""
    fam = family_for_staff(current_user, family_id, action="plan.viewed")
    draft = current_draft(fam.plan)
    context = {
        "family": fam,
        "draft": draft,
        "body": load_body(draft.body) if draft else None,
        "sections": SECTION_ORDER,
        "titles": SECTION_TITLES,
        "confirm_form": ConfirmForm(),
        "latest": latest_published(fam.plan),
        "area": "practitioners",
    }
    db.session.commit()
    return render_template("plans/practitioner/editor.html", **context)


@bp.route("/practitioners/families/<family_id>/plan/new-version", methods=["POST"])
@allow(*STAFF_PLAN_ROLES)
def new_version(family_id: str) -> Response:
    """Start a new draft from the published plan."""
    fam = family_for_staff(current_user, family_id, action="plan.viewed")
    if not ConfirmForm().validate_on_submit():
        abort(400)
    start_draft(current_user, fam.plan)
    db.session.commit()
    return redirect(url_for("plans.editor", family_id=fam.public_id))


@bp.route("/practitioners/families/<family_id>/plan/preview")
@allow(*STAFF_PLAN_ROLES)
def preview(family_id: str) -> str:
    """The draft exactly as the family will see it."""
    fam = family_for_staff(current_user, family_id, action="plan.previewed")
    draft = current_draft(fam.plan)
    if draft is None:
        abort(404)
    before = latest_published(fam.plan)
    context = {
        "family": fam,
        "version": draft,
        "body": load_body(draft.body),
        "changes": changes_between(
            load_body(before.body) if before else None, load_body(draft.body)
        ),
        "area": "practitioners",
    }
    db.session.commit()
    return render_template("plans/practitioner/preview.html", **context)


@bp.route("/practitioners/families/<family_id>/plan/publish", methods=["GET", "POST"])
@allow(*STAFF_PLAN_ROLES)
def publish(family_id: str) -> str | Response:
    """Publish the draft with a "what changed" note, and tell the family."""
    fam = family_for_staff(current_user, family_id, action="plan.viewed")
    draft = current_draft(fam.plan)
    if draft is None:
        abort(404)
    form = PublishForm()
    nothing_written = load_body(draft.body).says_nothing()
    if nothing_written:
        # Said before the note is typed, and refused again by publish_version.
        form.form_errors.append(
            gettext("There is nothing in this plan yet. Write the plan before you publish it.")
        )
    elif form.validate_on_submit():
        recipients = publish_version(current_user, draft, form.note.data.strip())
        link = url_for("plans.my_plan", _external=True)

        def text() -> str:
            return gettext(
                "Your family's plan has been updated. Sign in to see what changed: %(link)s",
                link=link,
            )

        for recipient in recipients:
            # Each family member's own language, else the family's preferred one.
            locale = message_locale(recipient.locale, fam.preferred_language)
            if recipient.channel == "sms":
                queue_sms(recipient.address, text, locale=locale, reference="plan-published")
            else:
                queue_email(
                    recipient.address,
                    lambda: gettext("Your family's plan has been updated"),
                    text,
                    locale=locale,
                    reference="plan-published",
                )
        db.session.commit()
        flash(gettext("Version %(number)s is published", number=draft.number))
        return redirect(url_for("plans.family", family_id=fam.public_id))
    db.session.commit()
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
    fam = family_for_staff(current_user, family_id, action="plan.version_viewed")
    version = version_of(fam.plan, version_id, published_only=True)
    context = {"family": fam, "version": version, "body": load_body(version.body)}
    db.session.commit()
    return render_template("plans/practitioner/version.html", area="practitioners", **context)


@bp.route("/practitioners/families/<family_id>/versions/<version_id>/pdf")
@allow(*STAFF_PLAN_ROLES)
def staff_version_pdf(family_id: str, version_id: str) -> Response:
    """The PDF of a published version."""
    fam = family_for_staff(current_user, family_id, action="plan.pdf_viewed")
    version = version_of(fam.plan, version_id, published_only=True)
    db.session.commit()
    return plan_pdf_response(fam, version)


@bp.route(
    "/practitioners/families/<family_id>/comments/<comment_id>/reply", methods=["GET", "POST"]
)
@allow(*STAFF_PLAN_ROLES)
def reply(family_id: str, comment_id: str) -> str | Response:
    """Answer a family member's view."""
    fam = family_for_staff(current_user, family_id, action="plan.viewed")
    comment = next((c for c in comments_on(fam.plan) if c.public_id == comment_id), None)
    if comment is None:
        abort(404)
    form = ReplyForm()
    if form.validate_on_submit():
        reply_to_comment(current_user, fam.plan, comment_id, form.reply.data.strip())
        db.session.commit()
        flash(gettext("Your answer has been sent"))
        return redirect(url_for("plans.family", family_id=fam.public_id, _anchor="comments"))
    db.session.commit()
    return render_template(
        "plans/practitioner/reply.html",
        form=form,
        family=fam,
        comment=comment,
        area="practitioners",
    )
