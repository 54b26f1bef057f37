"""Children typed as 'name, date of birth' when a family is created."""

from datetime import date

import pytest

from portal.plans.people import ChildLineInvalid, parse_child_line, parse_children

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Amira Haddad, 27/3/2017", ("Amira Haddad", date(2017, 3, 27))),
        ("  Leo  ", ("Leo", None)),
        ("Ana-Maria Popescu, 01-12-2020", ("Ana-Maria Popescu", date(2020, 12, 1))),
        ("Smith, Jo, 5.6.2019", ("Smith, Jo", date(2019, 6, 5))),
    ],
)
def test_names_with_and_without_dates(line: str, expected: tuple) -> None:
    assert parse_child_line(line, TODAY) == expected


@pytest.mark.parametrize(
    "line",
    ["Amira, 31/2/2017", "Amira, next week", "Amira, 1/1/2030", ", 1/1/2020", "Old, 1/1/1990"],
)
def test_unreadable_or_impossible_dates_are_refused(line: str) -> None:
    with pytest.raises(ChildLineInvalid):
        parse_child_line(line, TODAY)


def test_blank_lines_are_skipped() -> None:
    assert parse_children("Amira, 27/3/2017\n\nLeo\n", TODAY) == [
        ("Amira", date(2017, 3, 27)),
        ("Leo", None),
    ]
