"""flask content check and flask content hash."""

from pathlib import Path

from flask import Flask

FIXTURES = Path(__file__).parents[2] / "fixtures" / "content"


def test_content_check_passes_on_the_real_content(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["content", "check"])
    assert result.exit_code == 0, result.output
    assert "passed" in result.output


def test_content_check_fails_on_broken_content(app: Flask) -> None:
    app.config["CONTENT_DIR"] = str(FIXTURES)
    result = app.test_cli_runner().invoke(args=["content", "check", "--today", "2026-11-23"])
    assert result.exit_code != 0
    assert "en/past-review: [review-date]" in result.output
    assert "en/broken-links: [links] broken link /no-such-page" in result.output
    assert "ar/kinship: [statutory] missing section 'legal-advice'" in result.output


def test_content_check_fails_when_review_dates_pass(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["content", "check", "--today", "2030-01-01"])
    assert result.exit_code != 0
    assert "[review-date]" in result.output


def test_content_hash_matches_the_translation(app: Flask) -> None:
    root = Path(__file__).parents[3] / "content"
    result = app.test_cli_runner().invoke(args=["content", "hash", str(root / "en" / "kinship.md")])
    assert result.exit_code == 0
    translation = (root / "pl" / "kinship.md").read_text()
    assert f'translation_of: "{result.output.strip()}"' in translation
