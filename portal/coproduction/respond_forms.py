"""Forms built from survey questions: one question per page, or every question for paper."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxesInput,
    GovRadioInput,
    GovTextInput,
)
from wtforms import Field, RadioField, SelectMultipleField, StringField, TextAreaField

from portal.coproduction.definition import (
    Face,
    Question,
    QuestionKind,
    clean_answer,
    localised,
)
from portal.coproduction.labels import FACE_LABELS, SCALE_LABELS, problem_message
from portal.core.typed_forms import FlaskForm


def value_labels(question: Question, locale: str) -> dict[str, str]:
    """Words for each stored value of a closed question, in the respondent's language."""
    if question.kind in {QuestionKind.CHOICE, QuestionKind.SEVERAL_CHOICES}:
        return {o.key: localised(o.labels, locale) for o in question.options}
    if question.kind is QuestionKind.SCALE:
        return {value: str(label) for value, label in SCALE_LABELS.items()}
    if question.kind is QuestionKind.FACES:
        return {face.value: str(FACE_LABELS[face]) for face in Face}
    return {}


def answer_field(question: Question, locale: str, *, optional_text: str) -> Field:
    """The WTForms field for a question; choices are checked by clean_answer, not WTForms."""
    label = localised(question.text, locale)
    if not question.required:
        label = f"{label} {optional_text}"
    hint = localised(question.hint, locale) if question.hint else ""
    choices = list(value_labels(question, locale).items())
    if question.kind is QuestionKind.SEVERAL_CHOICES:
        return SelectMultipleField(
            label,
            description=hint,
            choices=choices,
            widget=GovCheckboxesInput(),
            validate_choice=False,
        )
    if question.kind in {QuestionKind.CHOICE, QuestionKind.SCALE, QuestionKind.FACES}:
        return RadioField(
            label,
            description=hint,
            choices=choices,
            widget=GovRadioInput(),
            validate_choice=False,
        )
    if question.kind is QuestionKind.LONG_TEXT:
        return TextAreaField(label, description=hint, widget=GovCharacterCount())
    return StringField(label, description=hint, widget=GovTextInput())


class AnswerForm(FlaskForm):
    """One question, one field named "answer"."""

    question: Question

    def answer_values(self) -> list[str]:
        """What the respondent gave, as a list of strings."""
        data = self.answer.data
        if data is None:
            return []
        return [str(v) for v in data] if isinstance(data, list) else [str(data)]

    def check(self) -> list[str] | None:
        """Validate CSRF and the answer; the values to store, or None with errors set."""
        if not self.validate():
            return None
        values, problem = clean_answer(self.question, self.answer_values())
        if problem:
            self.answer.errors = [problem_message(problem)]
            return None
        return values


def answer_form(question: Question, locale: str, **kwargs: Any) -> AnswerForm:
    """The form for answering one question."""
    field = answer_field(question, locale, optional_text=gettext("(optional)"))
    form_class = type("QuestionAnswerForm", (AnswerForm,), {"answer": field, "question": question})
    form: AnswerForm = form_class(**kwargs)
    return form


class PaperForm(FlaskForm):
    """Every question of a survey on one page, for keying in a paper response."""

    questions: tuple[Question, ...]

    def check(self) -> dict[str, list[str]] | None:
        """The cleaned answers by question key, or None with errors set on fields."""
        if not self.validate():
            return None
        cleaned: dict[str, list[str]] = {}
        ok = True
        for question in self.questions:
            field = self[f"q_{question.key}"]
            data = field.data
            raw = (
                []
                if data is None
                else ([str(v) for v in data] if isinstance(data, list) else [str(data)])
            )
            values, problem = clean_answer(question, raw)
            if problem:
                field.errors = [problem_message(problem)]
                ok = False
            cleaned[question.key] = values
        return cleaned if ok else None


def paper_form(questions: tuple[Question, ...], locale: str, **kwargs: Any) -> PaperForm:
    """The form for keying in a paper response."""
    fields = {
        f"q_{q.key}": answer_field(q, locale, optional_text=gettext("(optional)"))
        for q in questions
    }
    form_class = type("SurveyPaperForm", (PaperForm,), {**fields, "questions": questions})
    form: PaperForm = form_class(**kwargs)
    return form
