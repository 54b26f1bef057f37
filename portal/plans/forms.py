"""Forms for the plan editor and the family pages (govuk-frontend-wtf widgets)."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovDateInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import DateField, HiddenField, RadioField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, InputRequired, Optional, Regexp

from portal.core.date_fields import DayMonthYearField
from portal.core.i18n import LANGUAGES
from portal.core.lengths import MaxLength, MaxLineLength
from portal.plans.body import MAX_SHORT, MAX_TEXT


class TranslatedDateInput(GovDateInput):
    """The GOV.UK date input with Day, Month and Year in the reader's language."""

    def map_gov_params(self, field: Any, **kwargs: Any) -> dict[str, Any]:
        params: dict[str, Any] = super().map_gov_params(field, **kwargs)
        words = [gettext("Day"), gettext("Month"), gettext("Year")]
        for item, word in zip(params["items"], words, strict=False):
            item["label"] = word
        return params


def _date(label: Any, hint: Any = None, *, required: bool = False) -> DateField:
    check = InputRequired(message=_l("Enter a date")) if required else Optional()
    return DayMonthYearField(
        label,
        description=hint or _l("For example, 27 3 2027"),
        format="%d %m %Y",
        widget=TranslatedDateInput(),
        validators=[check],
    )


class FamilyForm(FlaskForm):
    """A new family."""

    name = StringField(
        _l("Family name"),
        description=_l("How the family will be named on your list, for example the Okafor family"),
        widget=GovTextInput(),
        validators=[DataRequired(message=_l("Enter a family name")), MaxLength(MAX_SHORT)],
    )
    children = StringField(
        _l("Children's names"),
        description=_l(
            "Put each child on a new line. Add their date of birth after a comma if you know it, "
            "like: Amira Haddad, 27/3/2017"
        ),
        widget=GovTextArea(),
        validators=[
            DataRequired(message=_l("Enter at least one child's name")),
            MaxLength(2000),
            MaxLineLength(MAX_SHORT),
        ],
    )
    adults = StringField(
        _l("Parents and carers"),
        description=_l("Put each name on a new line"),
        widget=GovTextArea(),
        validators=[Optional(), MaxLength(2000), MaxLineLength(MAX_SHORT)],
    )
    preferred_language = SelectField(
        _l("The family's preferred language"),
        choices=[("", _l("Choose a language"))]
        + [(code, lang.native_name) for code, lang in LANGUAGES.items()],
        widget=GovSelect(),
        validators=[DataRequired(message=_l("Select the family's preferred language"))],
    )
    interpreter_needed = RadioField(
        _l("Does the family need an interpreter?"),
        choices=[("no", _l("No")), ("yes", _l("Yes"))],
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Select yes if the family needs an interpreter"))],
    )
    submit = SubmitField(_l("Create family"), widget=GovSubmitInput())


class InviteForm(FlaskForm):
    """Invite a family member by email or mobile."""

    display_name = StringField(
        _l("Their name"),
        widget=GovTextInput(),
        validators=[DataRequired(message=_l("Enter their name")), MaxLength(MAX_SHORT)],
    )
    contact = StringField(
        _l("Email address or mobile number"),
        description=_l("We will send the invitation here"),
        widget=GovTextInput(),
        validators=[
            DataRequired(message=_l("Enter an email address or a mobile number")),
            Regexp(
                r"^([^@\s]+@[^@\s]+\.[^@\s]+|[+0-9 ]{10,16})$",
                message=_l(
                    "Enter an email address like name@example.com or a mobile number "
                    "like 07700 900123"
                ),
            ),
        ],
    )
    submit = SubmitField(_l("Send invitation"), widget=GovSubmitInput())


class TextSectionForm(FlaskForm):
    """One text part of the plan."""

    text = StringField(
        _l("Text"), widget=GovTextArea(), validators=[Optional(), MaxLength(MAX_TEXT)]
    )
    submit = SubmitField(_l("Save"), widget=GovSubmitInput())


class LevelForm(FlaskForm):
    """Family Help or child protection."""

    level = RadioField(
        _l("Level of help"),
        choices=[
            ("family-help", _l("Family Help")),
            ("child-protection", _l("Child protection")),
        ],
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Choose the level of help"))],
    )
    # Choices are the council's lead child protection practitioners, set by the view.
    lcpp = SelectField(
        _l("Lead child protection practitioner"),
        description=_l("Only for a child protection plan"),
        choices=[],
        widget=GovSelect(),
    )
    submit = SubmitField(_l("Save"), widget=GovSubmitInput())


class MeetingForm(FlaskForm):
    """The next review or meeting."""

    next_meeting = _date(_l("Date of the next meeting"))
    next_meeting_what = StringField(
        _l("What the meeting is"),
        description=_l("For example, review meeting at the family hub"),
        widget=GovTextInput(),
        validators=[Optional(), MaxLength(MAX_SHORT)],
    )
    submit = SubmitField(_l("Save"), widget=GovSubmitInput())


class GoalForm(FlaskForm):
    """A goal."""

    text = StringField(
        _l("Goal"),
        description=_l("Write it the way the family would say it"),
        widget=GovTextArea(),
        validators=[DataRequired(message=_l("Enter the goal")), MaxLength(MAX_TEXT)],
    )
    submit = SubmitField(_l("Save goal"), widget=GovSubmitInput())


ACTION_STATUSES = [
    ("not-started", _l("Not started")),
    ("in-progress", _l("Started")),
    ("done", _l("Done")),
    ("stopped", _l("Stopped")),
]


class ActionForm(FlaskForm):
    """Who will do what, by when."""

    who = StringField(
        _l("Who will do it"),
        widget=GovTextInput(),
        validators=[DataRequired(message=_l("Enter who will do it")), MaxLength(MAX_SHORT)],
    )
    what = StringField(
        _l("What they will do"),
        widget=GovTextArea(),
        validators=[
            DataRequired(message=_l("Enter what they will do")),
            MaxLength(MAX_TEXT),
        ],
    )
    by_when = _date(_l("Done by"))
    status = RadioField(
        _l("Where it has got to"),
        choices=ACTION_STATUSES,
        default="not-started",
        widget=GovRadioInput(),
    )
    submit = SubmitField(_l("Save"), widget=GovSubmitInput())


class PersonForm(FlaskForm):
    """Someone in the team around the family."""

    name = StringField(
        _l("Name"),
        widget=GovTextInput(),
        validators=[DataRequired(message=_l("Enter their name")), MaxLength(MAX_SHORT)],
    )
    role = StringField(
        _l("Job or role"),
        description=_l("For example, school nurse"),
        widget=GovTextInput(),
        validators=[DataRequired(message=_l("Enter their job or role")), MaxLength(MAX_SHORT)],
    )
    contact = StringField(
        _l("Phone number or email address"),
        widget=GovTextInput(),
        validators=[Optional(), MaxLength(MAX_SHORT)],
    )
    submit = SubmitField(_l("Add person"), widget=GovSubmitInput())


class PublishForm(FlaskForm):
    """Publish a draft with a short note."""

    note = StringField(
        _l("What changed"),
        description=_l("A short note for the family, in plain words"),
        widget=GovTextArea(),
        validators=[
            DataRequired(message=_l("Enter a short note saying what changed")),
            MaxLength(1000),
        ],
    )
    submit = SubmitField(_l("Publish this version"), widget=GovSubmitInput())


class ConfirmForm(FlaskForm):
    """A button that needs nothing but a CSRF token."""

    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())


class ReplyForm(FlaskForm):
    """The practitioner answers a family comment."""

    reply = StringField(
        _l("Your answer"),
        widget=GovTextArea(),
        validators=[DataRequired(message=_l("Enter your answer")), MaxLength(MAX_TEXT)],
    )
    submit = SubmitField(_l("Send answer"), widget=GovSubmitInput())


class CommentForm(FlaskForm):
    """A family member's views."""

    kind = RadioField(
        _l("What do you want to do?"),
        choices=[("view", _l("Add my views")), ("disagree", _l("Say I don't agree"))],
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Choose what you want to do"))],
    )
    text = StringField(
        _l("What you want to say"),
        widget=GovTextArea(),
        validators=[DataRequired(message=_l("Write what you want to say")), MaxLength(MAX_TEXT)],
    )
    # A one-time key written into the page: the same form sent twice stores one comment.
    submission_key = HiddenField()
    submit = SubmitField(_l("Send"), widget=GovSubmitInput())
