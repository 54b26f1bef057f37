"""What the law says each local offer must cover, held as data for the completeness check."""

from __future__ import annotations

# Kinship care statutory guidance (2024): the areas a Kinship Local Offer must set out.
KINSHIP_SECTIONS: dict[str, str] = {
    "financial-support": "Financial support and benefits advice",
    "practical-support": "Practical support, advice and training",
    "emotional-support": "Emotional and therapeutic support",
    "peer-support": "Peer and support groups",
    "housing": "Housing",
    "education-childcare": "Education and childcare, including the virtual school",
    "family-time": "Family time (contact)",
    "legal-advice": "Legal advice",
}

# The kinship arrangements an offer must say it covers ("by need, not legal status").
KINSHIP_CARER_TYPES: tuple[str, ...] = (
    "informal",
    "special-guardian",
    "child-arrangements",
    "kinship-foster",
)

# Children and Social Work Act 2017 s2 (as amended), plus the duties every offer must state.
CARE_LEAVER_SECTIONS: dict[str, str] = {
    "health-wellbeing": "Health and well-being",
    "relationships": "Relationships",
    "education-training": "Education and training",
    "employment": "Employment",
    "accommodation": "Accommodation",
    "staying-put": "Staying put",
    "staying-close": "Staying close",
    "homelessness-prevention": "Homelessness prevention",
    "not-intentionally-homeless": "Not treated as intentionally homeless",
    "participation": "Participation in society",
    "financial-support": "Financial support",
    "financial-literacy": "Financial literacy (managing money)",
    "transition-adulthood": "Transition to adulthood",
    "personal-adviser": "A personal adviser up to age 25",
    "council-tax": "Council tax exemption",
}

# Leaving care statuses under the Children Act 1989 as amended.
CARE_LEAVER_STATUSES: tuple[str, ...] = ("eligible", "relevant", "former-relevant", "qualifying")

OFFERS: dict[str, tuple[dict[str, str], tuple[str, ...]]] = {
    "kinship": (KINSHIP_SECTIONS, KINSHIP_CARER_TYPES),
    "care-leavers": (CARE_LEAVER_SECTIONS, CARE_LEAVER_STATUSES),
}
