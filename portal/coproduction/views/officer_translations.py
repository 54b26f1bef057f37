"""Officers add a survey's words in each of its languages."""

from __future__ import annotations

from flask import abort, redirect, render_template, url_for
from flask_babel import gettext
from flask_login import current_user
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextArea
from werkzeug.wrappers import Response as WerkzeugResponse
from wtforms import SubmitField, TextAreaField

from portal.coproduction.translations import (
    current_translations,
    save_survey_translation,
    translation_fields,
)
from portal.coproduction.typed_forms import FlaskForm
from portal.coproduction.views.blueprint import HOME, LANGUAGE_NAMES, bp, survey_or_404
from portal.core.access import Role, allow


def translation_form(fields: list[tuple[str, str]], **kwargs: object) -> FlaskForm:
    """One box per piece of English text, labelled with the English."""
    attributes: dict[str, object] = {
        name.replace("-", "_"): TextAreaField(english, widget=GovTextArea())
        for name, english in fields
    }
    attributes["submit"] = SubmitField(gettext("Save translation"), widget=GovSubmitInput())
    form: FlaskForm = type("SurveyTranslationForm", (FlaskForm,), attributes)(**kwargs)
    return form


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
