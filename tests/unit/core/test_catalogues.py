"""The six catalogues stay complete, and messages.pot matches the code."""

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from portal.core.i18n import LANGUAGES
from portal.core.translations import catalogue_problems, catalogue_status

ROOT = Path(__file__).resolve().parents[3]
LOCALES = ROOT / "locales"
FIXTURES = ROOT / "tests" / "fixtures" / "locales"


@pytest.mark.parametrize("code", [code for code in LANGUAGES if code != "en"])
def test_catalogue_is_complete(code: str) -> None:
    problems = catalogue_problems(LOCALES / code / "LC_MESSAGES" / "messages.po", code)
    assert not problems, "\n".join(problems[:20])


def test_the_check_finds_each_kind_of_problem() -> None:
    problems = catalogue_problems(FIXTURES / "broken.po", "pl")
    assert any("'Sign in' is not translated" in p for p in problems)
    assert any("'Continue' is fuzzy" in p for p in problems)
    assert any("different placeholders" in p for p in problems)
    assert not any("Help for families" in p for p in problems)


def test_drafted_entries_are_counted() -> None:
    status = catalogue_status(FIXTURES / "broken.po", "pl")
    assert (status.total, status.translated, status.drafted) == (4, 2, 2)


def test_messages_pot_is_up_to_date(tmp_path: Path) -> None:
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "--no-location",
            "--sort-output",
            "--omit-header",
            "-F",
            "babel.cfg",
            "-k",
            "lazy_gettext",
            "-k",
            "_l",
            "-o",
            str(fresh),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )

    def msgids(path: Path) -> set:
        with path.open("rb") as handle:
            return {m.id for m in read_po(handle) if m.id}

    missing = msgids(fresh) - msgids(LOCALES / "messages.pot")
    stale = msgids(LOCALES / "messages.pot") - msgids(fresh)
    new, gone = sorted(map(str, missing))[:5], sorted(map(str, stale))[:5]
    assert not missing and not stale, f"run `make messages`: new {new}, gone {gone}"
