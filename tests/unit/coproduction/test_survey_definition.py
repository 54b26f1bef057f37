from datetime import date

import pytest

from portal.coproduction.definition import (
    Audience,
    Face,
    Option,
    Question,
    QuestionKind,
    SurveyState,
    clean_answer,
    localised,
    survey_state,
    validate_survey,
)


def codes(problems):
    return {(problem.path, problem.code) for problem in problems}


def test_a_complete_survey_has_no_problems(make_survey):
    assert validate_survey(make_survey(), for_opening=True) == []


def test_every_audience_in_the_brief_exists():
    assert {a.value for a in Audience} == {
        "children-under-11",
        "young-people",
        "parents",
        "kinship-carers",
        "care-leavers",
        "practitioners",
    }


def test_face_scale_has_five_faces(make_survey):
    assert len(list(Face)) == 5
    question = make_survey().questions[1]
    assert question.fixed_values() == ("very-sad", "sad", "okay", "happy", "very-happy")


@pytest.mark.parametrize(
    "slug", ["Youth Club", "youth_club", "-youth", "youth--club", "", "a" * 61]
)
def test_bad_slugs_are_refused(slug, make_survey):
    assert ("slug", "slug-invalid") in codes(validate_survey(make_survey(slug=slug)))


def test_english_is_always_needed(make_survey):
    survey = make_survey(languages=("pl",))
    assert ("languages", "english-required") in codes(validate_survey(survey))


def test_unknown_language_is_refused(make_survey):
    survey = make_survey(languages=("en", "fr"))
    assert ("languages", "language-unsupported") in codes(validate_survey(survey))


def test_every_language_needs_every_text(make_survey, with_question):
    survey = with_question(make_survey(), 0, text={"en": "Which day is best?"})
    assert ("questions.0.text.pl", "text-missing") in codes(validate_survey(survey))


def test_translated_option_labels_are_checked(make_survey, with_question):
    survey = with_question(
        make_survey(),
        0,
        options=(
            Option("mon", {"en": "Monday", "pl": "  "}),
            Option("fri", {"en": "F", "pl": "P"}),
        ),
    )
    assert ("questions.0.options.0.pl", "text-missing") in codes(validate_survey(survey))


def test_close_date_must_follow_open_date(make_survey):
    survey = make_survey(opens_on=date(2027, 3, 1), closes_on=date(2027, 3, 1))
    assert ("closes_on", "closes-before-opens") in codes(validate_survey(survey))


def test_opening_needs_questions_and_a_close_date(make_survey):
    survey = make_survey(questions=(), closes_on=None)
    problems = codes(validate_survey(survey, for_opening=True))
    assert ("questions", "no-questions") in problems
    assert ("closes_on", "close-date-missing") in problems
    assert validate_survey(survey) == []


def test_choice_needs_two_options(make_survey, with_question):
    survey = with_question(make_survey(), 0, options=(Option("mon", {"en": "M", "pl": "P"}),))
    assert ("questions.0.options", "options-count") in codes(validate_survey(survey))


def test_text_question_cannot_have_options(make_survey, with_question):
    survey = with_question(make_survey(), 3, options=(Option("x", {"en": "X", "pl": "X"}),))
    assert ("questions.3.options", "options-not-allowed") in codes(validate_survey(survey))


def test_equality_questions_can_always_be_skipped(make_survey, with_question):
    survey = with_question(make_survey(), 5, required=True)
    assert ("questions.5.required", "equality-must-be-optional") in codes(validate_survey(survey))


def test_equality_questions_are_closed_questions(make_survey, with_question):
    survey = with_question(make_survey(), 5, kind=QuestionKind.SHORT_TEXT, options=())
    assert ("questions.5.kind", "equality-must-be-choice") in codes(validate_survey(survey))


def test_question_keys_are_unique(make_survey, with_question):
    survey = with_question(make_survey(), 1, key="day")
    assert ("questions.1.key", "duplicate-question-key") in codes(validate_survey(survey))


@pytest.mark.parametrize(
    ("today", "opened", "state"),
    [
        (date(2027, 1, 10), False, SurveyState.DRAFT),
        (date(2027, 1, 1), True, SurveyState.SCHEDULED),
        (date(2027, 1, 4), True, SurveyState.OPEN),
        (date(2027, 2, 28), True, SurveyState.OPEN),
        (date(2027, 3, 1), True, SurveyState.CLOSED),
    ],
)
def test_survey_state_follows_the_dates(today, opened, state, make_survey):
    assert survey_state(make_survey(), today, opened=opened) is state


def test_survey_states_keep_the_words_templates_compare_with():
    assert [state.value for state in SurveyState] == ["draft", "scheduled", "open", "closed"]


def test_skipping_an_optional_question_is_fine(make_survey):
    question = make_survey().questions[5]
    assert clean_answer(question, []) == ([], None)


def test_skipping_a_required_question_is_not(make_survey):
    question = make_survey().questions[0]
    assert clean_answer(question, ["  "]) == ([], "answer-required")


def test_only_offered_answers_are_kept(make_survey):
    question = make_survey().questions[0]
    assert clean_answer(question, ["sun"]) == ([], "answer-not-offered")
    assert clean_answer(question, ["mon", "fri"]) == ([], "answer-not-offered")
    assert clean_answer(question, ["fri"]) == (["fri"], None)


def test_several_choices_keep_order_without_repeats(make_survey):
    question = make_survey().questions[4]
    assert clean_answer(question, ["art", "sport", "art"]) == (["art", "sport"], None)


def test_scale_and_faces_accept_only_their_values(make_survey):
    survey = make_survey()
    assert clean_answer(survey.questions[2], ["6"])[1] == "answer-not-offered"
    assert clean_answer(survey.questions[2], ["5"]) == (["5"], None)
    assert clean_answer(survey.questions[1], ["happy"]) == (["happy"], None)


def test_long_answers_are_kept_with_a_problem_so_nothing_typed_is_lost():
    question = Question("q", QuestionKind.SHORT_TEXT, {"en": "Name a place"})
    values, problem = clean_answer(question, ["x" * 201])
    assert problem == "answer-too-long"
    assert values == ["x" * 201]


def test_localised_falls_back_to_english():
    assert localised({"en": "Hello", "pl": "Cześć"}, "pl") == "Cześć"
    assert localised({"en": "Hello"}, "ar") == "Hello"
