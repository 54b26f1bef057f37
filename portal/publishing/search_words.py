"""What a search query means: synonyms kept as content, and typed words corrected to indexed ones.

No Flask and no database here, so SQLite and PostgreSQL searches understand a query the same way.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

_WORD = re.compile(r"[^\W_]+", re.UNICODE)  # underscores split words, as the indexes do
_PHRASE = re.compile(r"^\w+( \w+)*$", re.UNICODE)
MAX_QUERY_WORDS = 12
# Words shorter than this are too short to guess at: "mony" is the shortest we correct.
MIN_CORRECTED_LENGTH = 4
# rapidfuzz's ratio counts insertions and deletions, so "mony" is nearer "money" (89) than
# "many" (75): a missed letter is the commonest slip, and a changed letter often a real word.
MIN_SIMILARITY = 80.0


class SynonymsError(ValueError):
    """The synonyms file is not in the shape content/search/README.md describes."""


def words_of(text: str) -> list[str]:
    """The lower-case words of a text, without punctuation."""
    return [w.casefold() for w in _WORD.findall(text)]


@dataclass(frozen=True)
class Synonyms:
    """Groups of words and phrases that mean the same, per language."""

    groups: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)

    def alternatives(self, lang: str, word: str) -> tuple[str, ...]:
        """Every phrase in a group with this word, the word first; just the word otherwise.

        English groups count in every language: services and untranslated pages are in English.
        """
        found = [word]
        english = self.groups.get("en", ()) if lang != "en" else ()
        for group in (*self.groups.get(lang, ()), *english):
            if word in group:
                found.extend(p for p in group if p not in found)
        return tuple(found)

    def words(self, lang: str) -> set[str]:
        """Every word in this language's groups (and the English ones)."""
        groups = (*self.groups.get(lang, ()), *self.groups.get("en", ()))
        return {w for group in groups for p in group for w in p.split()}


def parse_synonyms(data: object, languages: Iterable[str], source: str = "synonyms") -> Synonyms:
    """Check the loaded YAML and turn it into Synonyms; say where it is wrong if it is."""
    if data is None:
        return Synonyms()
    if not isinstance(data, dict):
        raise SynonymsError(f"{source}: expected language codes, each with a list of groups")
    known = set(languages)
    groups: dict[str, tuple[tuple[str, ...], ...]] = {}
    for lang, entries in data.items():
        if lang not in known:
            raise SynonymsError(f"{source}: {lang!r} is not one of {', '.join(sorted(known))}")
        if not isinstance(entries, list):
            raise SynonymsError(f"{source}: {lang} must be a list of groups")
        checked = []
        for number, group in enumerate(entries, start=1):
            if not isinstance(group, list) or len(group) < 2:
                raise SynonymsError(f"{source}: {lang} group {number} needs two or more words")
            phrases = []
            for phrase in group:
                text = " ".join(str(phrase).casefold().split())
                if not isinstance(phrase, str) or not _PHRASE.match(text):
                    raise SynonymsError(
                        f"{source}: {lang} group {number}: {phrase!r} must be words and spaces"
                    )
                phrases.append(text)
            checked.append(tuple(phrases))
        groups[lang] = tuple(checked)
    return Synonyms(groups)


def load_synonyms(path: Path, languages: Iterable[str]) -> Synonyms:
    """Read and check the synonyms file; no file means no synonyms."""
    if not path.exists():
        return Synonyms()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise SynonymsError(f"{path}: {error}") from error
    return parse_synonyms(data, languages, source=str(path))


class Vocabulary:
    """Every word in the index, per language, commonest first, to correct typed words against."""

    def __init__(self, texts: Iterable[tuple[str, str]], synonyms: Synonyms) -> None:
        counts: dict[str, Counter[str]] = {}
        for lang, text in texts:
            counts.setdefault(lang, Counter()).update(words_of(text))
        for lang in counts:
            counts[lang].update(synonyms.words(lang))
        self._by_frequency = {
            lang: [w for w, _ in sorted(c.items(), key=lambda item: (-item[1], item[0]))]
            for lang, c in counts.items()
        }
        self._sorted = {lang: sorted(c) for lang, c in counts.items()}

    def knows(self, lang: str, word: str) -> bool:
        """True when some indexed word starts with this one (the index matches prefixes)."""
        words = self._sorted.get(lang, [])
        at = bisect.bisect_left(words, word)
        return at < len(words) and words[at].startswith(word)

    def nearest(self, lang: str, word: str) -> str | None:
        """The indexed word most like this one, or None when nothing is close."""
        if len(word) < MIN_CORRECTED_LENGTH or word.isdigit():
            return None
        found = process.extractOne(
            word, self._by_frequency.get(lang, []), scorer=fuzz.ratio, score_cutoff=MIN_SIMILARITY
        )
        return found[0] if found else None


@dataclass(frozen=True)
class SearchQuery:
    """A query as the index should run it: for each word, the phrases any of which may match."""

    typed: tuple[str, ...]
    used: tuple[str, ...]
    terms: tuple[tuple[str, ...], ...]

    @property
    def corrected(self) -> str | None:
        """The words searched for, when a typed word was corrected; None otherwise."""
        return " ".join(self.used) if self.used != self.typed else None


def plain_query(text: str) -> SearchQuery:
    """A query of the typed words only, without synonyms or corrections."""
    typed = tuple(words_of(text)[:MAX_QUERY_WORDS])
    return SearchQuery(typed=typed, used=typed, terms=tuple((w,) for w in typed))


def understand_query(
    text: str, lang: str, vocabulary: Vocabulary, synonyms: Synonyms
) -> SearchQuery:
    """Correct each word the index does not know to its nearest indexed word, then add synonyms."""
    typed = tuple(words_of(text)[:MAX_QUERY_WORDS])
    used = []
    for word in typed:
        if vocabulary.knows(lang, word) or synonyms.alternatives(lang, word) != (word,):
            used.append(word)
        else:
            used.append(vocabulary.nearest(lang, word) or word)
    terms = tuple(synonyms.alternatives(lang, word) for word in used)
    return SearchQuery(typed=typed, used=tuple(used), terms=terms)
