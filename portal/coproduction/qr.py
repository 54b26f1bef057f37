"""QR codes for surveys, drawn as SVG so they print sharply on posters."""

from __future__ import annotations

from html import escape

import segno


def survey_qr_svg(url: str, *, label: str, element_id: str = "survey-qr") -> str:
    """An SVG QR code for a survey link, named for screen readers by `label`."""
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=4, omitsize=True, svgclass="app-qr", lineclass="app-qr__modules")
    title_id = f"{element_id}-title"
    opening_end = svg.index(">")
    opening = svg[:opening_end]
    return (
        f'{opening} xmlns="http://www.w3.org/2000/svg" id="{escape(element_id)}" role="img" '
        f'aria-labelledby="{escape(title_id)}">'
        f'<title id="{escape(title_id)}">{escape(label)}</title>' + svg[opening_end + 1 :]
    )


def survey_qr_matrix(url: str) -> list[list[bool]]:
    """The dark and light modules of the survey's QR code, for tests and print checks."""
    code = segno.make(url, error="m", micro=False)
    return [[bool(cell) for cell in row] for row in code.matrix]
