"""The needs a family may have: one vocabulary for the directory, referrals and signposting."""

NEED_CODES: tuple[str, ...] = (
    "domestic-abuse",
    "mental-health",
    "substance-use",
    "neglect",
    "exploitation",
    "school-attendance",
    "housing",
    "money",
    "disability-send",
    "young-carer",
    "parenting",
    "kinship",
    "care-leavers",
    "early-years",
    "youth",
    "other",
)
