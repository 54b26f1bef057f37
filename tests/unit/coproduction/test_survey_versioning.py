from dataclasses import replace
from datetime import date

from portal.coproduction.definition import Option
from portal.coproduction.versioning import ChangeOutcome, change_outcome, content_fingerprint


def test_unchanged_survey_is_no_change(make_survey):
    assert (
        change_outcome(make_survey(), make_survey(), response_count=12) is ChangeOutcome.NO_CHANGE
    )


def test_new_wording_with_responses_makes_a_new_version(make_survey, with_question):
    edited = with_question(make_survey(), 0, text={"en": "Best day?", "pl": "Najlepszy dzień?"})
    assert change_outcome(make_survey(), edited, response_count=1) is ChangeOutcome.NEW_VERSION


def test_new_wording_without_responses_is_edited_in_place(make_survey, with_question):
    edited = with_question(make_survey(), 0, text={"en": "Best day?", "pl": "Najlepszy dzień?"})
    assert change_outcome(make_survey(), edited, response_count=0) is ChangeOutcome.EDIT_IN_PLACE


def test_a_new_option_with_responses_makes_a_new_version(make_survey, with_question):
    survey = make_survey()
    options = (*survey.questions[0].options, Option("sat", {"en": "Saturday", "pl": "Sobota"}))
    edited = with_question(survey, 0, options=options)
    assert change_outcome(survey, edited, response_count=3) is ChangeOutcome.NEW_VERSION


def test_moving_the_close_date_never_needs_a_new_version(make_survey):
    edited = make_survey(closes_on=date(2027, 3, 31))
    assert change_outcome(make_survey(), edited, response_count=40) is ChangeOutcome.EDIT_IN_PLACE


def test_fingerprint_ignores_slug_and_dates_but_not_questions(make_survey):
    survey = make_survey()
    assert content_fingerprint(survey) == content_fingerprint(
        replace(survey, slug="other", opens_on=None)
    )
    assert content_fingerprint(survey) != content_fingerprint(
        replace(survey, questions=survey.questions[:-1])
    )
