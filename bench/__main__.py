"""`make bench`: serve the portal and a bare Flask app under gunicorn, then measure both.

Measures, for each page in bench/pages.py: bytes over the wire (gzip) on a first visit (the page
and every stylesheet and script it links) and on a repeat visit (static files are cached for a
year, so only the page), and the median and 95th percentile time per request, next to a bare
Flask app under the same server in the same run. Writes bench/results/report.md.
"""

import gzip
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.pages import PUBLIC_PAGES, BenchPage

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
REQUESTS_PER_PAGE = int(os.environ.get("BENCH_REQUESTS", "200"))
ASSET = re.compile(r'<(?:link[^>]+href|script[^>]+src)="([^"]+)"')


def fetch(url: str, headers: dict | None = None) -> tuple[bytes, dict]:
    """GET a URL asking for gzip; return the body as sent and the headers."""
    if not url.startswith("http://127.0.0.1:"):
        raise ValueError(f"the benchmark only talks to loopback: {url}")
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip", **(headers or {})})  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return response.read(), dict(response.headers)


def wire_bytes(url: str, headers: dict | None = None) -> tuple[int, str]:
    """Bytes over the wire for one resource, and its text."""
    body, response_headers = fetch(url, headers)
    text = gzip.decompress(body) if response_headers.get("Content-Encoding") == "gzip" else body
    return len(body), text.decode("utf-8", "replace")


def first_and_repeat(base: str, page: BenchPage) -> tuple[int, int]:
    """Bytes for a first visit (page + linked CSS/JS) and a repeat visit (page only)."""
    headers = {"HX-Request": "true"} if page.fragment else None
    page_bytes, html = wire_bytes(base + page.path, headers)
    assets = sum(
        wire_bytes(base + link.replace("&amp;", "&"))[0] for link in set(ASSET.findall(html))
    )
    # app.js imports GOV.UK Frontend's module itself.
    if "app.js" in html:
        assets += wire_bytes(base + "/static/vendor/govuk-frontend/govuk-frontend.min.js")[0]
    return page_bytes + (0 if page.fragment else assets), page_bytes


def timings(url: str, count: int) -> tuple[float, float]:
    """Median and 95th percentile milliseconds over `count` sequential requests."""
    samples = []
    for _ in range(count):
        start = time.perf_counter()
        fetch(url)
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def serve(module: str, port: int, env: dict) -> subprocess.Popen:
    """Start gunicorn with one worker on 127.0.0.1:port and wait until it answers."""
    process = subprocess.Popen(  # noqa: S603 - fixed arguments
        [sys.executable, "-m", "gunicorn", "--workers", "1", "--bind", f"127.0.0.1:{port}", module],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            fetch(f"http://127.0.0.1:{port}/")
            return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"{module} did not start on port {port}")


def main() -> None:
    """Run the benchmark and write the report."""
    workdir = Path(tempfile.mkdtemp(prefix="bench-"))
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "SECRET_KEY": "bench",
        "RATELIMIT_ENABLED": "0",
        "PDF_CACHE_DIR": str(workdir / "pdf-cache"),
        "FLASK_APP": "portal",
    }
    flask = [sys.executable, "-m", "flask"]
    subprocess.run([*flask, "db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)  # noqa: S603
    subprocess.run([*flask, "demo", "load"], cwd=ROOT, env=env, check=True, capture_output=True)  # noqa: S603
    portal = serve("wsgi:app", 5081, env)
    bare = serve("bench.bare:app", 5082, env)
    try:
        bare_median, bare_p95 = timings("http://127.0.0.1:5082/", REQUESTS_PER_PAGE)
        rows = []
        for page in PUBLIC_PAGES:
            first, repeat = first_and_repeat("http://127.0.0.1:5081", page)
            median, p95 = timings(f"http://127.0.0.1:5081{page.path}", REQUESTS_PER_PAGE)
            rows.append((page, first, repeat, median, p95))
    finally:
        for process in (portal, bare):
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)

    lines = [
        "# Benchmark",
        "",
        f"gunicorn, 1 worker, {REQUESTS_PER_PAGE} sequential requests per page, loopback.",
        f"Bare Flask app: median {bare_median:.1f} ms, p95 {bare_p95:.1f} ms.",
        "",
        "| page | first visit (gzip bytes) | repeat visit | median ms | p95 ms | median vs bare |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for page, first, repeat, median, p95 in rows:
        lines.append(
            f"| {page.name} `{page.path}` | {first:,} | {repeat:,} | {median:.1f} | {p95:.1f} "
            f"| {median / bare_median:.1f}x |"
        )
    RESULTS.mkdir(parents=True, exist_ok=True)
    report = "\n".join(lines) + "\n"
    (RESULTS / "report.md").write_text(report)
    print(report)


if __name__ == "__main__":
    main()
