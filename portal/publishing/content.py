"""Content pages: Markdown with YAML front matter under content/<lang>/, with no Flask."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from portal.publishing.markdown import Rendered, render_markdown

CONTENT_ROOT = Path(__file__).resolve().parents[2] / "content"
DEFAULT_LANGUAGE = "en"
REQUIRED_FRONT_MATTER = (
    "title",
    "summary",
    "audience",
    "owner",
    "last_reviewed",
    "next_review_due",
)
AUDIENCES = ("family", "everyone")
SNIPPET_PREFIX = "snippets/"

# Tokens content may use, filled from site settings when rendering, so content stays pure Markdown
# and another council changes its details in one place. Values here are Eastholme's defaults,
# used for any token the site settings do not set.
DEFAULT_TOKEN_VALUES: dict[str, str] = {
    "council_name": "Eastholme Borough Council",
    "council_address": "Eastholme Town Hall, Market Square, Eastholme EH1 1AA",
    "contact_email": "familiesfirst@eastholme.example",
    "front_door_phone": "01632 960 123",
    "out_of_hours_phone": "01632 960 999",
    "family_help_phone": "01632 960100",
    "kinship_phone": "01632 960200",
    "kinship_email": "kinship@eastholme.example",
    "leaving_care_phone": "01632 960210",
    "leaving_care_email": "leavingcare@eastholme.example",
    "complaints_phone": "01632 960300",
    "complaints_email": "complaints@eastholme.example",
    "data_protection_email": "dataprotection@eastholme.example",
    "accessibility_email": "accessibility@eastholme.example",
}
SITE_TOKENS = tuple(DEFAULT_TOKEN_VALUES)
# Site settings whose names differ from the token they fill.
SITE_SETTING_ALIASES = {"address": "council_address"}


def token_values(overrides: Mapping[str, Any] | None = None) -> dict[str, str]:
    """Token values: the defaults, replaced by any site setting of the same name."""
    values = dict(DEFAULT_TOKEN_VALUES)
    for setting, value in (overrides or {}).items():
        name = SITE_SETTING_ALIASES.get(setting, setting)
        if name in values and value:
            values[name] = str(value)
    return values


class FrontMatterError(ValueError):
    """A content file's front matter is missing or cannot be read."""


def content_hash(text: str) -> str:
    """A short fingerprint of a content file, used to tie a translation to its English."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Split `---` YAML front matter from the Markdown body."""
    if not text.startswith("---\n"):
        raise FrontMatterError("the file does not start with '---' front matter")
    end = text.find("\n---\n", 4)
    if end == -1:
        raise FrontMatterError("the front matter has no closing '---'")
    try:
        meta = yaml.safe_load(text[4:end]) or {}
    except yaml.YAMLError as error:
        raise FrontMatterError(f"the front matter is not valid YAML: {error}") from error
    if not isinstance(meta, dict):
        raise FrontMatterError("the front matter is not a mapping")
    return meta, text[end + 5 :]


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


@dataclass
class Page:
    """One content file in one language, rendered."""

    lang: str
    slug: str
    file: Path
    meta: dict[str, Any]
    body: str
    hash: str
    rendered: Rendered

    @property
    def url(self) -> str:
        return "/" + self.slug

    @property
    def title(self) -> str:
        return str(self.meta.get("title", ""))

    @property
    def summary(self) -> str:
        return str(self.meta.get("summary", ""))

    @property
    def audience(self) -> str:
        return str(self.meta.get("audience", ""))

    @property
    def owner(self) -> str:
        return str(self.meta.get("owner", ""))

    @property
    def last_reviewed(self) -> dt.date | None:
        return _as_date(self.meta.get("last_reviewed"))

    @property
    def next_review_due(self) -> dt.date | None:
        return _as_date(self.meta.get("next_review_due"))

    @property
    def offer(self) -> str | None:
        return self.meta.get("offer")

    @property
    def sections(self) -> dict[str, dict[str, Any]]:
        """Statutory section key -> {heading, who, ages, needs}."""
        value = self.meta.get("sections") or {}
        return value if isinstance(value, dict) else {}

    @property
    def sensitive(self) -> bool:
        """Pages about abuse or child protection show "Exit this page" and cover-your-tracks."""
        return bool(self.meta.get("sensitive", False))

    @property
    def translation_of(self) -> str | None:
        value = self.meta.get("translation_of")
        return value if isinstance(value, str) and value else None

    @property
    def translation_checked(self) -> bool:
        return bool(self.meta.get("translation_checked", False))

    @property
    def is_snippet(self) -> bool:
        return self.slug.startswith(SNIPPET_PREFIX)

    @property
    def order(self) -> int:
        return int(self.meta.get("order", 100))

    def heading_ids(self) -> set[str]:
        return {h.id for h in self.rendered.headings}

    def section_for_heading(self, heading_id: str) -> str | None:
        """The statutory key whose heading is this id, if any."""
        for key, rule in self.sections.items():
            if isinstance(rule, dict) and rule.get("heading") == heading_id:
                return key
        return None


@dataclass
class LoadProblem:
    """A file the loader could not read."""

    file: Path
    message: str


@dataclass(frozen=True)
class PageView:
    """The page to show for a request, and how it relates to the English."""

    page: Page
    requested_lang: str
    english: Page

    @property
    def is_fallback(self) -> bool:
        """No translation exists, so the English is shown."""
        return self.page.lang != self.requested_lang

    @property
    def is_stale(self) -> bool:
        """A translation exists but its English has changed since."""
        return (
            not self.is_fallback
            and self.page.lang != DEFAULT_LANGUAGE
            and (self.page.translation_of != self.english.hash)
        )


def slug_for(relative: Path) -> str:
    """content/<lang>/parents/index.md -> parents; parents/x.md -> parents/x."""
    parts = list(relative.with_suffix("").parts)
    if parts[-1] == "index" and len(parts) > 1:
        parts.pop()
    return "/".join(parts)


def load_page(file: Path, lang: str, slug: str, values: Mapping[str, str]) -> Page:
    """Read and render one content file."""
    text = file.read_text(encoding="utf-8")
    meta, body = split_front_matter(text)
    return Page(
        lang=lang,
        slug=slug,
        file=file,
        meta=meta,
        body=body,
        hash=content_hash(text),
        rendered=render_markdown(body, values),
    )


@dataclass
class ContentLibrary:
    """Every page in every language, loaded and rendered once."""

    root: Path
    values: Mapping[str, str]
    pages: dict[str, dict[str, Page]] = field(default_factory=dict)
    problems: list[LoadProblem] = field(default_factory=list)
    signature: str = ""

    @classmethod
    def load(
        cls, root: Path = CONTENT_ROOT, values: Mapping[str, str] | None = None
    ) -> ContentLibrary:
        """Load every language directory under root (directories with a two-letter name)."""
        library = cls(root=root, values=dict(values or {}))
        library.reload()
        return library

    def files(self) -> list[Path]:
        return sorted(
            f for f in self.root.glob("*/**/*.md") if len(f.relative_to(self.root).parts[0]) == 2
        )

    def current_signature(self) -> str:
        """Changes when any content file is added, removed or edited."""
        stamp = "|".join(f"{f}:{f.stat().st_mtime_ns}:{f.stat().st_size}" for f in self.files())
        return content_hash(stamp)

    def reload(self) -> None:
        pages: dict[str, dict[str, Page]] = {}
        problems: list[LoadProblem] = []
        for file in self.files():
            relative = file.relative_to(self.root)
            lang = relative.parts[0]
            slug = slug_for(Path(*relative.parts[1:]))
            try:
                page = load_page(file, lang, slug, self.values)
            except (FrontMatterError, UnicodeDecodeError) as error:
                problems.append(LoadProblem(file, str(error)))
                continue
            pages.setdefault(lang, {})[slug] = page
        self.pages, self.problems = pages, problems
        self.signature = self.current_signature()

    def reload_if_changed(self) -> bool:
        """Reload when files have changed on disk; True if it did."""
        if self.current_signature() == self.signature:
            return False
        self.reload()
        return True

    def languages(self) -> list[str]:
        return sorted(self.pages)

    def english(self) -> dict[str, Page]:
        return self.pages.get(DEFAULT_LANGUAGE, {})

    def view(self, slug: str, lang: str) -> PageView | None:
        """The page for slug in lang, falling back to English; None if there is no English."""
        english = self.english().get(slug)
        if english is None or english.is_snippet:
            return None
        page = self.pages.get(lang, {}).get(slug, english)
        return PageView(page=page, requested_lang=lang, english=english)

    def published(self, lang: str) -> list[PageView]:
        """Every routed page as seen in lang, in URL order."""
        views = [self.view(slug, lang) for slug in sorted(self.english())]
        return [v for v in views if v is not None]

    def children(self, parent_slug: str, lang: str) -> list[PageView]:
        """Pages directly under a hub (e.g. parents/*), in their `order`."""
        prefix = parent_slug + "/"
        views = [
            v
            for v in self.published(lang)
            if v.english.slug.startswith(prefix) and "/" not in v.english.slug[len(prefix) :]
        ]
        return sorted(views, key=lambda v: (v.english.order, v.english.slug))

    def snippet(self, name: str, lang: str) -> Page | None:
        slug = SNIPPET_PREFIX + name
        return self.pages.get(lang, {}).get(slug) or self.english().get(slug)
