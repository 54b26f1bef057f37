"""Content checks: front matter, review dates, links, reading age, statutory completeness."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

import pyphen
import textstat

from portal.publishing.content import (
    AUDIENCES,
    DEFAULT_LANGUAGE,
    REQUIRED_FRONT_MATTER,
    ContentLibrary,
    Page,
)
from portal.publishing.statutory import OFFERS

# Agreed reading level for family-facing pages: Flesch-Kincaid grade 6.0 or below. The formula
# scores everyday long words ("special guardianship") harshly, so grade 6 is about a reading age
# of 9 to 11 for our pages. Measured on prose, leaving out headings and tables.
MAX_READING_GRADE = 6.0

# Paths the app serves that are not content pages; internal links to them are not broken.
APP_PATHS = frozenset(
    {
        "/",
        "/services",
        "/search",
        "/kinship/checker",
        "/care-leavers/checker",
        "/api/oruk/",
        "/api/oruk/services",
        "/api/oruk/taxonomies",
        "/api/oruk/taxonomy_terms",
    }
)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one page."""

    where: str
    check: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: [{self.check}] {self.message}"


def _where(page: Page) -> str:
    return f"{page.lang}/{page.slug}"


def check_front_matter(page: Page) -> list[Problem]:
    """Every required front matter field is present, dates are dates, audience is known."""
    problems = [
        Problem(_where(page), "front-matter", f"missing '{key}'")
        for key in REQUIRED_FRONT_MATTER
        if page.meta.get(key) in (None, "")
    ]
    for key in ("last_reviewed", "next_review_due"):
        if page.meta.get(key) not in (None, "") and getattr(page, key) is None:
            problems.append(Problem(_where(page), "front-matter", f"'{key}' is not a date"))
    if page.meta.get("audience") and page.audience not in AUDIENCES:
        problems.append(Problem(_where(page), "front-matter", f"unknown audience {page.audience}"))
    if page.rendered.has_h1:
        problems.append(Problem(_where(page), "front-matter", "body has an h1; use the title"))
    if page.lang != DEFAULT_LANGUAGE and not page.translation_of:
        problems.append(
            Problem(
                _where(page),
                "front-matter",
                "translation needs 'translation_of' as a quoted string",
            )
        )
    return problems


def check_review_date(page: Page, today: dt.date) -> list[Problem]:
    """The page is not past its next review date."""
    due = page.next_review_due
    if due is not None and due < today:
        return [Problem(_where(page), "review-date", f"review was due on {due.isoformat()}")]
    return []


def check_tokens(page: Page) -> list[Problem]:
    """Every [[token]] in the page names a site setting."""
    return [
        Problem(_where(page), "tokens", f"unknown token [[{name}]]")
        for name in page.rendered.unknown_tokens
    ]


def check_links(
    page: Page, anchors: dict[str, set[str]], app_paths: Iterable[str]
) -> list[Problem]:
    """Internal links lead to a page (and heading) or app route that exists."""
    known = set(app_paths)
    problems = []
    for href in page.rendered.links:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            continue
        path = parts.path or page.url
        if path not in anchors and path not in known:
            problems.append(Problem(_where(page), "links", f"broken link {href}"))
        elif parts.fragment and path in anchors and parts.fragment not in anchors[path]:
            problems.append(
                Problem(_where(page), "links", f"no heading #{parts.fragment} on {path}")
            )
    return problems


_HYPHENATOR = pyphen.Pyphen(lang="en_GB")


_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


def _syllables(word: str) -> int:
    """The larger of Pyphen's count and a vowel-group count, so long words are not undercounted."""
    letters = re.sub(r"[^a-z]", "", word.lower())
    if not letters:
        return 0
    groups = len(_VOWEL_GROUPS.findall(letters))
    if letters.endswith("e") and not letters.endswith(("le", "ee", "ye")) and groups > 1:
        groups -= 1
    return max(1, groups, len(_HYPHENATOR.positions(letters)) + 1)


def reading_grade(text: str) -> float:
    """Flesch-Kincaid grade of some prose.

    Words and sentences are counted by textstat. Syllables are counted here, from Pyphen (textstat's
    own fallback) and vowel groups, because textstat's default English counter downloads NLTK's
    pronouncing dictionary at run time, which a check must not do.
    """
    words: int = textstat.lexicon_count(text)
    if not words:
        return 0.0
    sentences: int = max(1, textstat.sentence_count(text))
    syllables = sum(_syllables(w) for w in textstat.remove_punctuation(text).lower().split())
    return 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59


def check_reading_age(page: Page, max_grade: float = MAX_READING_GRADE) -> list[Problem]:
    """Family-facing English pages read at or below the agreed grade."""
    if page.audience != "family" or page.lang != DEFAULT_LANGUAGE:
        return []
    grade = reading_grade(page.rendered.prose)
    if grade > max_grade:
        return [Problem(_where(page), "reading-age", f"grade {grade:.1f} is above {max_grade:.1f}")]
    return []


def check_statutory(page: Page) -> list[Problem]:
    """An offer covers every statutory section, each with a heading and who it is for."""
    if page.offer is None:
        return []
    if page.offer not in OFFERS:
        return [Problem(_where(page), "statutory", f"unknown offer {page.offer}")]
    required, groups = OFFERS[page.offer]
    ids = page.heading_ids()
    problems = []
    for key in required:
        rule = page.sections.get(key)
        if not isinstance(rule, dict):
            problems.append(Problem(_where(page), "statutory", f"missing section '{key}'"))
            continue
        if rule.get("heading") not in ids:
            problems.append(
                Problem(_where(page), "statutory", f"'{key}' has no heading #{rule.get('heading')}")
            )
        who = rule.get("who") or []
        if not who or any(w not in groups for w in who):
            problems.append(
                Problem(_where(page), "statutory", f"'{key}' must say who is eligible: {groups}")
            )
    return problems


def anchors_by_path(library: ContentLibrary) -> dict[str, set[str]]:
    """Each English page path and its heading ids."""
    return {p.url: p.heading_ids() for p in library.english().values() if not p.is_snippet}


def check_page(
    page: Page,
    *,
    today: dt.date,
    anchors: dict[str, set[str]],
    app_paths: Iterable[str] = APP_PATHS,
) -> list[Problem]:
    """Every check on one page."""
    return (
        check_front_matter(page)
        + check_review_date(page, today)
        + check_tokens(page)
        + check_links(page, anchors, app_paths)
        + check_reading_age(page)
        + check_statutory(page)
    )


def check_library(
    library: ContentLibrary,
    *,
    today: dt.date,
    app_paths: Iterable[str] = APP_PATHS,
) -> list[Problem]:
    """Every check on every page in every language, plus files that could not be read."""
    problems = [
        Problem(str(p.file.relative_to(library.root)), "front-matter", p.message)
        for p in library.problems
    ]
    anchors = anchors_by_path(library)
    english = library.english()
    for lang in library.languages():
        for slug, page in sorted(library.pages[lang].items()):
            problems += check_page(page, today=today, anchors=anchors, app_paths=app_paths)
            if lang != DEFAULT_LANGUAGE and slug not in english:
                problems.append(Problem(_where(page), "links", "translation has no English page"))
    return problems
