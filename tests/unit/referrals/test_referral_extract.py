"""The Babel extractor finds every string a person sees in a conversation file."""

import io
from pathlib import Path

from babel.messages.extract import extract

from portal.referrals.engine.babel_extract import extract_conversation

ROOT = Path(__file__).parents[3]
METHOD = "portal.referrals.engine.babel_extract.extract_conversation"


def messages(path: Path) -> dict[str, tuple[int, list[str]]]:
    with path.open("rb") as handle:
        found = extract(METHOD, handle)
        return {message: (line, comments) for line, message, comments, _ in found}


def test_labels_options_errors_and_reasons_are_extracted_with_lines_and_context():
    found = messages(ROOT / "content" / "conversations" / "referral.yaml")
    line, comments = found["Is a child in immediate danger right now?"]
    text = (ROOT / "content" / "conversations" / "referral.yaml").read_text().splitlines()
    assert "Is a child in immediate danger right now?" in text[line - 1]
    assert comments == ["conversation referral step immediate_danger: label"]
    for message in (
        "Does %(name)s go to school, college or nursery?",  # piped label
        "Exploitation or harm outside the home",  # option label
        "Enter the child's date of birth",  # person field error
        "Select yes if the family needs an interpreter",  # step error
        "Three or more needs at once.",  # triage reason
        "MACPT strategy discussion",  # route label
        "Tell us about a worry about a child",  # title
    ):
        assert message in found, message


def test_ids_values_and_types_are_not_extracted():
    found = messages(ROOT / "content" / "conversations" / "referral.yaml")
    for not_text in ("immediate_danger", "choice", "domestic-abuse", "referral", "yes"):
        assert not_text not in found


def test_the_extractor_reads_a_file_object_directly():
    source = b"id: x\ntitle: Hello\nsteps:\n  - id: a\n    label: Hi %(name)s\n"
    found = list(extract_conversation(io.BytesIO(source), [], [], {}))
    assert found == [
        (2, None, "Hello", ["conversation x: title"]),
        (5, None, "Hi %(name)s", ["conversation x step a: label"]),
    ]
