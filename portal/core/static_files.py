"""Static files travel gzipped: compressed once per file version, then served from memory."""

import gzip
from functools import lru_cache
from pathlib import Path

from flask import Flask, Response, current_app, request

COMPRESSIBLE = {"text/css", "text/javascript", "application/javascript", "image/svg+xml"}


@lru_cache(maxsize=64)
def _gzipped(path: str, modified: float) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=9, mtime=0)


def compress_static(response: Response) -> Response:
    """after_request: gzip CSS, JavaScript and SVG from /static/ when the browser accepts it."""
    if (
        request.endpoint != "static"
        or response.status_code != 200
        or response.mimetype not in COMPRESSIBLE
        or "gzip" not in request.headers.get("Accept-Encoding", "")
    ):
        return response
    filename = (request.view_args or {}).get("filename", "")
    path = Path(current_app.static_folder or "static") / filename
    if not path.is_file():
        return response
    response.direct_passthrough = False
    response.set_data(_gzipped(str(path), path.stat().st_mtime))
    response.headers["Content-Encoding"] = "gzip"
    response.vary.add("Accept-Encoding")
    return response


def init_static_files(app: Flask) -> None:
    """Register the hook (after Flask-Compress, so it runs first and Compress then skips)."""
    app.after_request(compress_static)
