"""Site search over content sections and services: SQLite FTS5, or PostgreSQL full text.

No Flask here: the SQLite index lives in an in-memory database of its own (content comes from
files, so there is nothing to keep); the PostgreSQL index is a table in the portal's database,
rebuilt when the content changes.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Engine, text

from portal.publishing.content import ContentLibrary
from portal.publishing.directory import Directory, service_url
from portal.publishing.search_words import SearchQuery, plain_query

MATCH_START, MATCH_END = "\x02", "\x03"
_WORD = re.compile(r"\w+", re.UNICODE)
# PostgreSQL text search configurations for the languages it ships; others use "simple".
PG_CONFIGS = {"en": "english"}


@dataclass(frozen=True)
class SearchDocument:
    """One searchable piece: a section of a page, or a service."""

    lang: str
    kind: str  # "page" or "service"
    path: str
    section_id: str
    title: str
    heading: str
    body: str


@dataclass(frozen=True)
class SearchHit:
    """A result: where to go, and the words around the match."""

    kind: str
    path: str
    section_id: str
    title: str
    heading: str
    snippet: str

    @property
    def url(self) -> str:
        return f"{self.path}#{self.section_id}" if self.section_id else self.path

    def snippet_parts(self) -> list[tuple[str, bool]]:
        """The snippet as (text, is_match) pieces, for highlighting without raw HTML."""
        parts: list[tuple[str, bool]] = []
        for chunk in self.snippet.split(MATCH_START):
            if MATCH_END in chunk:
                matched, rest = chunk.split(MATCH_END, 1)
                parts.append((matched, True))
                if rest:
                    parts.append((rest, False))
            elif chunk:
                parts.append((chunk, False))
        return parts


def documents(
    library: ContentLibrary, directory: Directory, languages: Iterable[str]
) -> list[SearchDocument]:
    """Every page section in every language (English where untranslated), and every service."""
    found: list[SearchDocument] = []
    for lang in languages:
        for view in library.published(lang):
            page = view.page
            for section in page.rendered.sections:
                found.append(
                    SearchDocument(
                        lang=lang,
                        kind="page",
                        path=view.english.url,
                        section_id=section.id or "",
                        title=page.title,
                        heading=section.heading,
                        body=(page.summary + " " + section.text)
                        if not section.id
                        else section.text,
                    )
                )
        for service in directory.services:
            found.append(
                SearchDocument(
                    lang=lang,
                    kind="service",
                    path=service_url(service["id"]),
                    section_id="",
                    title=service["name"],
                    heading="",
                    body=" ".join(
                        [
                            service.get("description", ""),
                            service.get("eligibility_description", ""),
                            " ".join(
                                directory.terms_by_code[c]["name"]
                                for c in directory.need_codes(service)
                            ),
                        ]
                    ),
                )
            )
    return found


def query_words(query: str) -> list[str]:
    """The words of a query, without operators or punctuation."""
    return _WORD.findall(query)[:12]


def _as_query(query: str | SearchQuery) -> SearchQuery:
    return plain_query(query) if isinstance(query, str) else query


def fts5_expression(query: SearchQuery) -> str:
    """Every term must match; a term matches any of its phrases, each as a prefix."""

    def phrase(text: str) -> str:
        return '"' + text.replace('"', '""') + '"*'

    parts = []
    for alternatives in query.terms:
        if len(alternatives) == 1:
            parts.append(phrase(alternatives[0]))
        else:
            parts.append("(" + " OR ".join(phrase(a) for a in alternatives) + ")")
    return " AND ".join(parts)


def tsquery_expression(query: SearchQuery) -> str:
    """The same rule as fts5_expression, in PostgreSQL's to_tsquery syntax."""

    def phrase(text: str) -> str:
        words = [w.replace("'", "") for w in text.split()]
        return " <-> ".join([*words[:-1], words[-1] + ":*"])

    return " & ".join(
        "(" + " | ".join(phrase(a) for a in alternatives) + ")" for alternatives in query.terms
    )


class SqliteSearch:
    """An FTS5 index in a private in-memory SQLite database."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute(
            "CREATE VIRTUAL TABLE entries USING fts5("
            "lang UNINDEXED, kind UNINDEXED, path UNINDEXED, section_id UNINDEXED, "
            "title, heading, body, tokenize = 'unicode61 remove_diacritics 2')"
        )

    def rebuild(self, docs: list[SearchDocument]) -> None:
        with self._lock, self._db:
            self._db.execute("DELETE FROM entries")
            self._db.executemany(
                "INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(d.lang, d.kind, d.path, d.section_id, d.title, d.heading, d.body) for d in docs],
            )

    def search(self, lang: str, query: str | SearchQuery, limit: int = 20) -> list[SearchHit]:
        understood = _as_query(query)
        if not understood.terms:
            return []
        expression = fts5_expression(understood)
        sql = (
            "SELECT kind, path, section_id, title, heading, "
            "snippet(entries, 6, ?, ?, '…', 20) "
            "FROM entries WHERE entries MATCH ? AND lang = ? "
            "ORDER BY bm25(entries, 0, 0, 0, 0, 10.0, 5.0, 1.0) LIMIT ?"
        )
        with self._lock:
            rows = self._db.execute(
                sql, (MATCH_START, MATCH_END, expression, lang, limit)
            ).fetchall()
        return [SearchHit(*row) for row in rows]


class PostgresSearch:
    """PostgreSQL full text search over the publishing_search_entries table."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def has_signature(self, signature: str) -> bool:
        """True when the table holds the index of this version of the content."""
        with self.engine.connect() as connection:
            found = connection.execute(
                text("SELECT 1 FROM publishing_search_entries WHERE signature = :s LIMIT 1"),
                {"s": signature},
            ).first()
        return found is not None

    def rebuild(self, docs: list[SearchDocument], signature: str) -> None:
        """Replace the index; a lock stops two workers rebuilding it at once."""
        with self.engine.begin() as connection:
            connection.execute(text("LOCK TABLE publishing_search_entries IN EXCLUSIVE MODE"))
            done = connection.execute(
                text("SELECT 1 FROM publishing_search_entries WHERE signature = :s LIMIT 1"),
                {"s": signature},
            ).first()
            if done is not None:
                return
            connection.execute(text("DELETE FROM publishing_search_entries"))
            if docs:
                connection.execute(
                    text(
                        "INSERT INTO publishing_search_entries "
                        "(lang, kind, path, section_id, title, heading, body, signature) "
                        "VALUES (:lang, :kind, :path, :section_id, :title, :heading, :body, "
                        ":signature)"
                    ),
                    [dict(d.__dict__, signature=signature) for d in docs],
                )

    def search(self, lang: str, query: str | SearchQuery, limit: int = 20) -> list[SearchHit]:
        understood = _as_query(query)
        if not understood.terms:
            return []
        config = PG_CONFIGS.get(lang, "simple")
        tsquery = tsquery_expression(understood)
        sql = text(
            "SELECT kind, path, section_id, title, heading, "
            "ts_headline(CAST(:config AS regconfig), body, q, :options) "
            "FROM publishing_search_entries, to_tsquery(CAST(:config AS regconfig), :tsquery) q "
            "WHERE lang = :lang AND "
            "(setweight(to_tsvector(CAST(:config AS regconfig), title), 'A') || "
            " setweight(to_tsvector(CAST(:config AS regconfig), heading), 'B') || "
            " to_tsvector(CAST(:config AS regconfig), body)) @@ q "
            "ORDER BY ts_rank(setweight(to_tsvector(CAST(:config AS regconfig), title), 'A') || "
            " setweight(to_tsvector(CAST(:config AS regconfig), heading), 'B') || "
            " to_tsvector(CAST(:config AS regconfig), body), q) DESC, path LIMIT :limit"
        )
        options = f"StartSel={MATCH_START}, StopSel={MATCH_END}, MaxWords=35, MinWords=15"
        with self.engine.connect() as connection:
            rows = connection.execute(
                sql,
                {
                    "config": config,
                    "tsquery": tsquery,
                    "lang": lang,
                    "limit": limit,
                    "options": options,
                },
            ).all()
        return [SearchHit(*row) for row in rows]
