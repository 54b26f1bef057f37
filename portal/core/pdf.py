"""PDFs made with WeasyPrint, tagged PDF/UA, rendered once per key and then served from cache."""

import hashlib
import mimetypes
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from flask import Response, current_app
from weasyprint import HTML
from weasyprint.document import Document
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse


class StaticFilesOnly(URLFetcher):
    """PDFs never reach the network: /static/ paths and data: URLs only."""

    def __init__(self, static_dir: Path) -> None:
        super().__init__(allowed_protocols={"file", "data"}, fail_on_errors=True)
        self.static_dir = static_dir.resolve()

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        path_part = url.removeprefix("file://").split("?")[0]
        if path_part.startswith("/static/"):
            path = (self.static_dir / path_part.removeprefix("/static/")).resolve()
            if self.static_dir in path.parents and path.is_file():
                # Without a type WeasyPrint reads text/plain and ignores the stylesheet.
                kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, path.read_bytes(), headers={"Content-Type": kind})
        raise FatalURLFetchingError(f"PDF rendering refused to fetch {url}")


PDF_VARIANT = "pdf/ua-1"


def _laid_out(html: str) -> Document:
    fetcher = StaticFilesOnly(Path(current_app.static_folder or "static"))
    return HTML(string=html, base_url="file:///", url_fetcher=fetcher).render(
        pdf_variant=PDF_VARIANT
    )


def html_to_pdf(html: str) -> bytes:
    """Render HTML to a tagged PDF/UA-1 document; `/static/...` links resolve to our files."""
    pdf: bytes = _laid_out(html).write_pdf(pdf_variant=PDF_VARIANT)
    return pdf


def html_to_pdf_within(pages: int, renderings: Iterable[str]) -> bytes:
    """The first of these HTML renderings that fits on `pages` pages (else the last), as PDF."""
    document = None
    for html in renderings:
        document = _laid_out(html)
        if len(document.pages) <= pages:
            break
    if document is None:
        raise ValueError("no HTML to render")
    pdf: bytes = document.write_pdf(pdf_variant=PDF_VARIANT)
    return pdf


def _cache_path(key: tuple[str, ...]) -> Path:
    digest = hashlib.sha256("\x1f".join(key).encode()).hexdigest()
    return Path(current_app.config["PDF_CACHE_DIR"]) / f"{digest}.pdf"


def cached_pdf(key: tuple[str, ...], render_html: Callable[[], str]) -> bytes:
    """The PDF for this key, rendering it only when the cache has none."""
    return cached_pdf_from(key, lambda: html_to_pdf(render_html()))


def cached_pdf_from(key: tuple[str, ...], make_pdf: Callable[[], bytes]) -> bytes:
    """The PDF for this key, calling `make_pdf` only when the cache has none."""
    path = _cache_path(key)
    if path.exists():
        return path.read_bytes()
    data = make_pdf()
    path.parent.mkdir(parents=True, exist_ok=True)
    # Write then rename, so two workers never serve a half-written file.
    handle, temp_name = tempfile.mkstemp(dir=path.parent, suffix=".part")
    with os.fdopen(handle, "wb") as temp:
        temp.write(data)
    os.replace(temp_name, path)
    return data


def send_pdf(data: bytes, filename: str) -> Response:
    """A PDF response that the browser offers to save."""
    response = Response(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response
