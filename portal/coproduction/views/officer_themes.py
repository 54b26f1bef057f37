"""Officers manage themes and publish "you said, we did" entries."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext
from flask_login import current_user
from werkzeug.wrappers import Response as WerkzeugResponse

from portal.coproduction.forms import MergeThemesForm, StatusForm, ThemeForm, YouSaidWeDidForm
from portal.coproduction.labels import STATUS_LABELS, problem_message
from portal.coproduction.models import EntryStatus, Theme
from portal.coproduction.sensemaking import (
    EntryDraft,
    add_theme,
    change_entry_status,
    current_entries,
    find_entry,
    find_theme,
    merge_themes,
    publish_you_said_we_did,
    rename_theme,
    theme_counts,
    themes_of,
)
from portal.coproduction.views.blueprint import HOME, bp, survey_or_404
from portal.core.access import Role, allow


def _merge_form(themes: list[Theme], **kwargs: object) -> MergeThemesForm:
    form = MergeThemesForm(**kwargs)
    choices = [(t.public_id, t.name) for t in themes]
    form.source.choices = choices
    form.target.choices = choices
    return form


@bp.route(f"{HOME}/<survey_id>/themes", methods=["GET", "POST"])
@allow(Role.PARTICIPATION)
def officer_themes(survey_id: str) -> WerkzeugResponse | str:
    """Themes with their counts; create a theme."""
    survey = survey_or_404(survey_id)
    form = ThemeForm()
    if form.validate_on_submit():
        theme, problem = add_theme(current_user, survey, form.name.data or "")
        if theme is not None:
            return redirect(url_for("coproduction.officer_themes", survey_id=survey.public_id))
        form.name.errors = [problem_message(problem or "")]
    themes = themes_of(survey)
    return render_template(
        "coproduction/officer/themes.html",
        survey=survey,
        form=form,
        themes=themes,
        counts=dict(theme_counts(survey)),
        rename_forms={t.public_id: ThemeForm(formdata=None, data={"name": t.name}) for t in themes},
        merge_form=_merge_form(themes, formdata=None),
    )


@bp.route(f"{HOME}/<survey_id>/themes/<theme_id>/rename", methods=["POST"])
@allow(Role.PARTICIPATION)
def officer_rename_theme(survey_id: str, theme_id: str) -> WerkzeugResponse | str:
    """Give a theme a new name."""
    survey = survey_or_404(survey_id)
    theme = find_theme(survey, theme_id)
    if theme is None:
        abort(404)
    form = ThemeForm()
    if form.validate_on_submit():
        problem = rename_theme(current_user, survey, theme, form.name.data or "")
        if problem is not None:
            flash(problem_message(problem), "error")
    return redirect(url_for("coproduction.officer_themes", survey_id=survey.public_id))


@bp.route(f"{HOME}/<survey_id>/themes/merge", methods=["POST"])
@allow(Role.PARTICIPATION)
def officer_merge_themes(survey_id: str) -> WerkzeugResponse:
    """Merge one theme into another: its answers move, then it goes."""
    survey = survey_or_404(survey_id)
    themes = themes_of(survey)
    form = _merge_form(themes)
    if form.validate_on_submit():
        source = find_theme(survey, form.source.data)
        target = find_theme(survey, form.target.data)
        if source is None or target is None:
            abort(404)
        if not merge_themes(current_user, survey, source, target):
            flash(gettext("Choose two different themes to merge"), "error")
    return redirect(url_for("coproduction.officer_themes", survey_id=survey.public_id))


def _entry_form(survey_themes: list[Theme], **kwargs: object) -> YouSaidWeDidForm:
    form = YouSaidWeDidForm(**kwargs)
    form.theme.choices = [("", gettext("No theme"))] + [(t.name, t.name) for t in survey_themes]
    return form


@bp.route(f"{HOME}/<survey_id>/you-said-we-did", methods=["GET", "POST"])
@allow(Role.PARTICIPATION)
def officer_you_said_we_did(survey_id: str) -> WerkzeugResponse | str:
    """Publish what changed because of what people said."""
    survey = survey_or_404(survey_id)
    themes = themes_of(survey)
    form = _entry_form(themes)
    if form.validate_on_submit():
        draft = EntryDraft(
            theme_name=form.theme.data or None,
            you_said=form.you_said.data or "",
            we_did=form.we_did.data or "",
            status=EntryStatus(form.status.data),
            happens_on=form.happens_on.data,
        )
        publish_you_said_we_did(current_user, survey, draft)
        return redirect(url_for("coproduction.officer_you_said_we_did", survey_id=survey.public_id))
    entries = current_entries(survey)
    return render_template(
        "coproduction/officer/you_said_we_did.html",
        survey=survey,
        form=form,
        entries=entries,
        status_labels=STATUS_LABELS,
        status_forms={
            e.public_id: StatusForm(formdata=None, data={"status": e.status}) for e in entries
        },
    )


@bp.route(f"{HOME}/<survey_id>/you-said-we-did/<entry_id>/status", methods=["POST"])
@allow(Role.PARTICIPATION)
def officer_entry_status(survey_id: str, entry_id: str) -> WerkzeugResponse:
    """A new status for an entry: published as a new entry that replaces the old one."""
    survey = survey_or_404(survey_id)
    entry = find_entry(survey, entry_id)
    if entry is None:
        abort(404)
    form = StatusForm()
    if form.validate_on_submit():
        change_entry_status(current_user, survey, entry, EntryStatus(form.status.data))
    return redirect(url_for("coproduction.officer_you_said_we_did", survey_id=survey.public_id))
