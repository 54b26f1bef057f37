"""Forms: one factory builds the form for any conversation step; the engine does the checking."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from flask_babel import gettext, lazy_gettext
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovDateInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from werkzeug.datastructures import MultiDict
from wtforms import (
    Field,
    RadioField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)

from portal.referrals.engine import Problem, Step
from portal.referrals.engine.model import PersonField
from portal.referrals.models import Decision

ANSWER = "answer"
Translate = Callable[[str], str]


class ReferralForm(FlaskForm):
    """CSRFProtect checks every POST app-wide; templates add the token with csrf_field()."""

    class Meta:
        csrf = False


class TranslatedDateInput(GovDateInput):
    """GOV.UK date input with Day, Month and Year in the page's language."""

    def map_gov_params(self, field: Field, **kwargs: Any) -> dict[str, Any]:
        params: dict[str, Any] = super().map_gov_params(field, **kwargs)
        names = {"Day": gettext("Day"), "Month": gettext("Month"), "Year": gettext("Year")}
        for item in params["items"]:
            item["label"] = names.get(item["label"], item["label"])
        return params


class DatePartsField(Field):
    """Three boxes sharing one name; the engine reads and checks the parts."""

    widget = TranslatedDateInput()

    def process_formdata(self, valuelist: list[str]) -> None:
        parts = [*list(valuelist), "", "", ""][:3]
        self.raw_data = parts
        self.data = None

    def process_data(self, value: Any) -> None:
        self.data = value
        if isinstance(value, str) and value:
            try:
                day = date.fromisoformat(value)
            except ValueError:
                return
            self.raw_data = [str(day.day), str(day.month), str(day.year)]

    def _value(self) -> str:
        return ""


def _choices(step: Step, translate: Translate) -> list[tuple[str, str]]:
    return [(o.value, translate(o.label)) for o in step.options]


def build_form(step: Step, label: str, hint: str, translate: Translate) -> type[ReferralForm]:
    """The form class for one step: its answer field (if it asks) and a continue button."""

    class StepForm(ReferralForm):
        submit = SubmitField(lazy_gettext("Continue"), widget=GovSubmitInput())

    description = hint or ""
    if step.type == "choice":
        field: Field = RadioField(
            label,
            choices=_choices(step, translate),
            validate_choice=False,
            description=description,
            widget=GovRadioInput(),
        )
    elif step.type == "multi-choice":
        field = SelectMultipleField(
            label,
            choices=_choices(step, translate),
            validate_choice=False,
            description=description,
            widget=GovCheckboxesInput(),
        )
    elif step.type == "text":
        field = StringField(label, description=description, widget=GovTextInput())
    elif step.type == "long-text":
        field = TextAreaField(label, description=description, widget=GovTextArea())
    elif step.type == "date":
        field = DatePartsField(label, description=description)
    else:
        return StepForm  # interrupt, stop and person-list pages carry no single answer
    StepForm.answer = field
    return StepForm


def build_person_form(step: Step, translate: Translate) -> type[ReferralForm]:
    """The form for adding or changing one person in a person list."""

    class PersonForm(ReferralForm):
        submit = SubmitField(lazy_gettext("Add"), widget=GovSubmitInput())

    for person_field in step.fields:
        setattr(PersonForm, person_field.id, _person_field(person_field, translate))
    return PersonForm


def _person_field(person_field: PersonField, translate: Translate) -> Field:
    label = translate(person_field.label)
    if not person_field.required:
        label = gettext("%(label)s (optional)", label=label)
    hint = translate(person_field.hint) if person_field.hint else ""
    if person_field.type == "date":
        return DatePartsField(label, description=hint)
    return StringField(label, description=hint, widget=GovTextInput())


def engine_input(step: Step, formdata: MultiDict) -> dict[str, Any]:
    """What the engine reads from a posted step form."""
    raw: dict[str, Any] = {}
    if step.type == "multi-choice":
        raw[ANSWER] = formdata.getlist(ANSWER)
    elif step.type == "date":
        raw.update(_date_parts(ANSWER, formdata))
    else:
        raw[ANSWER] = formdata.get(ANSWER, "")
    return raw


def person_input(step: Step, formdata: MultiDict) -> dict[str, Any]:
    """What the engine reads from a posted person form."""
    raw: dict[str, Any] = {}
    for person_field in step.fields:
        if person_field.type == "date":
            raw.update(_date_parts(person_field.id, formdata))
        else:
            raw[person_field.id] = formdata.get(person_field.id, "")
    return raw


def _date_parts(name: str, formdata: MultiDict) -> dict[str, str]:
    parts = [*formdata.getlist(name), "", "", ""][:3]
    return dict(zip((f"{name}-day", f"{name}-month", f"{name}-year"), parts, strict=True))


def show_problems(form: FlaskForm, problems: Mapping[str, Problem], text: Callable) -> None:
    """Put the engine's problems on the form's fields, in the page's language."""
    for key, problem in problems.items():
        field = getattr(form, key, None) or getattr(form, ANSWER, None)
        message = text(problem)
        if field is None:
            form.form_errors.append(message)
        else:
            field.errors = [*list(field.errors or []), message]


def stored_formdata(step: Step, value: Any) -> dict[str, Any]:
    """Form data that shows a stored answer again (for change links)."""
    if value is None or step.type in {"interrupt", "stop", "person-list"}:
        return {}
    return {ANSWER: value}


class PlainForm(ReferralForm):
    """A form with only a CSRF token and a button (finish a list, remove, submit, sign-posted)."""

    submit = SubmitField(lazy_gettext("Continue"), widget=GovSubmitInput())


class MessageForm(ReferralForm):
    body = TextAreaField(lazy_gettext("Your message"), widget=GovTextArea())
    submit = SubmitField(lazy_gettext("Send message"), widget=GovSubmitInput())


DECISION_LABELS = {
    Decision.ADVICE: lazy_gettext("Advice and signposting"),
    Decision.FAMILY_HELP: lazy_gettext("Family Help"),
    Decision.STRATEGY_DISCUSSION: lazy_gettext("Strategy discussion"),
    Decision.NO_FURTHER_ACTION: lazy_gettext("No further action"),
}


class DecisionForm(ReferralForm):
    decision = RadioField(
        lazy_gettext("What have you decided?"),
        choices=list(DECISION_LABELS.items()),
        validate_choice=False,
        widget=GovRadioInput(),
    )
    reasons = TextAreaField(
        lazy_gettext("Why?"),
        description=lazy_gettext("Kept on the record. Say which answers led to your decision."),
        widget=GovTextArea(),
    )
    note = TextAreaField(
        lazy_gettext("What should we tell the referrer? (optional)"),
        description=lazy_gettext(
            "Shown to the referrer only if the family agreed to the referral."
        ),
        widget=GovTextArea(),
    )
    submit = SubmitField(lazy_gettext("Record decision"), widget=GovSubmitInput())
