"""The pages the benchmark measures. Features add theirs: (name, path, needs sign-in as)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class BenchPage:
    """One page to measure."""

    name: str
    path: str
    fragment: bool = False  # an htmx fragment (sent with HX-Request: true)


PUBLIC_PAGES: tuple[BenchPage, ...] = (
    BenchPage("home", "/"),
    BenchPage("home in Arabic", "/?lang=ar"),
    BenchPage("sign in", "/sign-in"),
    BenchPage("translations", "/languages"),
)
