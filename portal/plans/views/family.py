"""The family's own pages at /my-plan: only ever their own family's plan."""

from __future__ import annotations

import re
import secrets

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext
from werkzeug.wrappers import Response

from portal.accounts import current
from portal.accounts.models import FamilyMember
from portal.core.access import Role, allow
from portal.plans.body import load_body
from portal.plans.comments import add_comment, comments_on
from portal.plans.forms import CommentForm
from portal.plans.models import Plan, PlanVersion
from portal.plans.pdf import plan_pdf_response
from portal.plans.service import (
    changes_in,
    changes_since,
    latest_published,
    mark_seen,
    published_versions,
    version_of,
    who_opened,
)
from portal.plans.views.blueprint import bp


def _current() -> tuple[FamilyMember, Plan, PlanVersion | None]:
    """The signed-in family member, their family's plan and the version they see now."""
    member = current.family_member()
    plan = member.family.plan
    if plan is None:
        abort(404)
    return member, plan, latest_published(plan)


@bp.route("/my-plan")
@allow(Role.FAMILY)
def my_plan() -> str:
    """The family's plan as it is now, and what changed since they last looked."""
    member, _, version = _current()
    if version is None:
        return render_template("plans/family/no_plan_yet.html", family=member.family)
    # New since their last look (possibly several versions); otherwise what the latest changed.
    unseen = 0 < member.last_seen_version < version.number
    changes = changes_since(member, version) if unseen else changes_in(version)
    mark_seen(member, version)
    return render_template(
        "plans/family/plan.html",
        family=member.family,
        version=version,
        body=load_body(version.body),
        changes=changes,
        unseen=unseen,
    )


@bp.route("/my-plan/versions")
@allow(Role.FAMILY)
def my_versions() -> str:
    """Every version the family has been shown."""
    _, plan, _ = _current()
    return render_template("plans/family/versions.html", versions=published_versions(plan))


@bp.route("/my-plan/versions/<version_id>")
@allow(Role.FAMILY)
def my_version(version_id: str) -> str:
    """One earlier (or the current) version, with what changed in it."""
    member, plan, latest = _current()
    version = version_of(plan, version_id, published_only=True)
    return render_template(
        "plans/family/version.html",
        family=member.family,
        version=version,
        body=load_body(version.body),
        changes=changes_in(version),
        is_current=latest is not None and latest.id == version.id,
    )


@bp.route("/my-plan/versions/<version_id>/pdf")
@allow(Role.FAMILY)
def my_version_pdf(version_id: str) -> Response:
    """Download a version as a PDF."""
    member, plan, _ = _current()
    version = version_of(plan, version_id, published_only=True)
    return plan_pdf_response(member.family, version)


@bp.route("/my-plan/views", methods=["GET", "POST"])
@allow(Role.FAMILY)
def my_views() -> str | Response:
    """Add your views, or say you don't agree; see what the practitioner answered."""
    _, plan, version = _current()
    form = CommentForm()
    if form.validate_on_submit():
        add_comment(
            current.family_account(),
            plan,
            version,
            form.kind.data,
            form.text.data or "",
            submission_key=_submission_key(form.submission_key.data),
        )
        flash(gettext("Thank you. Your lead practitioner will read what you said."))
        return redirect(url_for("plans.my_views"))
    if not _submission_key(form.submission_key.data):
        form.submission_key.data = secrets.token_hex(16)
    return render_template("plans/family/views.html", form=form, comments=comments_on(plan))


SUBMISSION_KEY = re.compile(r"[0-9a-f]{32}")


def _submission_key(sent: str | None) -> str | None:
    """The form's one-time key if it looks like one we wrote; anything else counts as none."""
    return sent if sent and SUBMISSION_KEY.fullmatch(sent) else None


@bp.route("/my-plan/who-has-looked")
@allow(Role.FAMILY)
def who_has_looked() -> str:
    """Which staff opened the plan, their role and team, and when."""
    _, plan, _ = _current()
    return render_template("plans/family/who_opened.html", openings=who_opened(plan))
