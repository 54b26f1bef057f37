"""Officer forms for building surveys and making sense of answers."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovCheckboxInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    Field,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Optional

from portal.coproduction.definition import Audience, QuestionKind
from portal.coproduction.labels import AUDIENCE_LABELS, KIND_LABELS, STATUS_LABELS
from portal.coproduction.models import Answer, Theme
from portal.core.date_fields import DayMonthYearField
from portal.core.i18n import LANGUAGES
from portal.core.lengths import MaxLength
from portal.core.typed_forms import FlaskForm, GovDateInput


class DayMonthYearInput(GovDateInput):
    """GOV.UK date input whose Day, Month and Year labels are in the user's language."""

    def map_gov_params(self, field: Field, **kwargs: Any) -> dict[str, Any]:
        params = super().map_gov_params(field, **kwargs)
        words = {"Day": _l("Day"), "Month": _l("Month"), "Year": _l("Year")}
        for item in params.get("items", []):
            item["label"] = str(words.get(item["label"], item["label"]))
        return params


class OptionalDateField(DayMonthYearField):
    """A day, month and year typed in three boxes; all three blank means no date."""

    def __init__(self, label: object, **kwargs: Any) -> None:
        super().__init__(
            label, format="%d %m %Y", widget=DayMonthYearInput(), validators=[Optional()], **kwargs
        )

    def process_formdata(self, valuelist: list[str]) -> None:
        if not valuelist or not "".join(valuelist).strip():
            # The widget unpacks three raw values, or none at all.
            self.raw_data = None
            self.data = None
            return
        try:
            # DayMonthYearField turns a form posted with other than three boxes into this error.
            super().process_formdata([v.strip() for v in valuelist])
        except ValueError as error:
            raise ValueError(str(_l("Enter a real date, for example 27 3 2027"))) from error


class SurveyDetailsForm(FlaskForm):
    """Title, purpose, web address, audience, languages and dates of a survey."""

    title = StringField(
        _l("Survey title"),
        widget=GovTextInput(),
        validators=[InputRequired(_l("Enter a title")), MaxLength(120)],
    )
    purpose = TextAreaField(
        _l("What the survey is for"),
        description=_l("Respondents read this first. Say what you will do with their answers."),
        widget=GovTextArea(),
        validators=[InputRequired(_l("Enter what the survey is for")), MaxLength(600)],
    )
    slug = StringField(
        _l("Web address"),
        description=_l("Small letters, numbers and hyphens, for example youth-club-2027"),
        widget=GovTextInput(),
        validators=[InputRequired(_l("Enter a web address")), MaxLength(60)],
    )
    audience = RadioField(
        _l("Who is it for?"),
        choices=[(a.value, AUDIENCE_LABELS[a]) for a in Audience],
        widget=GovRadioInput(),
        validators=[InputRequired(_l("Select who the survey is for"))],
    )
    languages = SelectMultipleField(
        _l("Languages"),
        description=_l("English is always included. You add the translations after saving."),
        choices=[(code, lang.native_name) for code, lang in LANGUAGES.items() if code != "en"],
        widget=GovCheckboxesInput(),
        validators=[Optional()],
    )
    opens_on = OptionalDateField(
        _l("Open date"),
        description=_l("For example, 27 3 2027"),
    )
    closes_on = OptionalDateField(
        _l("Close date"),
        description=_l("For example, 30 4 2027"),
    )
    submit = SubmitField(_l("Save survey"), widget=GovSubmitInput())


class QuestionForm(FlaskForm):
    """A new question."""

    kind = RadioField(
        _l("Type of question"),
        choices=[(k.value, KIND_LABELS[k]) for k in QuestionKind],
        widget=GovRadioInput(),
        validators=[InputRequired(_l("Select the type of question"))],
    )
    text = StringField(
        _l("Question"),
        widget=GovTextInput(),
        validators=[InputRequired(_l("Enter the question")), MaxLength(300)],
    )
    hint = StringField(
        _l("Hint (optional)"), widget=GovTextInput(), validators=[Optional(), MaxLength(300)]
    )
    options = TextAreaField(
        _l("Answers to choose from"),
        description=_l("Only for choice questions. Put each answer on its own line."),
        widget=GovTextArea(),
        validators=[Optional(), MaxLength(2000)],
    )
    required = BooleanField(_l("People must answer this question"), widget=GovCheckboxInput())
    equality = BooleanField(
        _l("This is an equality question (it can always be skipped)"), widget=GovCheckboxInput()
    )
    submit = SubmitField(_l("Add question"), widget=GovSubmitInput())


class ActionForm(FlaskForm):
    """A button that changes something: only the CSRF token."""


class SafetyWordsForm(FlaskForm):
    """The editable safety word list."""

    words = TextAreaField(
        _l("Safety words and phrases"),
        description=_l(
            "One on each line. End a word with * to match any ending, for example abus*."
        ),
        widget=GovTextArea(),
        validators=[MaxLength(20000)],
    )
    submit = SubmitField(_l("Save the list"), widget=GovSubmitInput())


class ThemeForm(FlaskForm):
    """A new theme, or a new name for one."""

    name = StringField(
        _l("Theme name"),
        widget=GovTextInput(),
        validators=[InputRequired(_l("Enter a name for the theme")), MaxLength(80)],
    )
    submit = SubmitField(_l("Save theme"), widget=GovSubmitInput())


class MergeThemesForm(FlaskForm):
    """Merge one theme into another."""

    # Not `required`: a select always sends one of its choices, and SelectField checks it is one.
    source = SelectField(_l("Merge this theme"), widget=GovSelect())
    target = SelectField(_l("Into this theme"), widget=GovSelect())
    submit = SubmitField(_l("Merge themes"), widget=GovSubmitInput())


class YouSaidWeDidForm(FlaskForm):
    """A "you said, we did" entry."""

    theme = SelectField(_l("Theme (optional)"), widget=GovSelect(), validators=[Optional()])
    you_said = TextAreaField(
        _l("You said"),
        description=_l("What people told you, in words the survey's audience will understand."),
        widget=GovTextArea(),
        validators=[InputRequired(_l("Enter what people said")), MaxLength(1000)],
    )
    we_did = TextAreaField(
        _l("We did"),
        description=_l("What changed, or what will change."),
        widget=GovTextArea(),
        validators=[InputRequired(_l("Enter what you did")), MaxLength(1000)],
    )
    status = RadioField(
        _l("Status"),
        choices=list(STATUS_LABELS.items()),
        widget=GovRadioInput(),
        validators=[InputRequired(_l("Select the status"))],
    )
    happens_on = OptionalDateField(
        _l("Date it happened or will happen (optional)"),
    )
    submit = SubmitField(_l("Publish"), widget=GovSubmitInput())


class StatusForm(FlaskForm):
    """A new status for a published entry."""

    status = RadioField(
        _l("New status"),
        choices=list(STATUS_LABELS.items()),
        widget=GovRadioInput(),
        validators=[InputRequired(_l("Select the status"))],
    )
    submit = SubmitField(_l("Update status"), widget=GovSubmitInput())


class PageFeedbackForm(FlaskForm):
    """Is this page useful? Stored with no personal data."""

    feedback_page = StringField(validators=[InputRequired(), MaxLength(300)])
    feedback_useful = StringField(validators=[Optional()])
    feedback_missing = TextAreaField(
        _l("What was missing or wrong?"),
        description=_l("Do not write your name or anything that could identify you."),
        widget=GovTextArea(),
        validators=[Optional(), MaxLength(1000)],
    )


def tag_form(text_answers: list[Answer], themes: list[Theme], *, is_post: bool) -> FlaskForm:
    """Theme checkboxes and a new-theme box for each written answer, ticked as saved."""
    choices = [(t.public_id, t.name) for t in themes]
    attributes: dict[str, object] = {}
    for answer in text_answers:
        attributes[f"themes_{answer.public_id}"] = SelectMultipleField(
            gettext("Themes"),
            choices=choices,
            widget=GovCheckboxesInput(),
            validate_choice=False,
        )
        attributes[f"new_{answer.public_id}"] = StringField(
            gettext("New theme (optional)"),
            widget=GovTextInput(),
            validators=[Optional(), MaxLength(80)],
        )
    attributes["submit"] = SubmitField(gettext("Save themes"), widget=GovSubmitInput())
    saved = {f"themes_{a.public_id}": [t.public_id for t in a.themes] for a in text_answers}
    form: FlaskForm = type("AnswerThemesForm", (FlaskForm,), attributes)(
        data=None if is_post else saved
    )
    return form


def translation_form(fields: list[tuple[str, str]], **kwargs: object) -> FlaskForm:
    """One box per piece of English text, labelled with the English."""
    attributes: dict[str, object] = {
        name.replace("-", "_"): TextAreaField(english, widget=GovTextArea())
        for name, english in fields
    }
    attributes["submit"] = SubmitField(gettext("Save translation"), widget=GovSubmitInput())
    form: FlaskForm = type("SurveyTranslationForm", (FlaskForm,), attributes)(**kwargs)
    return form
