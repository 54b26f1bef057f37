"""One-time codes: six digits, hashed, ten minutes, five tries."""

from datetime import UTC, datetime, timedelta

import pytest

from portal.accounts.codes import (
    CODE_LIFETIME,
    MAX_ATTEMPTS,
    CodeCheck,
    check_code,
    generate_code,
    hash_invitation_token,
    issue_code,
    new_invitation_token,
    normalise_code,
    tries_left,
)

PEPPER = "test-secret"
NOW = datetime(2027, 1, 1, 9, 0, tzinfo=UTC)


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_codes_are_six_digits_and_vary():
    codes = {generate_code() for _ in range(200)}
    assert all(len(c) == 6 and c.isdigit() for c in codes)
    assert len(codes) > 150


def test_record_holds_a_hash_not_the_code():
    code, record = issue_code(NOW, PEPPER)
    assert code not in record.code_hash and len(record.code_hash) == 64
    assert record.expires_at == NOW + CODE_LIFETIME == NOW + timedelta(minutes=10)
    _, other = issue_code(NOW, PEPPER)
    assert other.salt != record.salt


def test_right_code_is_accepted_once():
    code, record = issue_code(NOW, PEPPER)
    result, record = check_code(record, code, NOW + timedelta(minutes=9), PEPPER)
    assert result is CodeCheck.ACCEPTED and record.used
    result, _ = check_code(record, code, NOW, PEPPER)
    assert result is CodeCheck.ALREADY_USED


def test_code_with_spaces_is_accepted():
    code, record = issue_code(NOW, PEPPER)
    result, _ = check_code(record, f" {code[:3]} {code[3:]} ", NOW, PEPPER)
    assert result is CodeCheck.ACCEPTED


def test_wrong_pepper_does_not_match():
    code, record = issue_code(NOW, PEPPER)
    assert check_code(record, code, NOW, "other")[0] is CodeCheck.WRONG


def test_expired_code_is_refused_even_when_right():
    code, record = issue_code(NOW, PEPPER)
    result, after = check_code(record, code, NOW + CODE_LIFETIME, PEPPER)
    assert result is CodeCheck.EXPIRED and not after.used


def test_sixth_try_is_refused_even_when_right():
    code, record = issue_code(NOW, PEPPER)
    for n in range(MAX_ATTEMPTS):
        result, record = check_code(record, wrong(code), NOW, PEPPER)
        assert result is CodeCheck.WRONG
        assert tries_left(record) == MAX_ATTEMPTS - n - 1
    result, record = check_code(record, code, NOW, PEPPER)
    assert result is CodeCheck.TOO_MANY_TRIES and not record.used


def test_fifth_try_can_still_succeed():
    code, record = issue_code(NOW, PEPPER)
    for _ in range(MAX_ATTEMPTS - 1):
        _, record = check_code(record, wrong(code), NOW, PEPPER)
    assert check_code(record, code, NOW, PEPPER)[0] is CodeCheck.ACCEPTED


@pytest.mark.parametrize("typed", ["", "12345", "1234567", "abcdef", "١٢٣٤٥٦"])
def test_malformed_input_is_not_counted(typed):
    _, record = issue_code(NOW, PEPPER)
    result, after = check_code(record, typed, NOW, PEPPER)
    assert result is CodeCheck.MALFORMED and after.attempts == 0


def test_normalise_code():
    assert normalise_code("123-456") == "123456"
    assert normalise_code("12 34") is None


def test_invitation_tokens_are_long_and_stored_hashed():
    token, token_hash = new_invitation_token()
    assert len(token) >= 40 and token not in token_hash
    assert hash_invitation_token(token) == token_hash
    assert new_invitation_token()[0] != token
