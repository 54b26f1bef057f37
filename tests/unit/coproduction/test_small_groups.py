import pytest

from portal.coproduction.disclosure import (
    PublicCount,
    may_publish_total,
    public_counts,
    publishable_rows,
)


@pytest.mark.parametrize(("count", "hidden"), [(0, False), (1, True), (4, True), (5, False)])
def test_groups_of_one_to_four_are_hidden(count, hidden):
    [row] = public_counts([("A", count)])
    assert row.hidden is hidden
    assert row.count == (None if hidden else count)


def test_a_lone_hidden_group_hides_the_next_smallest_when_a_total_is_shown():
    rows = [("Bus", 20), ("Train", 7), ("Walk", 3), ("None", 0)]
    shown = public_counts(rows, total=30)
    assert shown == [
        PublicCount("Bus", 20),
        PublicCount("Train", None),
        PublicCount("Walk", None),
        PublicCount("None", 0),
    ]


def test_without_a_total_only_small_groups_are_hidden():
    rows = [("Bus", 20), ("Train", 7), ("Walk", 3)]
    assert [row.count for row in public_counts(rows)] == [20, 7, None]


def test_two_hidden_groups_need_no_extra_hiding():
    rows = [("Bus", 20), ("Train", 2), ("Walk", 3)]
    assert [row.count for row in public_counts(rows, total=25)] == [20, None, None]


def test_nothing_is_published_for_fewer_than_five_respondents():
    assert not may_publish_total(4)
    assert may_publish_total(5)
    assert publishable_rows([("Bus", 4)], total=4) == []
    assert publishable_rows([("Bus", 5), ("Walk", 0)], total=5) == [
        PublicCount("Bus", 5),
        PublicCount("Walk", 0),
    ]
