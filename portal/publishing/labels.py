"""Words people see for the codes the publishing logic uses, in their language."""

from flask_babel import lazy_gettext as _l

GROUP_LABELS = {
    "informal": _l("Informal kinship carers"),
    "special-guardian": _l("Special guardians"),
    "child-arrangements": _l("Child arrangements order holders"),
    "kinship-foster": _l("Kinship foster carers"),
    "eligible": _l("Eligible care leavers (16 or 17, still in care)"),
    "relevant": _l("Relevant care leavers (16 or 17, left care)"),
    "former-relevant": _l("Former relevant care leavers (18 to 25)"),
    "qualifying": _l("Qualifying care leavers"),
}

NEED_LABELS = {
    "domestic-abuse": _l("Domestic abuse"),
    "mental-health": _l("Mental health and wellbeing"),
    "substance-use": _l("Alcohol and drugs"),
    "neglect": _l("Meeting children's basic needs"),
    "exploitation": _l("Exploitation and risk outside the home"),
    "school-attendance": _l("School attendance"),
    "housing": _l("Housing and homelessness"),
    "money": _l("Money, debt and benefits"),
    "disability-send": _l("Disability and special educational needs"),
    "young-carer": _l("Young carers"),
    "parenting": _l("Parenting and family relationships"),
    "kinship": _l("Kinship care"),
    "care-leavers": _l("Care leavers"),
    "early-years": _l("Early years"),
    "youth": _l("Youth services"),
    "other": _l("Other help"),
}

NOTE_LABELS = {
    "ask-if-looked-after": _l(
        "If the council arranged for the child to live with you, the child may be in care. "
        "Ask us: you may be able to get the same help as a foster carer."
    ),
    "check-court-papers": _l(
        "A court was involved, so there may be an order. Check your court papers or ask us."
    ),
    "not-sure-order": _l(
        "You were not sure about a legal order, so we have shown what could apply. Ask us to check."
    ),
    "child-is-adult": _l(
        "The child is now an adult. Some help may carry on, for example while they are in "
        "education. Ask us."
    ),
    "check-time-in-care": _l(
        "You were not sure how long you were in care. Your personal adviser can check your records."
    ),
    "outside-age-range": _l(
        "Care leaver support is for young people aged 16 to 25. If you are younger and in care, "
        "talk to your social worker."
    ),
    "looked-after-child": _l(
        "You are still in care, so your social worker supports you now. Ask them about "
        "planning for leaving care."
    ),
    "qualifying-over-21": _l(
        "After 21, qualifying care leavers get help while they are in education or training."
    ),
    "status-differs": _l(
        "The status you chose is different from what your answers suggest. We have used the "
        "status you chose. Your personal adviser can confirm it."
    ),
}
