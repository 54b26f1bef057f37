"""Understanding a query: synonyms from content, and typing slips corrected to indexed words."""

from pathlib import Path

import pytest

from portal.publishing.search_words import (
    Synonyms,
    SynonymsError,
    Vocabulary,
    load_synonyms,
    parse_synonyms,
    understand_query,
)

LANGS = ["en", "pl", "ar"]
SYNONYMS = parse_synonyms({"en": [["respite", "short breaks"]]}, LANGS)
VOCABULARY = Vocabulary(
    [
        ("en", "Kinship carers get money and benefits advice. Many carers ask."),
        ("en", "Short breaks for disabled children. Many many many"),
        ("pl", "Opiekunowie krewniaczy"),
    ],
    SYNONYMS,
)


@pytest.mark.parametrize(
    ("typed", "used"),
    [("kinsip", "kinship"), ("mony", "money"), ("benifits", "benefits"), ("KINSIP", "kinship")],
)
def test_a_slip_becomes_the_nearest_indexed_word(typed: str, used: str) -> None:
    query = understand_query(typed, "en", VOCABULARY, SYNONYMS)
    assert query.used == (used,)
    assert query.corrected == used


def test_a_missing_letter_beats_a_changed_one() -> None:
    # "many" is commoner in the index, but "mony" is one missed letter from "money".
    assert understand_query("mony", "en", VOCABULARY, SYNONYMS).used == ("money",)


@pytest.mark.parametrize("typed", ["kin", "carer", "short"])
def test_known_words_and_prefixes_are_left_alone(typed: str) -> None:
    query = understand_query(typed, "en", VOCABULARY, SYNONYMS)
    assert query.used == (typed,) and query.corrected is None


@pytest.mark.parametrize("typed", ["xqzvbw", "kis", "1234"])
def test_nothing_close_is_left_as_typed(typed: str) -> None:
    assert understand_query(typed, "en", VOCABULARY, SYNONYMS).used == (typed,)


def test_synonyms_add_alternatives_without_a_correction() -> None:
    query = understand_query("respite care", "en", VOCABULARY, SYNONYMS)
    assert query.terms[0] == ("respite", "short breaks")
    assert query.corrected is None


def test_english_synonyms_apply_in_other_languages() -> None:
    assert understand_query("respite", "pl", VOCABULARY, SYNONYMS).terms == (
        ("respite", "short breaks"),
    )


def test_words_are_corrected_within_their_language() -> None:
    assert understand_query("krewniaczi", "pl", VOCABULARY, SYNONYMS).used == ("krewniaczy",)
    assert understand_query("krewniaczi", "en", VOCABULARY, SYNONYMS).used == ("krewniaczi",)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (["respite"], "expected language codes"),
        ({"xx": [["a", "b"]]}, "'xx' is not one of"),
        ({"en": "respite"}, "en must be a list of groups"),
        ({"en": [["respite"]]}, "en group 1 needs two or more words"),
        ({"en": [["a", "b"], ["respite", "short-breaks"]]}, "en group 2: 'short-breaks'"),
        ({"en": [["respite", 5]]}, "en group 1: 5 must be words"),
    ],
)
def test_a_wrong_synonyms_file_says_where(data: object, message: str) -> None:
    with pytest.raises(SynonymsError, match=message):
        parse_synonyms(data, LANGS)


def test_the_councils_synonyms_file_is_valid() -> None:
    path = Path(__file__).resolve().parents[3] / "content" / "search" / "synonyms.yaml"
    synonyms = load_synonyms(path, ["en", "pl", "ro", "ur", "ar", "bn"])
    assert "short breaks" in synonyms.alternatives("en", "respite")


def test_no_file_means_no_synonyms(tmp_path: Path) -> None:
    assert load_synonyms(tmp_path / "missing.yaml", LANGS) == Synonyms()
