"""Rendering content Markdown: ids, GOV.UK classes, tokens, and sanitising."""

import re

import pytest

from portal.publishing.markdown import render_markdown, sanitise, slugify


def test_headings_get_explicit_or_slug_ids_and_govuk_classes() -> None:
    rendered = render_markdown("## Money help {#money}\n\n### Extra help\n\nText.\n")
    assert '<h2 id="money" class="govuk-heading-l">Money help</h2>' in rendered.html
    assert '<h3 id="extra-help" class="govuk-heading-m">Extra help</h3>' in rendered.html
    assert [h.id for h in rendered.headings] == ["money", "extra-help"]


def test_repeated_headings_get_unique_ids() -> None:
    rendered = render_markdown("## Help\n\n## Help\n")
    assert [h.id for h in rendered.headings] == ["help", "help-2"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Text", '<p class="govuk-body">'),
        ("- a\n- b", '<ul class="govuk-list govuk-list--bullet">'),
        ("1. a\n2. b", '<ol class="govuk-list govuk-list--number">'),
        ("[x](/kinship)", '<a href="/kinship" class="govuk-link">'),
        ("> Note", '<blockquote class="govuk-inset-text">'),
        ("| a |\n|---|\n| 1 |", '<th class="govuk-table__header" scope="col">'),
    ],
)
def test_elements_carry_govuk_typography(source: str, expected: str) -> None:
    assert expected in render_markdown(source).html


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<a href="/x" style="color:red">x</a>',
    ],
)
def test_raw_html_and_script_urls_never_reach_the_page(source: str) -> None:
    html = render_markdown(source).html
    assert "<script" not in html
    assert "<img" not in html
    assert 'href="javascript' not in html
    assert re.search(r"<[^>]*\sstyle=", html) is None


def test_sanitise_removes_event_handlers_and_unknown_tags() -> None:
    assert sanitise('<p onclick="x()" class="govuk-body">a</p><iframe></iframe>') == (
        '<p class="govuk-body">a</p>'
    )


def test_tokens_are_filled_from_settings_and_unknown_ones_reported() -> None:
    rendered = render_markdown(
        "Call [[front_door_phone]] or [[nope]].", {"front_door_phone": "01632 960000"}
    )
    assert rendered.sections[0].text == "Call 01632 960000 or [[nope]]."
    assert '<bdi dir="ltr">01632 960000</bdi></a> or [[nope]].' in rendered.html
    assert rendered.unknown_tokens == ["nope"]


def test_sections_hold_the_text_under_each_h2() -> None:
    rendered = render_markdown(
        "Intro.\n\n## Money {#money}\n\nGrants here.\n\n## Homes\n\nRooms.\n"
    )
    assert [(s.id, s.heading, s.text) for s in rendered.sections] == [
        (None, "", "Intro."),
        ("money", "Money", "Grants here."),
        ("homes", "Homes", "Rooms."),
    ]


def test_prose_leaves_out_headings_and_tables_and_ends_list_items() -> None:
    rendered = render_markdown("## Big Heading\n\n- one\n- two\n\n| Cell |\n|---|\n| x |\n")
    assert rendered.prose == "one. two."


def test_slugify_keeps_non_latin_letters() -> None:
    assert slugify("Pomoc prawna!") == "pomoc-prawna"
    assert slugify("المال") == "المال"


def test_h3_headings_start_their_own_section() -> None:
    rendered = render_markdown(
        "## Homes {#homes}\n\nRooms.\n\n### Staying put {#staying-put}\n\nStay.\n"
    )
    assert [(s.id, s.text) for s in rendered.sections] == [
        ("homes", "Rooms."),
        ("staying-put", "Stay."),
    ]


def test_phone_numbers_in_text_become_isolated_tel_links() -> None:
    rendered = render_markdown(
        "Call [[phone]] or 0808 2000 247 on 2 June 2026.", {"phone": "01632 960100"}
    )
    assert rendered.html == (
        '<p class="govuk-body">Call <a class="govuk-link app-phone" href="tel:+441632960100">'
        '<bdi dir="ltr">01632 960100</bdi></a> or <a class="govuk-link app-phone" '
        'href="tel:+448082000247"><bdi dir="ltr">0808 2000 247</bdi></a> on 2 June 2026.</p>\n'
    )
    # Search and reading-age checks still see plain text.
    assert rendered.sections[0].text == "Call 01632 960100 or 0808 2000 247 on 2 June 2026."


def test_numbers_already_in_links_and_code_are_left_alone() -> None:
    html = render_markdown("[01632 960 555](tel:+441632960555) and `01632 960 777`").html
    assert html.count("tel:") == 1 and "<bdi" not in html
