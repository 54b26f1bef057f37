"""Public "you said, we did" pages and the small-group rule."""

from __future__ import annotations

from sqlalchemy import select

from portal.coproduction.models import Answer, EntryStatus, Survey
from portal.coproduction.sensemaking import create_theme, publish_entry, set_answer_themes
from portal.extensions import db
from tests.integration.coproduction.factories import add_responses, make_open_survey


def tag_written_answers(app, public_id: str, theme_for_answer: dict[str, str]) -> None:
    """Tag each written answer with the theme named for its words."""
    with app.app_context():
        survey = db.session.scalar(select(Survey).where(Survey.public_id == public_id))
        themes = {}
        for name in sorted(set(theme_for_answer.values())):
            themes[name], _ = create_theme(survey, name)
        for answer in db.session.scalars(select(Answer)):
            if answer.values and answer.values[0] in theme_for_answer:
                set_answer_themes(answer, [themes[theme_for_answer[answer.values[0]]]])
        publish_entry(
            survey,
            theme_name="Buses",
            you_said="The bus home leaves too early.",
            we_did="The club now ends at 8pm so you can catch the later bus.",
            status=EntryStatus.DONE,
            happens_on=None,
            published_by_id=None,
        )
        db.session.commit()


def test_fewer_than_five_respondents_show_no_numbers(app, client, page_check):
    public_id = make_open_survey(app)
    add_responses(app, public_id, [{"change": ["bus times"]}] * 4)
    tag_written_answers(app, public_id, {"bus times": "Buses"})
    page = client.get("/you-said-we-did/youth-club")
    soup = page_check(page)
    html = soup.get_text(" ")
    assert "The club now ends at 8pm" in html
    assert "Fewer than 5 people answered" in html
    assert soup.select("table") == []
    assert soup.select("svg.app-chart") == []


def test_small_groups_are_hidden_and_cannot_be_worked_out(app, client, page_check):
    public_id = make_open_survey(app)
    answers = [{"change": ["bus times"]}] * 7 + [{"change": ["snacks"]}] * 2 + [{}] * 3
    add_responses(app, public_id, answers)
    tag_written_answers(app, public_id, {"bus times": "Buses", "snacks": "Food"})
    soup = page_check(client.get("/you-said-we-did/youth-club"))
    cells = {
        row.th.get_text(strip=True): row.td.get_text(strip=True)
        for row in soup.select("table tbody tr")
    }
    # Food (2) is below five; Buses (7) is hidden too, because 12 people answered and the
    # total would otherwise give Food away.
    assert cells == {"Buses": "fewer than 5", "Food": "fewer than 5"}
    assert "12 people answered" in soup.get_text(" ")
    chart_text = " ".join(t.get_text() for t in soup.select("svg.app-chart text"))
    assert "2" not in chart_text.split() and "7" not in chart_text.split()


def test_large_groups_are_shown(app, client, page_check):
    public_id = make_open_survey(app)
    answers = [{"change": ["bus times"]}] * 6 + [{"change": ["snacks"]}] * 5
    add_responses(app, public_id, answers)
    tag_written_answers(app, public_id, {"bus times": "Buses", "snacks": "Food"})
    soup = page_check(client.get("/you-said-we-did/youth-club"))
    cells = {
        row.th.get_text(strip=True): row.td.get_text(strip=True)
        for row in soup.select("table tbody tr")
    }
    assert cells == {"Buses": "6", "Food": "5"}
    svg = soup.select_one("svg.app-chart")
    assert svg["role"] == "img"
    labelled_by = svg["aria-labelledby"].split()
    assert all(soup.find(id=name) for name in labelled_by)


def test_index_lists_surveys_with_entries_and_speaks_to_children(app, client, page_check):
    public_id = make_open_survey(app, audience="children-under-11")
    add_responses(app, public_id, [{"change": ["bus times"]}] * 5)
    tag_written_answers(app, public_id, {"bus times": "Buses"})
    make_open_survey(app, slug="no-entries-yet")
    soup = page_check(client.get("/you-said-we-did"))
    links = [a["href"] for a in soup.select("main a")]
    assert "/you-said-we-did/youth-club" in links
    assert "/you-said-we-did/no-entries-yet" not in links
    survey_page = page_check(client.get("/you-said-we-did/youth-club")).get_text(" ")
    assert "You told us what you think" in survey_page


def test_unopened_survey_has_no_public_page(app, client):
    make_open_survey(app, opened=False)
    assert client.get("/you-said-we-did/youth-club").status_code == 404
