"""CSV and XLSX exports of a survey's responses, one row per response."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from portal.coproduction.definition import Question, SurveyDefinition, localised

# Spreadsheet programs run cells starting with these as formulas; a leading quote stops that.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ExportResponse:
    """One response as the export sees it: no names, no addresses, nothing that identifies."""

    reference: str
    submitted_on: date
    version: int
    paper: bool
    flagged: bool
    answers: Mapping[str, Sequence[str]]
    themes: Mapping[str, Sequence[str]]


@dataclass(frozen=True)
class ExportHeadings:
    """Column headings in the officer's language, given by the view."""

    reference: str
    submitted_on: str
    version: str
    paper: str
    flagged: str
    yes: str
    no: str
    themes_suffix: str


def export_rows(
    survey: SurveyDefinition,
    responses: Sequence[ExportResponse],
    headings: ExportHeadings,
    value_labels: Mapping[str, Mapping[str, str]],
    locale: str = "en",
) -> list[list[str]]:
    """The table to export: headings, then one row per response.

    `value_labels` maps a question key to the words for each stored value (choices, faces).
    """
    text_questions = [q for q in survey.questions if not q.fixed_values()]
    header = [headings.reference, headings.submitted_on, headings.version, headings.paper]
    header.append(headings.flagged)
    header += [localised(q.text, locale) for q in survey.questions]
    header += [f"{localised(q.text, locale)} {headings.themes_suffix}" for q in text_questions]
    rows = [header]
    for response in responses:
        row = [
            response.reference,
            response.submitted_on.isoformat(),
            str(response.version),
            headings.yes if response.paper else headings.no,
            headings.yes if response.flagged else headings.no,
        ]
        row += [_answer_text(q, response, value_labels) for q in survey.questions]
        row += ["; ".join(response.themes.get(q.key, ())) for q in text_questions]
        rows.append(row)
    return rows


def _answer_text(
    question: Question, response: ExportResponse, value_labels: Mapping[str, Mapping[str, str]]
) -> str:
    labels = value_labels.get(question.key, {})
    return "; ".join(labels.get(value, value) for value in response.answers.get(question.key, ()))


def _safe_cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def csv_bytes(rows: Sequence[Sequence[str]]) -> bytes:
    """The rows as UTF-8 CSV with a byte order mark, so spreadsheet programs read accents."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([_safe_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(rows: Sequence[Sequence[str]], sheet_title: str) -> bytes:
    """The rows as an Excel workbook with a filterable table."""
    workbook = Workbook()
    sheet = workbook.active
    if not isinstance(sheet, Worksheet):  # a new workbook always starts with one worksheet
        raise TypeError("a new workbook should start with a worksheet")
    sheet.title = _sheet_title(sheet_title)
    for row in rows:
        sheet.append([_safe_cell(cell) for cell in row])
    if len(rows) > 1 and rows[0]:
        last_column = get_column_letter(len(rows[0]))
        table = Table(displayName="Responses", ref=f"A1:{last_column}{len(rows)}")
        table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
        sheet.add_table(table)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_title(title: str) -> str:
    # Excel forbids these characters in sheet names and allows at most 31 characters.
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip()
    return (cleaned or "Responses")[:31]
