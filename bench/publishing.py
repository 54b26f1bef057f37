"""Measure /care-leavers: bytes over the wire (first and repeat visit) and its PDF.

Run: .venv/bin/python bench/publishing.py
Serves the portal with Werkzeug on 127.0.0.1 (threaded, Flask-Compress on), loads the page in
headless Chromium with a fresh cache, and reads the Resource Timing transfer sizes.
"""

from __future__ import annotations

import io
import tempfile
import threading
import time
from pathlib import Path

from flask_migrate import upgrade
from playwright.sync_api import sync_playwright
from pypdf import PdfReader
from werkzeug.serving import make_server

from portal import create_app

PAGE = "/care-leavers"
CHROMIUM = "/usr/bin/chromium"
TRANSFER = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const res = performance.getEntriesByType('resource');
  return {page: nav.transferSize, resources: res.map(r => [r.name, r.transferSize]),
          total: nav.transferSize + res.reduce((s, r) => s + r.transferSize, 0)};
}"""


def main() -> None:
    root = Path(tempfile.mkdtemp())
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{root / 'bench.sqlite3'}",
            "SECRET_KEY": "bench",
            "SESSION_COOKIE_SECURE": False,
            "PDF_CACHE_DIR": str(root / "pdf-cache"),
        }
    )
    with app.app_context():
        upgrade()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    base = f"http://127.0.0.1:{server.server_port}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            context = browser.new_context(viewport={"width": 320, "height": 640})
            page = context.new_page()
            page.goto(base + PAGE, wait_until="load")
            first = page.evaluate(TRANSFER)
            page.goto(base + PAGE, wait_until="load")
            repeat = page.evaluate(TRANSFER)
            browser.close()
        client = app.test_client()
        started = time.perf_counter()
        cold = client.get(PAGE + ".pdf")
        cold_seconds = time.perf_counter() - started
        started = time.perf_counter()
        cached = client.get(PAGE + ".pdf")
        cached_seconds = time.perf_counter() - started
        assert cold.data == cached.data
        pages = len(PdfReader(io.BytesIO(cold.data)).pages)
    finally:
        server.shutdown()

    print(
        f"{PAGE} first visit: {first['total']} bytes over the wire "
        f"(HTML {first['page']} bytes, {len(first['resources'])} other files)"
    )
    for name, size in first["resources"]:
        print(f"    {size:>7} {name.replace(base, '')}")
    print(f"{PAGE} repeat visit: {repeat['total']} bytes over the wire")
    print(
        f"{PAGE}.pdf: {pages} pages, {len(cold.data)} bytes; render cold {cold_seconds:.2f} s, "
        f"from cache {cached_seconds * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
