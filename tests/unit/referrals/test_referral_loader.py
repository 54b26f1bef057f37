"""The loader rejects a malformed conversation file with the line and the reason."""

from pathlib import Path

import pytest

from portal.referrals.engine import ConversationError, load_conversation, parse_conversation

ROOT = Path(__file__).parents[3]

GOOD = """\
id: tiny
version: 1
title: Tiny
routes:
  - {id: only, label: Only, description: The only route.}
triage:
  default: only
  default_reason: Always.
  rules:
    - route: only
      reason: When yes.
      when: {equals: {answer: first, value: "yes"}}
steps:
  - id: first
    type: choice
    label: First?
    options:
      - {value: "yes", label: "Yes"}
      - {value: "no", label: "No"}
  - id: second
    type: text
    label: Second?
"""


def broken(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new, 1)


def test_the_tiny_file_is_good():
    conversation = parse_conversation(GOOD, "tiny.yaml")
    assert [s.id for s in conversation.steps] == ["first", "second"]
    assert conversation.step("first").option("no").label == "No"  # `no` stays text


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        (broken("    type: text", "    type: txt"), 21, "unknown type 'txt'"),
        (broken("    label: Second?", "    lable: Second?"), 22, "unknown setting 'lable'"),
        (broken("  - id: second", "  - id: first"), 20, "step 'first' is defined twice"),
        (broken("  - id: second", "  - id: Second"), 20, "'id' must be lower-case"),
        (broken("{equals: {answer: first", "{equals: {answer: third"), 12, "not an earlier step"),
        (broken('value: "yes"}}', 'value: "maybe"}}'), 12, "'maybe' is not one of the options"),
        (broken("{equals:", "{equal:"), 12, "unknown rule operator 'equal'"),
        (
            broken('      - {value: "no", label: "No"}', '      - {value: "yes", label: No}'),
            19,
            "option 'yes' appears twice",
        ),
        (broken("  default: only", "  default: other"), 7, "unknown route 'other'"),
        (broken("    label: First?", "    label: First %(who)s?"), 16, "'%(who)s' in label"),
        (
            broken(
                "    label: Second?",
                "    label: Second?\n    when: {count: {answer: first, min: 1}}",
            ),
            23,
            "needs a multi-choice or person-list step",
        ),
        (broken("title: Tiny", "title: [Tiny"), 4, "not valid YAML"),
        (broken("version: 1", "version: 1\nversion: 2"), 3, "'version' appears twice"),
        (broken("version: 1", "version: one"), 2, "'version' must be a whole number"),
        ("- just a list", 1, "must be a mapping"),
    ],
)
def test_malformed_files_name_the_line_and_the_reason(text, line, reason):
    with pytest.raises(ConversationError) as caught:
        parse_conversation(text, "tiny.yaml")
    assert caught.value.line == line
    assert reason in caught.value.reason
    assert str(caught.value).startswith(f"tiny.yaml, line {line}: ")


def test_a_stray_percent_sign_is_refused_when_a_step_pipes_values():
    text = broken(
        "    label: Second?",
        "    label: 100% sure, %(who)s?\n    pipe: {who: answers.first}",
    )
    with pytest.raises(ConversationError, match="stray '%'") as caught:
        parse_conversation(text, "tiny.yaml")
    assert caught.value.line == 22


def test_a_pipe_must_name_an_earlier_answer():
    text = broken("    label: Second?", "    label: Second %(x)s?\n    pipe: {x: answers.later}")
    with pytest.raises(ConversationError, match="not an earlier answer"):
        parse_conversation(text)


def test_options_marked_as_needs_must_use_agreed_need_codes():
    text = broken("    type: choice", "    type: multi-choice\n    need_codes: true")
    with pytest.raises(ConversationError, match="'yes' is not one of the agreed need codes"):
        parse_conversation(text)


def test_the_referral_conversation_loads():
    conversation = load_conversation(ROOT / "content" / "conversations" / "referral.yaml")
    assert conversation.steps[0].id == "immediate_danger"
    assert [r.id for r in conversation.routes] == [
        "strategy-discussion",
        "family-help",
        "universal",
    ]


def test_not_signposted_lists_service_ids_and_is_optional() -> None:
    assert parse_conversation(GOOD).not_signposted == ()
    listed = parse_conversation(GOOD + "not_signposted:\n  - abc-123\n  - def-456\n")
    assert listed.not_signposted == ("abc-123", "def-456")
    with pytest.raises(ConversationError) as error:
        parse_conversation(GOOD + "not_signposted:\n  - {id: 1}\n")
    assert "'not_signposted' must list directory service ids" in str(error.value)
