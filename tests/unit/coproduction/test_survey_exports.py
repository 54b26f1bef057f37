import csv
import io
from datetime import date

from openpyxl import load_workbook

from portal.coproduction.exports import (
    ExportHeadings,
    ExportResponse,
    csv_bytes,
    export_rows,
    xlsx_bytes,
)

HEADINGS = ExportHeadings(
    reference="Reference",
    submitted_on="Date",
    version="Version",
    paper="Paper",
    flagged="Flagged",
    yes="Yes",
    no="No",
    themes_suffix="(themes)",
)
LABELS = {"day": {"mon": "Monday", "fri": "Friday"}, "feel": {"happy": "Happy"}}


def responses():
    return [
        ExportResponse(
            reference="r-1",
            submitted_on=date(2027, 1, 5),
            version=1,
            paper=False,
            flagged=True,
            answers={"day": ["fri"], "feel": ["happy"], "change": ['=HYPERLINK("x")']},
            themes={"change": ["Food", "Transport"]},
        ),
        ExportResponse(
            reference="r-2",
            submitted_on=date(2027, 1, 6),
            version=2,
            paper=True,
            flagged=False,
            answers={"activities": ["art", "music"], "change": ["Więcej gier"]},
            themes={},
        ),
    ]


def test_rows_have_a_heading_and_one_row_per_response(make_survey):
    rows = export_rows(make_survey(), responses(), HEADINGS, LABELS)
    assert rows[0][:5] == ["Reference", "Date", "Version", "Paper", "Flagged"]
    assert "What should change? (themes)" in rows[0]
    assert rows[1][:5] == ["r-1", "2027-01-05", "1", "No", "Yes"]
    assert rows[1][5:7] == ["Friday", "Happy"]
    assert rows[2][3] == "Yes"
    assert "art; music" in rows[2]
    assert rows[1][-1] == "Food; Transport"
    assert all(len(row) == len(rows[0]) for row in rows)


def test_rows_use_the_requested_language_for_question_headings(make_survey):
    rows = export_rows(make_survey(), responses(), HEADINGS, LABELS, locale="pl")
    assert "Który dzień jest najlepszy?" in rows[0]


def test_csv_keeps_accents_and_defuses_formulas(make_survey):
    data = csv_bytes(export_rows(make_survey(), responses(), HEADINGS, LABELS))
    assert data.startswith("\ufeff".encode())
    parsed = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert parsed[1][8] == '\'=HYPERLINK("x")'
    assert "Więcej gier" in parsed[2]


def test_xlsx_opens_with_the_same_cells(make_survey):
    rows = export_rows(make_survey(), responses(), HEADINGS, LABELS)
    workbook = load_workbook(io.BytesIO(xlsx_bytes(rows, "Youth club: results?")))
    sheet = workbook.active
    assert sheet.title == "Youth club  results"
    values = [
        [cell if cell is not None else "" for cell in row]
        for row in sheet.iter_rows(values_only=True)
    ]
    assert values[0] == rows[0]
    assert values[1][8] == '\'=HYPERLINK("x")'
    assert "Responses" in sheet.tables


def test_xlsx_with_no_responses_has_only_headings(make_survey):
    rows = export_rows(make_survey(), [], HEADINGS, LABELS)
    sheet = load_workbook(io.BytesIO(xlsx_bytes(rows, "Empty"))).active
    assert sheet.max_row == 1
