"""Authenticator codes: right now, a step either side, never twice."""

import pyotp
import pytest

from portal.accounts.totp import TOTP_STEP_SECONDS, matching_counter

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DP"
NOW = 1_800_000_000.0
COUNTER = int(NOW // TOTP_STEP_SECONDS)


def code_at(counter: int) -> str:
    return pyotp.TOTP(SECRET).at(counter * TOTP_STEP_SECONDS)


@pytest.mark.parametrize("offset", [-1, 0, 1])
def test_codes_one_step_either_side_are_accepted(offset: int) -> None:
    assert matching_counter(SECRET, code_at(COUNTER + offset), None, now=NOW) == COUNTER + offset


@pytest.mark.parametrize("offset", [-3, 2, 5])
def test_codes_further_away_are_refused(offset: int) -> None:
    assert matching_counter(SECRET, code_at(COUNTER + offset), None, now=NOW) is None


def test_a_used_code_is_refused() -> None:
    code = code_at(COUNTER)
    assert matching_counter(SECRET, code, last_counter=COUNTER, now=NOW) is None


def test_spaces_are_ignored() -> None:
    code = code_at(COUNTER)
    assert matching_counter(SECRET, f" {code[:3]} {code[3:]} ", None, now=NOW) == COUNTER


@pytest.mark.parametrize("bad", ["", "12345", "1234567", "abcdef", "12 34 5"])
def test_malformed_codes_are_refused(bad: str) -> None:
    assert matching_counter(SECRET, bad, None, now=NOW) is None
