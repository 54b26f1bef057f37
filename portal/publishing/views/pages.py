"""Content pages (the two local offers, parent information, site policies) and their PDFs."""

from __future__ import annotations

from contextlib import nullcontext
from typing import Any

from flask import Response, abort, render_template, url_for
from flask_babel import force_locale

from portal.core.access import public
from portal.core.pdf import cached_pdf, send_pdf
from portal.publishing.content import PageView
from portal.publishing.directory import services_for_needs
from portal.publishing.labels import GROUP_LABELS
from portal.publishing.service import cacheable, current_lang, library, page_view, section_chunks
from portal.publishing.views.blueprint import bp

# Pages with a PDF version: the offers and the parent information.
PDF_SLUGS = ("kinship", "care-leavers", "parents")


def _rule_for(view: PageView, heading_id: str | None) -> dict[str, Any] | None:
    key = view.english.section_for_heading(heading_id) if heading_id else None
    return view.english.sections.get(key) if key else None


def page_context(view: PageView) -> dict[str, Any]:
    """Everything a content page template needs, worked out here rather than in the template."""
    chunks = []
    for heading_id, html in section_chunks(view.page.rendered.html):
        rule = _rule_for(view, heading_id)
        chunks.append(
            {
                "id": heading_id,
                "html": html,
                "who": [GROUP_LABELS[w] for w in (rule or {}).get("who", [])],
                "ages": (rule or {}).get("ages"),
                "services": services_for_needs(rule["needs"], limit=3)
                if rule and rule.get("needs")
                else [],
            }
        )
    content = library()
    slug = view.english.slug
    return {
        "view": view,
        "page": view.page,
        "chunks": chunks,
        "contents": [h for h in view.page.rendered.headings if h.level == 2],
        "children": content.children(slug, current_lang()) if "/" not in slug else [],
        "cover_tracks": content.snippet("cover-your-tracks", current_lang())
        if view.page.sensitive
        else None,
        "pdf_url": _pdf_url(slug),
        "checker_url": _checker_url(view),
    }


def _pdf_url(slug: str) -> str | None:
    if slug in PDF_SLUGS:
        return url_for(f"publishing.{slug.replace('-', '_')}_pdf")
    if slug.startswith("parents/"):
        return url_for("publishing.parent_page_pdf", slug=slug.removeprefix("parents/"))
    return None


def _checker_url(view: PageView) -> str | None:
    offer = view.english.offer
    return url_for(f"publishing.{offer.replace('-', '_')}_checker") if offer else None


def show_page(slug: str) -> Response:
    """Render a content page in the reader's language, or 404."""
    view = page_view(slug)
    if view is None:
        abort(404)
    return cacheable(Response(render_template("publishing/page.html", **page_context(view))))


def page_pdf(slug: str) -> Response:
    """A content page as a tagged PDF, made once per content version and language."""
    view = page_view(slug)
    if view is None:
        abort(404)
    lang = current_lang()
    key = ("publishing", slug, lang, view.page.lang, view.page.hash, view.english.hash)

    def render_html() -> str:
        # A page shown in English for want of a translation is printed wholly in English.
        with force_locale("en") if view.is_fallback else nullcontext():
            return render_template("publishing/page_pdf.html", **page_context(view))

    data = cached_pdf(key, render_html)
    return send_pdf(data, slug.replace("/", "-") + f"-{lang}.pdf")


@bp.route("/kinship")
@public
def kinship() -> Response:
    """The Kinship Local Offer."""
    return show_page("kinship")


@bp.route("/kinship.pdf")
@public
def kinship_pdf() -> Response:
    """The Kinship Local Offer as a PDF."""
    return page_pdf("kinship")


@bp.route("/care-leavers")
@public
def care_leavers() -> Response:
    """The Care Leaver Local Offer."""
    return show_page("care-leavers")


@bp.route("/care-leavers.pdf")
@public
def care_leavers_pdf() -> Response:
    """The Care Leaver Local Offer as a PDF."""
    return page_pdf("care-leavers")


@bp.route("/parents")
@public
def parents() -> Response:
    """The hub of information for parents."""
    return show_page("parents")


@bp.route("/parents.pdf")
@public
def parents_pdf() -> Response:
    """The parents' hub page as a PDF."""
    return page_pdf("parents")


@bp.route("/parents/<slug>")
@public
def parent_page(slug: str) -> Response:
    """One page of information for parents."""
    return show_page(f"parents/{slug}")


@bp.route("/parents/<slug>.pdf")
@public
def parent_page_pdf(slug: str) -> Response:
    """One parent information page as a PDF."""
    return page_pdf(f"parents/{slug}")


@bp.route("/accessibility")
@public
def accessibility() -> Response:
    """The accessibility statement."""
    return show_page("accessibility")


@bp.route("/privacy")
@public
def privacy() -> Response:
    """The privacy notice."""
    return show_page("privacy")


@bp.route("/cookies")
@public
def cookies() -> Response:
    """The cookies page."""
    return show_page("cookies")
