"""Themes that officers tag free-text answers with: naming, renaming, merging and counting."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from portal.coproduction.definition import FACE_SCORES, Question, QuestionKind

THEME_NAME_MAX_LENGTH = 80
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Tag:
    """An answer tagged with a theme (both by their row ids)."""

    answer_id: int
    theme_id: int


def clean_theme_name(name: str) -> str:
    """A theme name with its spaces tidied."""
    return _SPACES.sub(" ", name).strip()


def theme_name_problem(
    name: str, existing: Mapping[int, str], *, renaming: int | None = None
) -> str | None:
    """Why a theme name cannot be used (a code), or None; names are unique ignoring case."""
    cleaned = clean_theme_name(name)
    if not cleaned:
        return "theme-name-missing"
    if len(cleaned) > THEME_NAME_MAX_LENGTH:
        return "theme-name-too-long"
    folded = cleaned.casefold()
    for theme_id, other in existing.items():
        if theme_id != renaming and clean_theme_name(other).casefold() == folded:
            return "theme-name-taken"
    return None


def merge_tags(tags: Iterable[Tag], sources: Iterable[int], target: int) -> list[Tag]:
    """Tags after merging source themes into the target; an answer keeps one tag per theme."""
    source_ids = set(sources) - {target}
    merged: dict[tuple[int, int], Tag] = {}
    for tag in tags:
        theme_id = target if tag.theme_id in source_ids else tag.theme_id
        merged.setdefault((tag.answer_id, theme_id), Tag(tag.answer_id, theme_id))
    return list(merged.values())


def count_by_theme(tags: Iterable[Tag], theme_names: Mapping[int, str]) -> list[tuple[str, int]]:
    """How many answers carry each theme, most common first, then by name; unused themes show 0."""
    counts = Counter(tag.theme_id for tag in set(tags))
    rows = [(name, counts.get(theme_id, 0)) for theme_id, name in theme_names.items()]
    return sorted(rows, key=lambda row: (-row[1], row[0].casefold()))


def count_by_question_and_theme(
    tags: Iterable[Tag], answer_question: Mapping[int, str], theme_names: Mapping[int, str]
) -> dict[str, list[tuple[str, int]]]:
    """Theme counts split by the question each tagged answer belongs to."""
    per_question: dict[str, list[Tag]] = {}
    for tag in set(tags):
        question_key = answer_question.get(tag.answer_id)
        if question_key is not None:
            per_question.setdefault(question_key, []).append(tag)
    return {
        key: [row for row in count_by_theme(question_tags, theme_names) if row[1] > 0]
        for key, question_tags in per_question.items()
    }


def count_answers(question: Question, answers: Sequence[Sequence[str]]) -> list[tuple[str, int]]:
    """How many respondents chose each value of a closed question, in the question's order.

    `answers` holds one list of stored values per respondent who answered.
    """
    order = question.fixed_values()
    counts = Counter(value for values in answers for value in set(values) if value in order)
    return [(value, counts.get(value, 0)) for value in order]


def average_score(question: Question, answers: Sequence[Sequence[str]]) -> float | None:
    """The mean of a 1-5 or face scale question, or None when nobody answered."""
    if question.kind is QuestionKind.SCALE:
        scores = [int(values[0]) for values in answers if values]
    elif question.kind is QuestionKind.FACES:
        scores = [
            FACE_SCORES[values[0]] for values in answers if values and values[0] in FACE_SCORES
        ]
    else:
        raise ValueError("only scale questions have an average")
    if not scores:
        return None
    return round(sum(scores) / len(scores), 1)
