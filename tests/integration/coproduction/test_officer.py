"""Participation officers build, open, read, tag, export and publish, over real HTTP."""

from __future__ import annotations

import csv
import io

import pypdfium2
import pytest
import zxingcpp
from bs4 import BeautifulSoup
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from portal.coproduction.models import Answer, Survey, SurveyResponse, Theme
from portal.core.access import Role
from portal.extensions import db
from tests.conftest import csrf_token_from, post_form
from tests.integration.coproduction.factories import add_responses, make_open_survey

HOME = "/practitioners/have-your-say"


@pytest.fixture
def officer(app, make_account, sign_in):
    """A signed-in participation officer's client."""
    client = app.test_client()
    sign_in(client, make_account([Role.PARTICIPATION]))
    return client


def survey_row(app, public_id: str | None = None) -> Survey:
    query = select(Survey)
    if public_id:
        query = query.where(Survey.public_id == public_id)
    return db.session.scalar(query)


def test_officer_builds_and_opens_a_survey(app, officer, page_check):
    page_check(officer.get(HOME))
    created = post_form(
        officer,
        f"{HOME}/new",
        {
            "title": "Your youth club",
            "purpose": "Help us plan the club.",
            "slug": "youth-club",
            "audience": "young-people",
            "languages": ["pl"],
            "closes_on": ["1", "1", "2099"],
        },
    )
    assert created.status_code == 302
    overview = created.headers["Location"]
    survey_id = overview.rsplit("/", 1)[1]
    for kind, text_, options in [
        ("faces", "How do you feel at the club?", ""),
        ("long-text", "What should change?", ""),
        ("choice", "Which day is best?", "Monday\nFriday"),
    ]:
        added = post_form(
            officer,
            f"{overview}/questions/new",
            {"kind": kind, "text": text_, "options": options},
        )
        assert added.status_code == 302
    soup = page_check(officer.get(overview))
    # Polish words are missing, so the survey cannot open yet, and the page says why.
    assert "Question 1 (Polski)" in soup.get_text(" ")
    assert soup.find("button", string=lambda s: s and "Open the survey" in s) is None
    with app.app_context():
        survey = survey_row(app, survey_id)
        fields = {"title": "Twój klub", "purpose": "Pomóż nam."}
        for question in survey.current_version.questions:
            fields[f"q_{question.key}"] = "Pytanie"
            for option in question.options:
                fields[f"o_{question.key}_{option['key']}"] = "Dzień"
    translated = post_form(officer, f"{overview}/translations/pl", fields)
    assert translated.status_code == 302
    ready = page_check(officer.get(overview))
    assert ready.select(".app-problem-list li") == []
    token = csrf_token_from(officer.get(overview))
    officer.post(f"{overview}/open", data={"csrf_token": token})
    with app.app_context():
        survey = survey_row(app, survey_id)
        assert survey.opened is True
        assert [q.kind for q in survey.current_version.questions] == [
            "faces",
            "long-text",
            "choice",
        ]
    preview = page_check(officer.get(f"{overview}/preview/1"))
    assert "Very happy" in preview.get_text(" ")
    assert preview.h1.get_text(strip=True).startswith("How do you feel at the club?")


def test_bad_details_get_clear_messages_and_keep_what_was_typed(app, officer, page_check):
    make_open_survey(app, slug="taken")
    response = post_form(
        officer,
        f"{HOME}/new",
        {"title": "Club", "purpose": "Plans", "slug": "taken", "audience": "parents"},
    )
    soup = page_check(response)
    assert "Another survey already uses this web address" in soup.get_text(" ")
    assert soup.find("input", attrs={"name": "title"})["value"] == "Club"


def test_changing_a_survey_with_responses_makes_a_new_version(app, officer):
    public_id = make_open_survey(app)
    add_responses(app, public_id, [{"feel": ["happy"]}])
    added = post_form(
        officer,
        f"{HOME}/{public_id}/questions/new",
        {"kind": "short-text", "text": "What is your favourite snack?"},
    )
    assert added.status_code == 302
    with app.app_context():
        survey = survey_row(app, public_id)
        assert [v.number for v in survey.versions] == [1, 2]
        assert len(survey.versions[0].questions) == 3
        assert len(survey.versions[1].questions) == 4
        response = db.session.scalar(select(SurveyResponse))
        assert response.version.number == 1


def test_poster_pdf_contains_a_working_qr_code(app, officer):
    public_id = make_open_survey(app)
    response = officer.get(f"{HOME}/{public_id}/poster.pdf")
    assert response.status_code == 200
    data = response.get_data()
    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and bool(root["/MarkInfo"]["/Marked"])
    assert 'pdfuaid:part="1"' in reader.xmp_metadata.stream.get_data().decode()
    page = pypdfium2.PdfDocument(data)[0]
    image = page.render(scale=2).to_pil()
    decoded = [result.text for result in zxingcpp.read_barcodes(image)]
    assert decoded == ["http://localhost/have-your-say/youth-club"]


def test_qr_code_download_is_svg(app, officer):
    public_id = make_open_survey(app)
    response = officer.get(f"{HOME}/{public_id}/qr.svg")
    assert response.mimetype == "image/svg+xml"
    assert response.get_data(as_text=True).startswith("<svg")


def test_paper_response_is_marked(app, officer, page_check):
    public_id = make_open_survey(app)
    page_check(officer.get(f"{HOME}/{public_id}/paper"))
    saved = post_form(
        officer,
        f"{HOME}/{public_id}/paper",
        {"q_feel": "sad", "q_day": "mon", "q_change": "A quiet room"},
    )
    assert saved.status_code == 302
    with app.app_context():
        response = db.session.scalar(select(SurveyResponse))
        assert response.paper is True and response.submitted is True
    listed = page_check(officer.get(f"{HOME}/{public_id}/responses?paper=yes"))
    assert "A quiet room" in listed.get_text(" ")


def test_tag_rename_and_merge_themes(app, officer, page_check):
    public_id = make_open_survey(app)
    add_responses(app, public_id, [{"change": ["later buses"]}, {"change": ["bus fares"]}])
    with app.app_context():
        ids = {a.values[0]: a.public_id for a in db.session.scalars(select(Answer))}
        responses = {a.values[0]: a.response.public_id for a in db.session.scalars(select(Answer))}
    first = f"{HOME}/{public_id}/responses/{responses['later buses']}"
    page_check(officer.get(first))
    assert post_form(officer, first, {f"new_{ids['later buses']}": "Buses"}).status_code == 302
    second = f"{HOME}/{public_id}/responses/{responses['bus fares']}"
    assert post_form(officer, second, {f"new_{ids['bus fares']}": "Money"}).status_code == 302
    with app.app_context():
        themes = {t.name: t.public_id for t in db.session.scalars(select(Theme))}
    assert set(themes) == {"Buses", "Money"}
    themes_page = f"{HOME}/{public_id}/themes"
    token = csrf_token_from(officer.get(themes_page))
    officer.post(
        f"{themes_page}/{themes['Buses']}/rename",
        data={"csrf_token": token, "name": "Transport"},
    )
    officer.post(
        f"{themes_page}/merge",
        data={"csrf_token": token, "source": themes["Money"], "target": themes["Buses"]},
    )
    results = page_check(officer.get(f"{HOME}/{public_id}/results"))
    rows = {
        row.th.get_text(strip=True): row.td.get_text(strip=True)
        for table in results.select("table")
        if "Themes" in table.caption.get_text()
        for row in table.select("tbody tr")
    }
    assert rows == {"Transport": "2"}


def test_export_csv_and_xlsx(app, officer):
    public_id = make_open_survey(app)
    add_responses(app, public_id, [{"feel": ["happy"], "day": ["fri"], "change": ["=1+1 games"]}])
    csv_response = officer.get(f"{HOME}/{public_id}/export.csv")
    assert csv_response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(csv_response.get_data().decode("utf-8-sig"))))
    assert rows[0][5:8] == [
        "How do you feel at the club?",
        "Which day is best?",
        "What should change?",
    ]
    assert rows[1][5:8] == ["Happy", "Friday", "'=1+1 games"]
    xlsx = officer.get(f"{HOME}/{public_id}/export.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.get_data())).active
    assert sheet.cell(row=2, column=7).value == "Friday"


def test_safety_words_can_be_edited(app, officer, page_check):
    page = page_check(officer.get(f"{HOME}/safety-words"))
    assert "hits me" in page.find("textarea").get_text()
    saved = post_form(officer, f"{HOME}/safety-words", {"words": "lonely*\n# comment\n\nhits me"})
    assert saved.status_code == 302
    public_id = make_open_survey(app)
    add_responses(
        app, public_id, [{"change": ["I feel so lonely at home"]}, {"change": ["I want to die"]}]
    )
    with app.app_context():
        flagged = {
            r.flag_words[0] if r.flag_words else None
            for r in db.session.scalars(select(SurveyResponse))
        }
    assert flagged == {"lonely*", None}


def test_publish_you_said_we_did_and_update_status(app, officer, client, page_check):
    public_id = make_open_survey(app)
    page = f"{HOME}/{public_id}/you-said-we-did"
    page_check(officer.get(page))
    published = post_form(
        officer,
        page,
        {
            "you_said": "The club is too noisy.",
            "we_did": "We made a quiet room.",
            "status": "planned",
        },
    )
    assert published.status_code == 302
    public = page_check(client.get("/you-said-we-did/youth-club")).get_text(" ")
    assert "We made a quiet room." in public and "Planned" in public
    soup = page_check(officer.get(page))
    form = soup.find("form", action=lambda a: a and a.endswith("/status"))
    prefix = form.find("input", attrs={"type": "radio"})["name"]
    officer.post(
        form["action"], data={"csrf_token": csrf_token_from(officer.get(page)), prefix: "done"}
    )
    public = page_check(client.get("/you-said-we-did/youth-club")).get_text(" ")
    assert "Done" in public and "Planned" not in public


def test_other_staff_cannot_see_surveys(app, make_account, sign_in):
    public_id = make_open_survey(app)
    client = app.test_client()
    sign_in(client, make_account([Role.FRONT_DOOR]))
    assert client.get(f"{HOME}/{public_id}").status_code == 404
    assert client.get(f"{HOME}/{public_id}/export.csv").status_code == 404


def test_a_survey_opens_from_the_list_and_shows_its_web_address(app, officer):
    make_open_survey(app)
    listing = BeautifulSoup(officer.get(HOME).get_data(as_text=True), "html.parser")
    link = listing.select_one("tbody").find("a", string="Your youth club")
    assert link is not None, "the survey's title is a link"
    assert "<a" not in listing.select_one("tbody").get_text()
    overview = BeautifulSoup(officer.get(link["href"]).get_data(as_text=True), "html.parser")
    assert overview.h1.get_text(strip=True) == "Your youth club"
    rows = {
        row.select_one(".govuk-summary-list__key").get_text(strip=True): row.select_one(
            ".govuk-summary-list__value"
        )
        for row in overview.select(".govuk-summary-list__row")
    }
    address = rows["Web address"]
    assert address.get_text(strip=True) == "http://localhost/have-your-say/youth-club"
    assert address.find("span", class_="app-break-words") is not None
