"""Render content Markdown to sanitised HTML with GOV.UK typography, with no Flask."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

from portal.core.phones import UK_NUMBER, is_uk_number, phone_link

# GOV.UK Frontend classes for each element content can produce.
GOVUK_CLASSES = {
    "h2": "govuk-heading-l",
    "h3": "govuk-heading-m",
    "h4": "govuk-heading-s",
    "p": "govuk-body",
    "ul": "govuk-list govuk-list--bullet",
    "ol": "govuk-list govuk-list--number",
    "a": "govuk-link",
    "blockquote": "govuk-inset-text",
    "hr": "govuk-section-break govuk-section-break--l govuk-section-break--visible",
    "table": "govuk-table",
    "thead": "govuk-table__head",
    "tbody": "govuk-table__body",
    "tr": "govuk-table__row",
    "th": "govuk-table__header",
    "td": "govuk-table__cell",
    "code": "app-code",
}

ALLOWED_TAGS = {
    "h2", "h3", "h4", "p", "ul", "ol", "li", "a", "strong", "em", "blockquote", "hr", "br",
    "table", "thead", "tbody", "tr", "th", "td", "code", "pre", "bdi",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"*": {"class", "id"}, "a": {"href"}, "th": {"scope"}, "bdi": {"dir"}}

SECTION_TAGS = ("h2", "h3")
TOKEN_PATTERN = re.compile(r"\[\[([a-z_]+)\]\]")
HEADING_ID_PATTERN = re.compile(r"\s*\{#([a-z0-9][a-z0-9-]*)\}\s*$")


@dataclass(frozen=True)
class Heading:
    """A heading in a rendered page."""

    id: str
    text: str
    level: int


@dataclass(frozen=True)
class Section:
    """The text under one h2 or h3 heading (id None for text before the first heading)."""

    id: str | None
    heading: str
    text: str


@dataclass
class Rendered:
    """The output of rendering one page body."""

    html: str
    headings: list[Heading] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    prose: str = ""
    unknown_tokens: list[str] = field(default_factory=list)
    has_h1: bool = False


def slugify(text: str) -> str:
    """A heading id made from heading text."""
    slug = re.sub(r"[^\w\s-]", "", text.lower(), flags=re.UNICODE)
    slug = re.sub(r"[\s_-]+", "-", slug).strip("-")
    return slug or "section"


def substitute_tokens(source: str, values: Mapping[str, str]) -> tuple[str, list[str]]:
    """Replace [[name]] tokens with site settings; return the text and any unknown names."""
    unknown: list[str] = []

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in values:
            return str(values[name])
        unknown.append(name)
        return match.group(0)

    return TOKEN_PATTERN.sub(replace, source), unknown


def _inline_text(token: Token) -> str:
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts).strip()


def _assign_heading_ids(tokens: list[Token]) -> list[Heading]:
    headings: list[Heading] = []
    used: set[str] = set()
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        inline = tokens[index + 1]
        explicit = HEADING_ID_PATTERN.search(inline.content)
        if explicit:
            inline.content = HEADING_ID_PATTERN.sub("", inline.content)
            last = inline.children[-1] if inline.children else None
            if last is not None and last.type == "text":
                last.content = HEADING_ID_PATTERN.sub("", last.content)
        text = _inline_text(inline)
        base = explicit.group(1) if explicit else slugify(text)
        heading_id, counter = base, 2
        while heading_id in used:
            heading_id, counter = f"{base}-{counter}", counter + 1
        used.add(heading_id)
        token.attrSet("id", heading_id)
        headings.append(Heading(id=heading_id, text=text, level=int(token.tag[1])))
    return headings


def _add_classes(tokens: list[Token]) -> None:
    for token in tokens:
        if token.nesting != -1 and token.tag in GOVUK_CLASSES:
            token.attrJoin("class", GOVUK_CLASSES[token.tag])
        if token.type == "th_open":
            token.attrSet("scope", "col")
        for child in token.children or []:
            if child.type == "link_open":
                child.attrJoin("class", GOVUK_CLASSES["a"])
            elif child.type == "code_inline":
                child.attrJoin("class", GOVUK_CLASSES["code"])


def _collect(tokens: list[Token]) -> tuple[list[str], list[Section], str]:
    """Links, per-section text, and prose for reading-age checks (headings and tables left out)."""
    links: list[str] = []
    sections: list[Section] = []
    current_id: str | None = None
    current_heading = ""
    current_text: list[str] = []
    prose: list[str] = []
    in_heading = in_table = False
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            in_heading = True
            if token.tag in SECTION_TAGS:
                if current_text or current_id:
                    sections.append(Section(current_id, current_heading, " ".join(current_text)))
                # Every heading has its text id by now (_assign_heading_ids ran first).
                current_id, current_text = str(token.attrGet("id")), []
        elif token.type == "heading_close":
            in_heading = False
        elif token.type == "table_open":
            in_table = True
        elif token.type == "table_close":
            in_table = False
        elif token.type == "inline":
            for child in token.children or []:
                if child.type == "link_open":
                    links.append(str(child.attrGet("href") or ""))
            text = _inline_text(token)
            if in_heading and tokens[index - 1].tag in SECTION_TAGS:
                current_heading = text
                continue
            current_text.append(text)
            if not in_heading and not in_table and text:
                prose.append(text if text[-1] in ".!?:" else text + ".")
    if current_text or current_id:
        sections.append(Section(current_id, current_heading, " ".join(current_text)))
    return links, sections, " ".join(prose)


def _phone_tokens(text: str) -> list[Token]:
    """Text with each UK phone number in it made a tel: link isolated left-to-right."""
    pieces: list[Token] = []
    at = 0
    for match in UK_NUMBER.finditer(text):
        if not is_uk_number(match.group(0)):
            continue
        if match.start() > at:
            pieces.append(Token("text", "", 0, content=text[at : match.start()]))
        pieces.append(Token("html_inline", "", 0, content=str(phone_link(match.group(0)))))
        at = match.end()
    if pieces and at < len(text):
        pieces.append(Token("text", "", 0, content=text[at:]))
    return pieces


def _link_phone_numbers(tokens: list[Token]) -> None:
    """Make phone numbers in text tel: links, so they dial and keep their order in Arabic."""
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        children: list[Token] = []
        in_link = False
        for child in token.children:
            if child.type in ("link_open", "link_close"):
                in_link = child.type == "link_open"
            pieces = _phone_tokens(child.content) if child.type == "text" and not in_link else []
            children.extend(pieces or [child])
        token.children = children


def _parser() -> MarkdownIt:
    # Raw HTML in content is not passed through: it is escaped as text.
    return MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")


def sanitise(html: str) -> str:
    """Strip anything from rendered HTML that content should not be able to produce."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel=None,
    )


def render_markdown(source: str, values: Mapping[str, str] | None = None) -> Rendered:
    """Render a page body: substitute site tokens, add ids and classes, sanitise once."""
    text, unknown = substitute_tokens(source, values or {})
    parser = _parser()
    tokens = parser.parse(text)
    has_h1 = any(t.type == "heading_open" and t.tag == "h1" for t in tokens)
    headings = _assign_heading_ids(tokens)
    _add_classes(tokens)
    links, sections, prose = _collect(tokens)
    _link_phone_numbers(tokens)
    html = sanitise(parser.renderer.render(tokens, parser.options, {}))
    return Rendered(
        html=html,
        headings=headings,
        links=links,
        sections=sections,
        prose=prose,
        unknown_tokens=unknown,
        has_h1=has_h1,
    )
