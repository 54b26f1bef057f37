"""Officers add a survey's words in each of its languages."""

from __future__ import annotations

from flask import abort, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response as WerkzeugResponse

from portal.coproduction.forms import translation_form
from portal.coproduction.translations import (
    current_translations,
    save_survey_translation,
    translation_fields,
)
from portal.coproduction.views.blueprint import HOME, LANGUAGE_NAMES, bp, survey_or_404
from portal.core.access import Role, allow


@bp.route(f"{HOME}/<survey_id>/translations/<language>", methods=["GET", "POST"])
@allow(Role.PARTICIPATION)
def officer_translations(survey_id: str, language: str) -> WerkzeugResponse | str:
    """The survey's words in one of its other languages."""
    survey = survey_or_404(survey_id)
    lang = language
    if lang == "en" or lang not in survey.languages:
        abort(404)
    fields = translation_fields(survey)
    saved = current_translations(survey, lang)
    form = translation_form(fields, data={n.replace("-", "_"): saved.get(n, "") for n, _ in fields})
    if form.validate_on_submit():
        words = {name: form[name.replace("-", "_")].data or "" for name, _ in fields}
        save_survey_translation(current_user, survey, lang, words)
        return redirect(url_for("coproduction.officer_survey", survey_id=survey.public_id))
    return render_template(
        "coproduction/officer/translations.html",
        survey=survey,
        form=form,
        field_names=[name.replace("-", "_") for name, _ in fields],
        lang=lang,
        language_name=LANGUAGE_NAMES[lang],
    )
