import pytest

from portal.coproduction.themes import (
    Tag,
    average_score,
    clean_theme_name,
    count_answers,
    count_by_question_and_theme,
    count_by_theme,
    merge_tags,
    theme_name_problem,
)

THEMES = {1: "Transport", 2: "Food", 3: "Buses", 4: "Staff"}


def test_theme_counts_are_ordered_by_size_then_name():
    tags = [Tag(10, 1), Tag(11, 1), Tag(12, 2), Tag(12, 1), Tag(13, 4)]
    assert count_by_theme(tags, THEMES) == [
        ("Transport", 3),
        ("Food", 1),
        ("Staff", 1),
        ("Buses", 0),
    ]


def test_same_tag_twice_counts_once():
    assert count_by_theme([Tag(10, 2), Tag(10, 2)], {2: "Food"}) == [("Food", 1)]


def test_merge_moves_tags_and_does_not_double_count():
    tags = [Tag(10, 1), Tag(10, 3), Tag(11, 3), Tag(12, 2)]
    merged = merge_tags(tags, sources=[3], target=1)
    assert sorted((t.answer_id, t.theme_id) for t in merged) == [(10, 1), (11, 1), (12, 2)]
    remaining = {1: "Transport", 2: "Food"}
    assert count_by_theme(merged, remaining) == [("Transport", 2), ("Food", 1)]


def test_merging_a_theme_into_itself_changes_nothing():
    tags = [Tag(10, 1), Tag(11, 2)]
    assert sorted(merge_tags(tags, sources=[1], target=1), key=lambda t: t.answer_id) == tags


@pytest.mark.parametrize(
    ("name", "renaming", "problem"),
    [
        ("  ", None, "theme-name-missing"),
        ("x" * 81, None, "theme-name-too-long"),
        ("food", None, "theme-name-taken"),
        ("  FOOD ", None, "theme-name-taken"),
        ("Food", 2, None),  # renaming a theme to its own name in another case is allowed
        ("Money", None, None),
    ],
)
def test_theme_names(name, renaming, problem):
    assert theme_name_problem(name, THEMES, renaming=renaming) == problem


def test_clean_theme_name_tidies_spaces():
    assert clean_theme_name("  Bus   times \n") == "Bus times"


def test_counts_per_question_only_show_used_themes():
    tags = [Tag(10, 1), Tag(11, 2), Tag(12, 1)]
    answer_question = {10: "change", 11: "change", 12: "other"}
    assert count_by_question_and_theme(tags, answer_question, THEMES) == {
        "change": [("Food", 1), ("Transport", 1)],
        "other": [("Transport", 1)],
    }


def test_choice_counts_follow_question_order_and_include_zero(make_survey):
    question = make_survey().questions[4]
    answers = [["art"], ["art", "sport"], ["art", "art"], ["not-an-option"]]
    assert count_answers(question, answers) == [("sport", 1), ("art", 3), ("music", 0)]


def test_face_and_scale_averages(make_survey):
    survey = make_survey()
    assert average_score(survey.questions[1], [["very-sad"], ["very-happy"], ["happy"]]) == 3.3
    assert average_score(survey.questions[2], [["5"], ["4"]]) == 4.5
    assert average_score(survey.questions[2], []) is None
    with pytest.raises(ValueError):
        average_score(survey.questions[3], [["words"]])
