"""Walk every route with every role, on real records: each person gets exactly what they may.

Every endpoint the app has is in exactly one group below, and EXPECTED says, for each group and
each person, what they get. A route the table does not know fails the test, so a new page has to
be placed here on purpose. URL parameters are filled with real public ids from
`tests/security/records.py`: side "A" is the person's own (their family, their referral, their
team's family), side "B" is someone else's, which must be a 404 (never 200, 403 or 500).

Each person signs in once through the real sign-in pages, and every POST carries a valid CSRF
token for that session, so the access rule is what is tested, not the CSRF check.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.routing import MapAdapter, Rule

from portal.accounts.models import Account
from tests.conftest import TEST_PASSWORD, csrf_token_from, next_totp_code, post_form
from tests.integration.plans.plan_factories import sign_in_family
from tests.security.records import PRINCIPALS, World, build_world, url_values

# --- the expectations ---------------------------------------------------------------------------

OPEN = "open"  # anyone: the page works (200, or a redirect that is not to a sign-in page)
SIGN_IN = "sign in"  # not signed in: sent to the staff and partner sign-in, coming back after
FAMILY_SIGN_IN = "family sign in"  # not signed in: sent to the family sign-in, coming back after
HIDDEN = "404"  # signed in without the role: a 404, so the page's existence is not confirmed
OWN = "own"  # the role's pages work on their own records (side A); another's (side B) is a 404
ANY = "any"  # the role's pages work on every record of that kind, side A and side B
NOT_THEIRS = "not theirs"  # pages without a record work; every record here is someone else's

GROUPS: dict[str, frozenset[str]] = {
    "open to all": frozenset(
        {
            "static",
            "core.home",
            "core.healthz",
            "core.languages",
            "core.site_css",
            "outbox.dev_outbox",
            "publishing.accessibility",
            "publishing.care_leavers",
            "publishing.care_leavers_pdf",
            "publishing.care_leavers_checker",
            "publishing.cookies",
            "publishing.kinship",
            "publishing.kinship_pdf",
            "publishing.kinship_checker",
            "publishing.parents",
            "publishing.parents_pdf",
            "publishing.parent_page",
            "publishing.parent_page_pdf",
            "publishing.privacy",
            "publishing.search",
            "publishing.services",
            "publishing.service",
            "oruk.root",
            "oruk.not_found",
            "oruk.openapi",
            "oruk.services",
            "oruk.service",
            "oruk.taxonomies",
            "oruk.taxonomy",
            "oruk.taxonomy_terms",
            "oruk.taxonomy_term",
            "coproduction.survey_start",
            "coproduction.survey_question",
            "coproduction.survey_send",
            "coproduction.survey_begin",
            "coproduction.survey_thanks",
            "coproduction.page_feedback",
            "coproduction.page_feedback_missing",
            "coproduction.you_said_we_did_index",
            "coproduction.you_said_we_did_survey",
            "accounts.sign_in",
            "accounts.sign_in_code",
            "accounts.sign_in_recovery_code",
            "accounts.signed_out",
            "accounts.partners_home",
            "accounts.partner_register",
            "accounts.partner_set_up_authenticator",
            "accounts.partner_confirm_email",
            "accounts.partner_set_password",
            "accounts.family_sign_in",
            "accounts.family_sign_in_code",
            "accounts.family_set_password",
            "accounts.confirm_code",
            "accounts.resend_confirm_code",
            "accounts.accept_invitation",
            "accounts.passkey_sign_in_options",
            "accounts.passkey_sign_in_verify",
        }
    ),
    "anyone signed in": frozenset({"accounts.keep_alive", "accounts.sign_out_page"}),
    "staff and partners": frozenset({"accounts.staff_home", "accounts.recovery_codes"}),
    "family": frozenset(
        {
            "plans.my_plan",
            "plans.my_versions",
            "plans.my_version",
            "plans.my_version_pdf",
            "plans.my_views",
            "plans.who_has_looked",
            "accounts.passkeys",
            "accounts.passkey_register_options",
            "accounts.passkey_register_verify",
            "accounts.family_sign_out",
        }
    ),
    "plans (practitioners)": frozenset(
        {
            "plans.families",
            "plans.new_family",
            "plans.family",
            "plans.reply",
            "plans.invite",
            "plans.editor",
            "plans.edit_goal",
            "plans.edit_action",
            "plans.remove_action",
            "plans.remove_goal",
            "plans.new_version",
            "plans.preview",
            "plans.publish",
            "plans.edit_section",
            "plans.show_section",
            "plans.remove_person",
            "plans.add_person",
            "plans.staff_version",
            "plans.staff_version_pdf",
        }
    ),
    "referring": frozenset(
        {
            "referrals.home",
            "referrals.start",
            "referrals.resume",
            "referrals.check",
            "referrals.delete_draft",
            "referrals.outcome",
            "referrals.pdf",
            "referrals.sent",
            "referrals.signposted",
            "referrals.step",
            "referrals.change_person_page",
            "referrals.remove_person_page",
        }
    ),
    "front door": frozenset(
        {"referrals.queue", "referrals.read", "referrals.ask", "referrals.decide"}
    ),
    "have your say (officers)": frozenset(
        {
            "coproduction.officer_home",
            "coproduction.officer_new_survey",
            "coproduction.officer_page_feedback",
            "coproduction.officer_safety_words",
            "coproduction.officer_survey",
            "coproduction.officer_close_survey",
            "coproduction.officer_open_survey",
            "coproduction.officer_edit_details",
            "coproduction.officer_export",
            "coproduction.officer_paper_response",
            "coproduction.officer_poster",
            "coproduction.officer_preview",
            "coproduction.officer_qr_code",
            "coproduction.officer_remove_question",
            "coproduction.officer_add_question",
            "coproduction.officer_responses",
            "coproduction.officer_response",
            "coproduction.officer_results",
            "coproduction.officer_themes",
            "coproduction.officer_rename_theme",
            "coproduction.officer_merge_themes",
            "coproduction.officer_translations",
            "coproduction.officer_you_said_we_did",
            "coproduction.officer_entry_status",
        }
    ),
}


def row(*outcomes: str) -> dict[str | None, str]:
    """One line of the table: an outcome for each person, in the order of PRINCIPALS."""
    return dict(zip(PRINCIPALS, outcomes, strict=True))


# fmt: off
EXPECTED: dict[str, dict[str | None, str]] = {
    #                             nobody          family  partner front door  lead    lcpp    manager officer admin  # noqa: E501
    "open to all":              row(OPEN,           OPEN,   OPEN,   OPEN,       OPEN,   OPEN,   OPEN,   OPEN,   OPEN),    # noqa: E501
    "anyone signed in":         row(SIGN_IN,        OWN,    OWN,    OWN,        OWN,    OWN,    OWN,    OWN,    OWN),     # noqa: E501
    "staff and partners":       row(SIGN_IN,        HIDDEN, OWN,    OWN,        OWN,    OWN,    OWN,    OWN,    OWN),     # noqa: E501
    "family":                   row(FAMILY_SIGN_IN, OWN,    HIDDEN, HIDDEN,     HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN),  # noqa: E501
    "plans (practitioners)":    row(SIGN_IN,        HIDDEN, HIDDEN, HIDDEN,     OWN,    OWN,    OWN,    HIDDEN, HIDDEN),  # noqa: E501
    "referring":                row(SIGN_IN,        HIDDEN, OWN,    NOT_THEIRS, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN),  # noqa: E501
    "front door":               row(SIGN_IN,        HIDDEN, HIDDEN, ANY,        HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN),  # noqa: E501
    "have your say (officers)": row(SIGN_IN,        HIDDEN, HIDDEN, HIDDEN,     HIDDEN, HIDDEN, HIDDEN, ANY,    HIDDEN),  # noqa: E501
}
# fmt: on

# --- walking ------------------------------------------------------------------------------------

# A partner's registration id only means something to the session that started it: anyone
# else's, like the made-up one here, is a 404 (the rule for another's record). And the API's 404.
PUBLIC_NOT_FOUND = {
    "oruk.not_found",
    "accounts.partner_confirm_email",
    "accounts.partner_set_password",
    "accounts.partner_set_up_authenticator",
}
# JSON endpoints that answer a POST with no body with 400 (the walk sends only the CSRF token).
EMPTY_POST_IS_400 = {
    "coproduction.page_feedback",
    "accounts.passkey_sign_in_verify",
    "accounts.passkey_register_verify",
}
# What a browser always sends with these forms besides the token (none needed today: an empty
# question to the referrer, or an action posted without its date boxes, shows its error page).
BROWSER_FIELDS: dict[str, dict[str, object]] = {}

IGNORED_METHODS = {"HEAD", "OPTIONS"}  # Werkzeug answers these for every GET route by itself
SIGN_IN_PATHS = {SIGN_IN: "/sign-in", FAMILY_SIGN_IN: "/my-plan/sign-in"}

# POSTs that use up what they act on run after every other request, in this order, each person
# in turn (each plan editor removes their own goal, action and helper; see records.py).
LAST = (
    "referrals.signposted",
    "referrals.check",
    "referrals.delete_draft",
    "plans.remove_action",
    "plans.remove_goal",
    "plans.remove_person",
    "plans.publish",
    "plans.new_version",
    "coproduction.officer_merge_themes",
    "coproduction.officer_remove_question",
    "coproduction.officer_close_survey",
    "coproduction.officer_open_survey",
)
SIGNING_OUT = ("accounts.family_sign_out", "accounts.sign_out_page")


@dataclass(frozen=True)
class Cell:
    """One request: a person, a route, a method and whose records fill its URL."""

    principal: str | None
    rule: Rule
    method: str
    side: str | None  # None: the URL names no record

    def order(self) -> tuple[int, int, int]:
        person = PRINCIPALS.index(self.principal)
        if self.rule.endpoint in SIGNING_OUT:
            return (3, person, SIGNING_OUT.index(self.rule.endpoint))
        if self.method == "POST" and self.rule.endpoint in LAST:
            return (2, person, LAST.index(self.rule.endpoint))
        return (0 if self.method == "GET" else 1, 0, 0)


def url_for_rule(
    adapter: MapAdapter, rule: Rule, method: str, world: World, side: str, principal: str | None
) -> str:
    """This rule's URL (not a sibling's with the same endpoint), filled from one side's records."""
    fixed = dict(rule.defaults or {})
    values = url_values(world, rule.endpoint, set(rule.arguments) - set(fixed), side, principal)
    url = adapter.build(rule.endpoint, {**values, **fixed}, method=method)
    built_from, _ = adapter.match(url, method=method, return_rule=True)
    assert built_from is rule, f"{url} is not {rule.rule}"
    return url


def cells(app: Flask, world: World) -> Iterator[tuple[Cell, str]]:
    """Every person x every route x every method, once per side when the URL names a record."""
    adapter = app.url_map.bind("localhost")
    found = []
    for rule in app.url_map.iter_rules():
        for method in sorted(rule.methods - IGNORED_METHODS):
            for principal in PRINCIPALS:
                urls = {
                    side: url_for_rule(adapter, rule, method, world, side, principal)
                    for side in ("A", "B")
                }
                if urls["A"] == urls["B"]:
                    found.append((Cell(principal, rule, method, None), urls["A"]))
                elif EXPECTED[group_of(rule.endpoint)][principal] == HIDDEN:
                    # Refused before any record is read, and A's records are not theirs either:
                    # one side is enough (and keeps the walk short).
                    found.append((Cell(principal, rule, method, "A"), urls["A"]))
                else:
                    found.extend((Cell(principal, rule, method, s), u) for s, u in urls.items())
    found.sort(key=lambda item: item[0].order())
    return iter(found)


def group_of(endpoint: str) -> str:
    (group,) = [name for name, endpoints in GROUPS.items() if endpoint in endpoints]
    return group


def signed_in_clients(app: Flask, world: World) -> dict[str | None, FlaskClient]:
    """One client per person, signed in through the real pages."""
    clients: dict[str | None, FlaskClient] = {None: app.test_client()}
    for number, principal in enumerate(PRINCIPALS[1:], start=1):
        client = app.test_client()
        # Each person on their own address, as in life, so sign-in rate limits see one each.
        client.environ_base["REMOTE_ADDR"] = f"192.0.2.{number}"
        sign_in(app, client, principal, world.accounts[principal])
        clients[principal] = client
    return clients


def sign_in(app: Flask, client: FlaskClient, principal: str, account: Account) -> None:
    """Sign in through the real pages: family members with a code, everyone else a TOTP."""
    if principal == "family":
        sign_in_family(client, account, TEST_PASSWORD)
        return
    response = post_form(client, "/sign-in", {"email": account.email, "password": TEST_PASSWORD})
    assert response.status_code == 302, f"{principal}: password step failed"
    response = post_form(client, "/sign-in/code", {"code": next_totp_code(account, app)})
    assert response.status_code == 302, f"{principal}: code step failed"


def csrf_tokens(clients: dict[str | None, FlaskClient]) -> dict[str | None, str]:
    """A valid CSRF token for each session, read from a page as a browser would."""
    return {principal: csrf_token(principal, client) for principal, client in clients.items()}


def signed_in(client: FlaskClient) -> bool:
    """True while the session is signed in (the home page then carries the htmx token)."""
    return '<meta name="csrf-token"' in client.get("/").get_data(as_text=True)


def csrf_token(principal: str | None, client: FlaskClient) -> str:
    """The token a page gives this session: a form's field, or the htmx meta tag when signed in."""
    if principal is None:
        return csrf_token_from(client.get("/sign-in"))
    text = client.get("/").get_data(as_text=True)
    marker = '<meta name="csrf-token" content="'
    assert marker in text, f"{principal}: no CSRF token on the home page"
    return text.split(marker, 1)[1].split('"', 1)[0]


def problem(expected: str, cell: Cell, status: int, location: str, url: str) -> str | None:
    """Why this response is wrong for what the table expects, or None when it is right."""
    if status >= 500:
        return f"server error {status}"
    where = urlsplit(location)
    came_from = parse_qs(where.query).get("next", [""])[0]
    endpoint = cell.rule.endpoint
    if expected in SIGN_IN_PATHS:
        if status != 302 or where.path != SIGN_IN_PATHS[expected] or came_from != url:
            return (
                f"wanted a redirect to {SIGN_IN_PATHS[expected]}?next=..., got {status} {location}"
            )
        return None
    refused = expected == HIDDEN or (expected == OWN and cell.side == "B")
    refused = refused or (expected == NOT_THEIRS and cell.side is not None)
    refused = refused or (expected == OPEN and endpoint in PUBLIC_NOT_FOUND)
    if refused:
        return None if status == 404 else f"wanted 404, got {status} {location}"
    if status in {200, 204} or (status == 400 and endpoint in EMPTY_POST_IS_400):
        return None
    if status in {302, 303} and not where.netloc:
        if expected == OPEN and not came_from:
            return None  # a public step sending someone back to its start
        if "sign-in" not in where.path:
            return None
    return f"wanted the page, got {status} {location}"


def test_every_route_with_every_role_on_real_records(app: Flask, make_account) -> None:
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    grouped = set().union(*GROUPS.values())
    assert endpoints == grouped, (
        f"routes the matrix does not know: {sorted(endpoints - grouped)}; "
        f"routes it knows that the app no longer has: {sorted(grouped - endpoints)}"
    )
    assert sum(len(g) for g in GROUPS.values()) == len(grouped), "an endpoint is in two groups"

    world = build_world(app, make_account)
    clients = signed_in_clients(app, world)
    tokens = csrf_tokens(clients)
    failures, walked = [], 0
    for cell, url in cells(app, world):
        client = clients[cell.principal]
        endpoint = cell.rule.endpoint
        data = None
        if cell.method != "GET":
            data = {"csrf_token": tokens[cell.principal], **BROWSER_FIELDS.get(endpoint, {})}
        headers = {"X-CSRFToken": tokens[cell.principal]} if cell.method != "GET" else {}
        expected = EXPECTED[group_of(endpoint)][cell.principal]
        try:
            response = client.open(url, method=cell.method, data=data, headers=headers)
        except Exception as error:  # a crash is a wrong answer like any other
            wrong = f"raised {type(error).__name__}: {error}"
        else:
            location = response.headers.get("Location", "")
            wrong = problem(expected, cell, response.status_code, location, url)
        if wrong:
            failures.append(
                f"{cell.principal or 'nobody'} {cell.method} {url} "
                f"({cell.rule.endpoint}, side {cell.side}, expected {expected}): {wrong}"
            )
        walked += 1
        if endpoint in SIGNING_OUT and cell.principal is not None and not signed_in(client):
            sign_in(app, client, cell.principal, world.accounts[cell.principal])  # for the next
            tokens[cell.principal] = csrf_token(cell.principal, client)
    assert not failures, f"{len(failures)} of {walked} cells wrong:\n" + "\n".join(failures)
