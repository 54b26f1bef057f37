"""How complete and how checked each interface translation is, read from the catalogues."""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po
from flask import current_app

DRAFT_MARKER = "draft: not checked by a qualified translator"


@dataclass(frozen=True)
class CatalogueStatus:
    """Counts for one language's interface catalogue."""

    code: str
    total: int
    translated: int
    drafted: int

    @property
    def checked(self) -> int:
        return self.translated - self.drafted


def catalogue_status(po_path: Path, code: str) -> CatalogueStatus:
    """Count translated and drafted entries in one .po file."""
    with po_path.open("rb") as handle:
        catalogue = read_po(handle, locale=code)
    messages = [message for message in catalogue if message.id]
    translated = [
        m
        for m in messages
        if (all(m.string) if isinstance(m.string, tuple) else bool(m.string)) and not m.fuzzy
    ]
    drafted = [m for m in translated if any(DRAFT_MARKER in c for c in m.user_comments)]
    return CatalogueStatus(code, len(messages), len(translated), len(drafted))


@cache
def _status_for(directory: str) -> tuple[CatalogueStatus, ...]:
    root = Path(directory)
    return tuple(
        catalogue_status(path, path.parent.parent.name)
        for path in sorted(root.glob("*/LC_MESSAGES/messages.po"))
    )


def translation_status() -> dict[str, CatalogueStatus]:
    """Status of every catalogue, keyed by language code (read once per process)."""
    directory = current_app.config["BABEL_TRANSLATION_DIRECTORIES"]
    return {status.code: status for status in _status_for(directory)}


PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def catalogue_problems(po_path: Path, code: str) -> list[str]:
    """Entries a person would see in English or broken: empty, fuzzy, or placeholders changed."""
    with po_path.open("rb") as handle:
        catalogue = read_po(handle, locale=code)
    problems = []
    for message in catalogue:
        if not message.id:
            continue
        ids = _texts(message.id)
        strings = _texts(message.string)
        label = f"{code}: {ids[0]!r}"
        if message.fuzzy:
            problems.append(f"{label} is fuzzy")
        if not all(strings):
            problems.append(f"{label} is not translated")
            continue
        wanted = set(PLACEHOLDER.findall(ids[0]))
        for string in strings:
            if set(PLACEHOLDER.findall(string)) != wanted:
                problems.append(f"{label} has different placeholders: {string!r}")
    return problems


def _texts(value: str | tuple[str, ...] | list[str] | None) -> tuple[str, ...]:
    """A message id or translation as one text per plural form; a missing one is empty."""
    if isinstance(value, tuple | list):
        return tuple(value)
    return (value or "",)
