"""Access rules are data a view carries; the before_request check reads them."""

import pytest

from portal.core.access import AccessRule, Role, allow, is_safe_redirect, public


def test_public_admits_everyone() -> None:
    @public
    def view() -> str:
        return "ok"

    assert view.access_rule.admits(frozenset())


@pytest.mark.parametrize(
    ("roles", "admitted"),
    [
        ({Role.FRONT_DOOR}, True),
        ({Role.LCPP, Role.FRONT_DOOR}, True),
        ({Role.FAMILY}, False),
        (set(), False),
    ],
)
def test_allow_admits_only_named_roles(roles: set[Role], admitted: bool) -> None:
    @allow(Role.FRONT_DOOR)
    def view() -> str:
        return "ok"

    assert view.access_rule.admits(frozenset(roles)) is admitted


def test_allow_needs_a_role() -> None:
    with pytest.raises(ValueError, match="at least one role"):
        allow()


def test_rules_compare_by_value() -> None:
    assert AccessRule(public=False, roles=frozenset({Role.ADMIN})) != AccessRule(public=True)


@pytest.mark.parametrize(
    ("target", "safe"),
    [
        ("/practitioners", True),
        ("/my-plan?x=1", True),
        ("//evil.example/", False),
        ("https://evil.example/", False),
        ("/\\evil.example", False),
        ("/\t/evil.example", False),
        ("/\n/evil.example", False),
        ("", False),
        (None, False),
    ],
)
def test_only_same_site_paths_are_safe_redirects(target: str | None, safe: bool) -> None:
    assert is_safe_redirect(target) is safe
