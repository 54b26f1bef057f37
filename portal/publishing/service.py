"""The content service: the loaded library, directory and search index for the running app."""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask, Response, current_app, request
from flask_babel import get_locale
from markupsafe import Markup

from portal.core.i18n import LANGUAGES
from portal.core.site import site_settings
from portal.extensions import db
from portal.publishing.content import ContentLibrary, PageView, token_values
from portal.publishing.directory import Directory, default_directory, load_directory
from portal.publishing.search import PostgresSearch, SearchDocument, SqliteSearch, documents
from portal.publishing.search_words import (
    SearchQuery,
    Synonyms,
    SynonymsError,
    Vocabulary,
    load_synonyms,
    understand_query,
)

RELOAD_CHECK_SECONDS = 2.0
_H2_START = re.compile(r'(?=<h2 id=")')
_H2_ID = re.compile(r'<h2 id="([^"]+)"')


@dataclass
class PublishingState:
    """What the publishing feature keeps per app: loaded once, reloaded when files change."""

    content_dir: str
    library: ContentLibrary | None = None
    directory: Directory | None = None
    sqlite_index: SqliteSearch | None = None
    indexed_signature: str = ""
    documents: list[SearchDocument] = field(default_factory=list)
    documents_signature: str = ""
    synonyms: Synonyms = field(default_factory=Synonyms)
    vocabulary: Vocabulary | None = None
    words_stamp: str = ""
    checked_at: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


def init_state(app: Flask) -> None:
    """Remember where content lives; nothing is read until first needed."""
    app.extensions["publishing"] = PublishingState(content_dir=app.config["CONTENT_DIR"])


def _state() -> PublishingState:
    state: PublishingState = current_app.extensions["publishing"]
    return state


def site_token_values() -> dict[str, str]:
    """Token values for content, from the site settings over the defaults."""
    settings = site_settings()
    values: dict[str, Any] = dict(settings.extra)
    values.update({name: getattr(settings, name) for name in settings.__dataclass_fields__})
    return token_values(values)


def library() -> ContentLibrary:
    """The content library, loaded on first use and reloaded when a file changes."""
    state = _state()
    with state.lock:
        if state.library is None:
            state.library = ContentLibrary.load(Path(state.content_dir), site_token_values())
            state.checked_at = time.monotonic()
        elif time.monotonic() - state.checked_at > RELOAD_CHECK_SECONDS:
            state.library.reload_if_changed()
            state.checked_at = time.monotonic()
        return state.library


def directory() -> Directory:
    """The service directory."""
    state = _state()
    if state.directory is None:
        path = Path(state.content_dir) / "directory" / "directory.json"
        state.directory = load_directory(path) if path.exists() else default_directory()
    return state.directory


def current_lang() -> str:
    """The language code of the current request."""
    code = str(get_locale() or "en").split("_")[0]
    return code if code in LANGUAGES else "en"


def page_view(slug: str) -> PageView | None:
    """The page for slug in the reader's language, or None."""
    return library().view(slug, current_lang())


def section_chunks(html: str) -> list[tuple[str | None, Markup]]:
    """Split sanitised page HTML at each h2, keeping the h2's id (None for the intro)."""
    chunks: list[tuple[str | None, Markup]] = []
    for part in _H2_START.split(html):
        if not part.strip():
            continue
        match = _H2_ID.match(part)
        # Safe: the HTML was sanitised once, in the content service, when it was loaded.
        chunks.append((match.group(1) if match else None, Markup(part)))  # noqa: S704
    return chunks


def _search_documents(content: ContentLibrary) -> list[SearchDocument]:
    """What the index holds, made once per version of the content (call with the lock held)."""
    state = _state()
    if state.documents_signature != content.signature:
        state.documents = documents(content, directory(), LANGUAGES)
        state.documents_signature = content.signature
    return state.documents


def search_index() -> SqliteSearch | PostgresSearch:
    """The search index for this database, rebuilt when the content has changed."""
    state = _state()
    content = library()
    if db.engine.dialect.name == "postgresql":
        index = PostgresSearch(db.engine)
        if not index.has_signature(content.signature):
            with state.lock:
                docs = _search_documents(content)
            index.rebuild(docs, content.signature)
        return index
    with state.lock:
        if state.sqlite_index is None:
            state.sqlite_index = SqliteSearch()
        if state.indexed_signature != content.signature:
            state.sqlite_index.rebuild(_search_documents(content))
            state.indexed_signature = content.signature
        return state.sqlite_index


def synonyms_path() -> Path:
    """The council's synonyms file: content/search/synonyms.yaml."""
    return Path(_state().content_dir) / "search" / "synonyms.yaml"


def _search_words() -> tuple[Vocabulary, Synonyms]:
    """The indexed words and the synonyms, remade when the content or the synonyms change."""
    state = _state()
    content = library()
    path = synonyms_path()
    stamp = f"{content.signature}:{path.stat().st_mtime_ns if path.exists() else ''}"
    with state.lock:
        if state.vocabulary is None or state.words_stamp != stamp:
            try:
                state.synonyms = load_synonyms(path, LANGUAGES)
            except SynonymsError:
                # A broken edit must not break search: keep the last good synonyms, and say so.
                current_app.logger.exception("Synonyms not loaded; keeping the last good ones")
            docs = _search_documents(content)
            texts = ((d.lang, f"{d.title} {d.heading} {d.body}") for d in docs)
            state.vocabulary = Vocabulary(texts, state.synonyms)
            state.words_stamp = stamp
        return state.vocabulary, state.synonyms


def understood_query(text: str) -> SearchQuery:
    """The reader's query with typing slips corrected and synonyms added, in their language."""
    vocabulary, synonyms = _search_words()
    return understand_query(text, current_lang(), vocabulary, synonyms)


def cacheable(response: Response) -> Response:
    """Let browsers keep a public page and check it cheaply: an ETag and revalidation."""
    response.headers.setdefault("Cache-Control", "no-cache")
    response.vary.update(("Cookie", "Accept-Language"))
    response.add_etag()
    response.make_conditional(request)  # changes the response in place (and returns it)
    return response


@dataclass(frozen=True)
class ContentTranslation:
    """One published page's translation into one language, as the translations page lists it."""

    lang: str
    title: str
    url: str
    checked: bool
    older_than_english: bool


def content_translations() -> list[ContentTranslation]:
    """Every content translation that exists, for the 'About our translations' page."""
    content = library()
    found = []
    for lang in content.languages():
        if lang == "en":
            continue
        for view in content.published(lang):
            if view.is_fallback:
                continue
            found.append(
                ContentTranslation(
                    lang=lang,
                    title=view.page.title,
                    url=view.page.url,
                    checked=view.page.translation_checked,
                    older_than_english=view.is_stale,
                )
            )
    return found
