"""The kinship and care leaver eligibility checkers."""

import pytest

from portal.publishing import eligibility as e

ALL = ["informal", "special-guardian", "child-arrangements", "kinship-foster"]
KINSHIP_RULES = {
    "financial-support": {"who": ALL},
    "emotional-support": {"who": ["special-guardian", "kinship-foster"]},
    "education-childcare": {"who": ALL, "ages": [2, 18]},
    "family-time": {"who": ["kinship-foster"]},
}
LEAVER_RULES = {
    "personal-adviser": {"who": ["eligible", "relevant", "former-relevant"], "ages": [16, 25]},
    "staying-put": {"who": ["former-relevant"], "ages": [18, 21]},
    "council-tax": {"who": ["former-relevant"], "ages": [18, 25]},
    "advice": {"who": ["qualifying"], "ages": [16, 25]},
}


@pytest.mark.parametrize(
    ("arrival", "order", "types", "notes"),
    [
        ("family-arranged", "none", ("informal",), ()),
        ("court-decided", "special-guardianship", ("special-guardian",), ()),
        ("court-decided", "child-arrangements", ("child-arrangements",), ()),
        ("council-arranged", "fostering", ("kinship-foster",), ()),
        ("council-arranged", "none", ("informal", "kinship-foster"), ("ask-if-looked-after",)),
        (
            "court-decided",
            "not-sure",
            ("special-guardian", "child-arrangements"),
            ("not-sure-order",),
        ),
    ],
)
def test_kinship_carer_types(arrival, order, types, notes) -> None:
    assert e.kinship_carer_types(arrival, order) == (types, notes)


def test_informal_carer_of_a_baby_gets_only_what_covers_them() -> None:
    result = e.check_kinship(KINSHIP_RULES, "family-arranged", "none", 1)
    assert result.sections == ("financial-support",)


def test_special_guardian_of_school_age_child() -> None:
    result = e.check_kinship(KINSHIP_RULES, "court-decided", "special-guardianship", 9)
    assert result.sections == ("financial-support", "emotional-support", "education-childcare")


def test_kinship_foster_carer_gets_family_time_support() -> None:
    result = e.check_kinship(KINSHIP_RULES, "council-arranged", "fostering", 12)
    assert "family-time" in result.sections


@pytest.mark.parametrize(
    ("arrival", "order", "age"),
    [("x", "none", 3), ("court-decided", "y", 3), ("court-decided", "none", 40)],
)
def test_kinship_checker_refuses_unknown_answers(arrival, order, age) -> None:
    with pytest.raises(ValueError):
        e.check_kinship(KINSHIP_RULES, arrival, order, age)


@pytest.mark.parametrize(
    ("age", "time", "still", "status"),
    [
        (16, "13-weeks-or-more", True, "eligible"),
        (17, "13-weeks-or-more", False, "relevant"),
        (19, "13-weeks-or-more", False, "former-relevant"),
        (19, "13-weeks-or-more", True, "former-relevant"),
        (17, "less-than-13-weeks", False, "qualifying"),
        (17, "less-than-13-weeks", True, None),
        (15, "13-weeks-or-more", True, None),
        (26, "13-weeks-or-more", False, None),
    ],
)
def test_care_leaver_status(age, time, still, status) -> None:
    assert e.care_leaver_status(age, time, still)[0] == status


def test_former_relevant_twenty_year_old_gets_staying_put_and_council_tax() -> None:
    result = e.check_care_leaver(LEAVER_RULES, 20, "13-weeks-or-more", False)
    assert result.groups == ("former-relevant",)
    assert result.sections == ("personal-adviser", "staying-put", "council-tax")


def test_staying_put_ends_at_twenty_one() -> None:
    result = e.check_care_leaver(LEAVER_RULES, 23, "13-weeks-or-more", False)
    assert "staying-put" not in result.sections
    assert "council-tax" in result.sections


def test_a_known_status_wins_and_a_difference_is_noted() -> None:
    result = e.check_care_leaver(LEAVER_RULES, 17, "less-than-13-weeks", False, "relevant")
    assert result.groups == ("relevant",)
    assert "status-differs" in result.notes
    assert result.sections == ("personal-adviser",)


def test_someone_who_is_not_a_care_leaver_gets_no_sections() -> None:
    result = e.check_care_leaver(LEAVER_RULES, 14, "13-weeks-or-more", True)
    assert result.sections == () and "outside-age-range" in result.notes
