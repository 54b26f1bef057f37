"""Forms for the public pages: GET forms (no data is kept, so no CSRF token is needed)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSelect, GovTextInput
from wtforms import Form, RadioField, SelectField, StringField

# types-WTForms describes WTForms 3.2; SelectChoice and choices kept as SelectChoice came in 3.3.
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]
from wtforms.validators import AnyOf, InputRequired, Length, Optional, ValidationError

from portal.publishing.eligibility import ARRIVALS, KNOWN_STATUSES, ORDERS, TIME_IN_CARE
from portal.publishing.labels import NEED_LABELS


class WholeNumber:
    """A whole number between two limits, with one message for anything else."""

    def __init__(self, low: int, high: int, message: Any) -> None:
        self.low, self.high, self.message = low, high, message

    def __call__(self, form: Form, field: StringField) -> None:
        text = (field.data or "").strip()
        if not text.isdecimal() or not self.low <= int(text) <= self.high:
            raise ValidationError(str(self.message))


class InChoices:
    """The value is one of the field's choices (for choices set when the form is made)."""

    def __init__(self, message: Any) -> None:
        self.message = message

    def __call__(self, form: Form, field: SelectField) -> None:
        # WTForms 3.3 holds choices as SelectChoice (see the import); its stubs say tuples.
        if field.data not in {choice.value for choice in field.choices}:  # type: ignore[union-attr]
            raise ValidationError(str(self.message))


def as_int(value: str | None) -> int | None:
    """A validated whole-number field's value."""
    return int(value.strip()) if value and value.strip().isdecimal() else None


def select_choices(pairs: Any) -> list[SelectChoice]:
    """WTForms choices from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


def _radio(label: Any, choices: list[tuple[str, Any]], message: Any, hint: Any) -> RadioField:
    return RadioField(
        label,
        choices=select_choices(choices),
        description=hint,
        validate_choice=False,
        validators=[
            InputRequired(message=message),
            AnyOf([c for c, _ in choices], message=message),
        ],
        widget=GovRadioInput(),
    )


ARRIVAL_CHOICES = list(
    zip(
        ARRIVALS,
        [
            _l("The family arranged it between us"),
            _l("Children's services (the council) arranged it"),
            _l("A court decided"),
        ],
        strict=True,
    )
)
ORDER_CHOICES = list(
    zip(
        ORDERS,
        [
            _l("No, there is no order"),
            _l("A special guardianship order"),
            _l("A child arrangements order"),
            _l("I am approved as the child's foster carer"),
            _l("I am not sure"),
        ],
        strict=True,
    )
)


class KinshipCheckerForm(Form):
    """What support could a kinship carer get?"""

    arrival = _radio(
        _l("How did the child come to live with you?"),
        ARRIVAL_CHOICES,
        _l("Select how the child came to live with you"),
        _l("Choose the answer that fits best."),
    )
    order = _radio(
        _l("Is there a legal order?"),
        ORDER_CHOICES,
        _l("Select the legal order you have, or 'I am not sure'"),
        _l("It will be on the court papers or your fostering approval letter."),
    )
    child_age = StringField(
        _l("How old is the child?"),
        description=_l("In years. If you care for more than one child, answer for one of them."),
        validators=[
            InputRequired(message=_l("Enter the child's age")),
            WholeNumber(0, 25, _l("Enter the child's age as a whole number from 0 to 25")),
        ],
        widget=GovTextInput(),
    )


TIME_CHOICES = list(
    zip(
        TIME_IN_CARE,
        [
            _l("13 weeks or more, with some of it after I turned 16"),
            _l("Less than that"),
            _l("I am not sure"),
        ],
        strict=True,
    )
)
STILL_CHOICES = [("yes", _l("Yes")), ("no", _l("No"))]
STATUS_CHOICES = list(
    zip(
        KNOWN_STATUSES,
        [
            _l("Eligible"),
            _l("Relevant"),
            _l("Former relevant"),
            _l("Qualifying"),
            _l("I do not know"),
        ],
        strict=True,
    )
)


class CareLeaverCheckerForm(Form):
    """What is a care leaver entitled to?"""

    age = StringField(
        _l("How old are you?"),
        description=_l("In years."),
        validators=[
            InputRequired(message=_l("Enter your age")),
            WholeNumber(10, 30, _l("Enter your age as a whole number from 10 to 30")),
        ],
        widget=GovTextInput(),
    )
    time_in_care = _radio(
        _l("How long were you in care after your 14th birthday?"),
        TIME_CHOICES,
        _l("Select how long you were in care, or 'I am not sure'"),
        _l("Add up all the time, even if it was in more than one place."),
    )
    still_in_care = _radio(
        _l("Are you still in care?"),
        STILL_CHOICES,
        _l("Select yes if you are still in care"),
        _l("Answer no if you have moved on, even if you stay with your foster carers."),
    )
    status = _radio(
        _l("Do you know your leaving care status?"),
        STATUS_CHOICES,
        _l("Select your status, or 'I do not know'"),
        _l("Your personal adviser can tell you. If you are not sure, choose 'I do not know'."),
    )


class ServiceSearchForm(Form):
    """Find a service by words, need, age and area."""

    q = StringField(
        _l("Search for a service"),
        description=_l("For example, parenting, money or a service name."),
        validators=[
            Optional(),
            Length(max=100, message=_l("Search words must be 100 characters or fewer")),
        ],
        widget=GovTextInput(),
    )
    need = SelectField(
        _l("What do you need help with?"),
        default="",
        validate_choice=False,
        validators=[InChoices(_l("Select a need from the list"))],
        widget=GovSelect(),
    )
    age = StringField(
        _l("Age of the person who needs help"),
        description=_l("Leave blank to see services for all ages."),
        validators=[
            Optional(),
            WholeNumber(0, 120, _l("Enter an age as a whole number from 0 to 120")),
        ],
        widget=GovTextInput(),
    )
    area = SelectField(
        _l("Area"),
        default="",
        validate_choice=False,
        validators=[InChoices(_l("Select an area from the list"))],
        widget=GovSelect(),
    )

    def __init__(self, formdata: Any, localities: list[str]) -> None:
        super().__init__(formdata)
        self.need.choices = select_choices([("", _l("Any need")), *NEED_LABELS.items()])
        self.area.choices = select_choices([("", _l("Any area")), *((n, n) for n in localities)])


class SiteSearchForm(Form):
    """Search every page and service."""

    q = StringField(
        _l("Search this website"),
        validators=[
            InputRequired(message=_l("Enter words to search for")),
            Length(max=100, message=_l("Search words must be 100 characters or fewer")),
        ],
        widget=GovTextInput(),
    )
