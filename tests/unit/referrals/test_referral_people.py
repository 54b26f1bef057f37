"""Person lists (add, change, remove), questions asked per person, and piping names in."""

from datetime import date
from pathlib import Path

import pytest

from portal.referrals.engine import (
    add_person,
    answer_step,
    change_person,
    find_instance,
    finish_people,
    load_conversation,
    next_step,
    path,
    people_of,
    problem_text,
    remove_person,
    render_text,
)

FIXTURES = Path(__file__).parents[2] / "fixtures" / "conversations"
TODAY = date(2026, 6, 1)
SITE = {"site": {"front_door_phone": "01632 960001"}}


@pytest.fixture(scope="module")
def conversation():
    return load_conversation(FIXTURES / "test_people.yaml")


def child(first: str, born: str, last: str = "") -> dict:
    year, month, day = born.split("-")
    return {
        "first_name": first,
        "last_name": last,
        "date_of_birth-day": day,
        "date_of_birth-month": month,
        "date_of_birth-year": year,
    }


def with_children(conversation, *children: dict) -> dict:
    answers: dict = {}
    for number, raw in enumerate(children):
        instance = next_step(conversation, answers, TODAY)
        result = add_person(instance, answers, raw, TODAY, person_id=f"p{number}")
        assert result.ok, result.problems
        answers = result.answers
    return finish_people(next_step(conversation, answers, TODAY), answers).answers


def test_adding_a_child_stores_their_details_with_an_id(conversation):
    instance = next_step(conversation, {}, TODAY)
    result = add_person(instance, {}, child("Amira", "2018-03-27", "Khan"), TODAY)
    assert result.ok
    (person,) = people_of(instance, result.answers)
    assert person["first_name"] == "Amira"
    assert person["date_of_birth"] == "2018-03-27"
    assert len(person["id"]) == 10
    # Not finished yet: the same step is still next.
    assert next_step(conversation, result.answers, TODAY).key == "children"


@pytest.mark.parametrize(
    ("raw", "field", "message"),
    [
        (
            {**child("Amira", "2018-03-27"), "first_name": " "},
            "first_name",
            "Enter the child's first name",
        ),
        (
            {**child("Amira", "2018-03-27"), "date_of_birth-day": ""},
            "date_of_birth",
            "Date must include a day",
        ),
        (
            {**child("Amira", "2018-02-30")},
            "date_of_birth",
            "Date must be a real date, like 27 3 2019",
        ),
        ({**child("Amira", "2027-01-01")}, "date_of_birth", "Date must be today or in the past"),
        (
            {
                "first_name": "Amira",
                "date_of_birth-day": "",
                "date_of_birth-month": "",
                "date_of_birth-year": "",
            },
            "date_of_birth",
            "Enter the child's date of birth",
        ),
    ],
)
def test_a_child_with_bad_details_is_not_added(conversation, raw, field, message):
    instance = next_step(conversation, {}, TODAY)
    result = add_person(instance, {}, raw, TODAY)
    assert not result.ok
    assert result.problems[field].message == message
    assert people_of(instance, result.answers) == []


def test_the_list_needs_one_child_before_moving_on(conversation):
    instance = next_step(conversation, {}, TODAY)
    result = finish_people(instance, {})
    assert result.problems["list"].message == "Add at least one child"


def test_the_list_refuses_more_than_its_maximum(conversation):
    answers = with_children(
        conversation, child("A", "2015-01-01"), child("B", "2016-01-01"), child("C", "2017-01-01")
    )
    instance = find_instance(conversation, answers, "children", TODAY)
    result = add_person(instance, answers, child("D", "2018-01-01"), TODAY)
    assert "list" in result.problems
    assert len(people_of(instance, result.answers)) == 3


def test_a_question_is_asked_for_each_school_age_child_with_their_name(conversation):
    answers = with_children(
        conversation,
        child("Amira", "2018-03-27"),
        child("Baby", "2025-01-01"),
        child("Tom", "2012-05-05"),
    )
    keys = [i.key for i in path(conversation, answers, TODAY)]
    assert keys[:3] == ["children", "at_school.p0", "at_school.p2"]  # the baby is not asked about
    current = next_step(conversation, answers, TODAY)
    label = render_text(current.step.label, current, answers, conversation, SITE)
    assert label == "Does Amira go to school?"


def test_piped_labels_are_translated_before_values_are_filled_in(conversation):
    answers = with_children(conversation, child("Amira", "2018-03-27"))
    current = next_step(conversation, answers, TODAY)
    french = {"Does %(name)s go to school?": "Est-ce que %(name)s va à l'école ?"}
    label = render_text(current.step.label, current, answers, conversation, SITE, french.get)
    assert label == "Est-ce que Amira va à l'école ?"


def test_an_error_message_is_piped_too(conversation):
    answers = with_children(conversation, child("Amira", "2018-03-27"))
    current = next_step(conversation, answers, TODAY)
    result = answer_step(current, answers, {"answer": ""}, TODAY)
    text = problem_text(result.problems["answer"], current, answers, conversation, SITE)
    assert text == "Select yes if Amira goes to school"


def test_answers_per_person_are_kept_apart(conversation):
    answers = with_children(conversation, child("Amira", "2018-03-27"), child("Tom", "2012-05-05"))
    first = next_step(conversation, answers, TODAY)
    answers = answer_step(first, answers, {"answer": "yes"}, TODAY).answers
    second = next_step(conversation, answers, TODAY)
    assert second.key == "at_school.p1"
    answers = answer_step(second, answers, {"answer": "no"}, TODAY).answers
    assert answers["at_school"] == {"p0": "yes", "p1": "no"}


def test_an_interrupt_pipes_earlier_answers_and_is_passed_by_continuing(conversation):
    answers = with_children(
        conversation, child("Amira", "2018-03-27", "Khan"), child("Tom", "2012-05-05")
    )
    for _ in range(2):
        answers = answer_step(
            next_step(conversation, answers, TODAY), answers, {"answer": "yes"}, TODAY
        ).answers
    note = next_step(conversation, answers, TODAY)
    assert note.key == "note"
    assert (
        render_text(note.step.body, note, answers, conversation)
        == "You told us about Amira Khan, Tom."
    )
    answers = answer_step(note, answers, {}, TODAY).answers
    assert next_step(conversation, answers, TODAY).key == "born"


def test_changing_a_child_keeps_answers_about_them(conversation):
    answers = with_children(conversation, child("Amira", "2018-03-27"))
    answers = answer_step(
        next_step(conversation, answers, TODAY), answers, {"answer": "no"}, TODAY
    ).answers
    instance = find_instance(conversation, answers, "children", TODAY)
    result = change_person(instance, answers, "p0", child("Amirah", "2018-03-27", "Khan"), TODAY)
    assert result.ok
    assert people_of(instance, result.answers)[0]["first_name"] == "Amirah"
    assert result.answers["at_school"] == {"p0": "no"}
    assert next_step(conversation, result.answers, TODAY).key == "note"


def test_removing_a_child_drops_questions_about_them(conversation):
    answers = with_children(conversation, child("Amira", "2018-03-27"), child("Tom", "2012-05-05"))
    instance = find_instance(conversation, answers, "children", TODAY)
    answers = remove_person(instance, answers, "p0").answers
    assert [i.key for i in path(conversation, answers, TODAY)][:2] == ["children", "at_school.p1"]
    # Removing the last child re-opens the list: at least one is needed.
    answers = remove_person(instance, answers, "p1").answers
    assert next_step(conversation, answers, TODAY).key == "children"


def test_a_stop_page_ends_the_path_and_cannot_be_answered(conversation):
    answers = with_children(
        conversation, child("A", "2015-01-01"), child("B", "2016-01-01"), child("C", "2017-01-01")
    )
    for _ in range(3):
        answers = answer_step(
            next_step(conversation, answers, TODAY), answers, {"answer": "yes"}, TODAY
        ).answers
    answers = answer_step(next_step(conversation, answers, TODAY), answers, {}, TODAY).answers
    stop = next_step(conversation, answers, TODAY)
    assert stop.key == "phone_us"
    assert path(conversation, answers, TODAY)[-1] == stop
    assert render_text(stop.step.body, stop, answers, conversation, SITE) == (
        "Phone 01632 960001 about three or more children."
    )
    assert not answer_step(stop, answers, {}, TODAY).ok
