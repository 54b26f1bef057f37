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
    BenchPage("Kinship Local Offer", "/kinship"),
    BenchPage("Care Leaver Local Offer", "/care-leavers"),
    BenchPage("Care Leaver Local Offer in Arabic", "/care-leavers?lang=ar"),
    BenchPage("parent information", "/parents/child-protection"),
    BenchPage(
        "kinship checker with answers",
        "/kinship/checker?arrival=court-decided&order=special-guardianship&child_age=9",
    ),
    BenchPage("find a service", "/services?need=money"),
    BenchPage("site search", "/search?q=housing"),
    BenchPage("survey start page", "/have-your-say/youth-club-2027"),
    BenchPage("you said, we did (chart and table)", "/you-said-we-did/youth-club-2027"),
)
