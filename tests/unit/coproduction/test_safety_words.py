import pytest

from portal.coproduction.safety import (
    DEFAULT_SAFETY_WORDS,
    SafetyWordList,
    normalise,
    parse_entry,
)

DEFAULT_LIST = SafetyWordList(DEFAULT_SAFETY_WORDS)


def test_normalise_folds_case_accents_and_punctuation():
    assert normalise("He HITS me!!! Don\u2019t tell\u2026") == ["he", "hits", "me", "dont", "tell"]
    assert normalise("café—naïve") == ["cafe", "naive"]


@pytest.mark.parametrize(
    ("answer", "entry"),
    [
        ("my step dad hits me when mum is out", "hits me"),
        ("I don't feel SAFE... not safe at home at all", "not safe"),
        ("sometimes i want to die tbh", "want to die"),
        ("Im scared to go home after club", "scared to go home"),
        ("i've been self-harming since year 7", "self harm*"),
        ("he's been abusive to my mum", "abus*"),
        ("I was abused", "abus*"),
        ("thinking about suicide", "suicid*"),
        ("i cut myself", "cut myself"),
        ("There's no food at home most days", "no food at home"),
        ("he said it was our secret, he made me do things", "made me do"),
        ("Mum's boyfriend\nhurts me", "hurts me"),
    ],
)
def test_realistic_phrases_are_flagged(answer, entry):
    assert entry in DEFAULT_LIST.matches(answer)


@pytest.mark.parametrize(
    "answer",
    [
        "I want better skills sessions",  # "kill" inside "skills"
        "My therapist was really helpful",  # "rapist" inside "therapist"
        "The football club is the best, it hits the spot",  # "hits" not followed by "me"
        "We grew rapeseed on the farm trip",  # "rape" as part of a longer word
        "Please don't run out of snacks",
        "Safe space was brilliant",  # "safe" without "not"
        "I want to diet healthier",  # "die" inside "diet"
        "nothing, it was great",
    ],
)
def test_everyday_answers_are_not_flagged(answer):
    assert DEFAULT_LIST.matches(answer) == []


def test_editable_list_ignores_comments_and_blank_lines():
    words = SafetyWordList(["# Added after the March event", "", "  ", "Bully*", "locked out"])
    assert [entry.source for entry in words.entries] == ["Bully*", "locked out"]
    assert words.matches("They keep bullying me") == ["Bully*"]
    assert words.matches("I got LOCKED-OUT again") == ["locked out"]


def test_phrase_words_must_be_next_to_each_other():
    words = SafetyWordList(["hurt me"])
    assert words.matches("hurt my knee and me") == []


def test_flags_collects_entries_across_answers_once():
    found = DEFAULT_LIST.flags(["he hits me", "nothing", "he HITS me again and I'm not safe"])
    assert found == ["hits me", "not safe"]


def test_entry_of_only_punctuation_is_ignored():
    assert parse_entry("!!!") is None
    assert parse_entry("*") is None
