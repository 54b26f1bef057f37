"""The safety word list: spotting answers that suggest a respondent may not be safe."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# Apostrophes join a word ("don't" -> "dont"); every other non-letter, non-digit splits words.
_APOSTROPHES = re.compile(r"['\u2019\u2018\u02bc`]")
_NOT_WORD = re.compile(r"[^\w]+|_+")
WILDCARD = "*"


def normalise(text: str) -> list[str]:
    """Words of a text, case-folded, accents and punctuation removed."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    joined = _APOSTROPHES.sub("", plain.casefold())
    return [word for word in _NOT_WORD.split(joined) if word]


@dataclass(frozen=True)
class SafetyEntry:
    """One entry of the list: a word or phrase; a trailing * matches any word ending."""

    source: str
    words: tuple[str, ...]
    prefix_last: bool

    def matches_at(self, words: list[str], start: int) -> bool:
        """Whether this entry's words appear in `words` starting at `start`."""
        if start + len(self.words) > len(words):
            return False
        for offset, wanted in enumerate(self.words):
            word = words[start + offset]
            is_last = offset == len(self.words) - 1
            if is_last and self.prefix_last:
                if not word.startswith(wanted):
                    return False
            elif word != wanted:
                return False
        return True


def parse_entry(line: str) -> SafetyEntry | None:
    """Read one line of the editable list; blank lines and lines starting # are ignored."""
    stripped = line.strip()
    if not stripped or stripped.startswith("#"):
        return None
    prefix_last = stripped.endswith(WILDCARD)
    words = tuple(normalise(stripped.rstrip(WILDCARD)))
    if not words:
        return None
    return SafetyEntry(source=stripped, words=words, prefix_last=prefix_last)


class SafetyWordList:
    """A list of words and phrases that flag a response for an officer to look at."""

    def __init__(self, lines: Iterable[str]) -> None:
        entries = [parse_entry(line) for line in lines]
        self.entries: tuple[SafetyEntry, ...] = tuple(entry for entry in entries if entry)

    def matches(self, text: str) -> list[str]:
        """The list entries found in a text, each once, in list order."""
        words = normalise(text)
        found: list[str] = []
        for entry in self.entries:
            if any(entry.matches_at(words, start) for start in range(len(words))):
                found.append(entry.source)
        return found

    def flags(self, texts: Iterable[str]) -> list[str]:
        """Entries found in any of a response's free-text answers."""
        found: dict[str, None] = {}
        for text in texts:
            for source in self.matches(text):
                found[source] = None
        return list(found)


# The starting list a council gets; officers edit it on the safety words page.
DEFAULT_SAFETY_WORDS: tuple[str, ...] = (
    "hurt me",
    "hurts me",
    "hits me",
    "hit me",
    "beat me",
    "beats me",
    "kick me",
    "kicks me",
    "touched me",
    "touches me",
    "not safe",
    "unsafe",
    "scared to go home",
    "scared of my",
    "afraid of my",
    "frightened of my",
    "abus*",
    "kill myself",
    "want to die",
    "end my life",
    "suicid*",
    "self harm*",
    "cut myself",
    "cutting myself",
    "hurt myself",
    "nobody feeds me",
    "no food at home",
    "locked in",
    "runaway",
    "run away",
    "groom*",
    "secret photos",
    "made me do",
    "rape",
    "raped",
)
