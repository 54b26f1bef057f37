import xml.etree.ElementTree as ET

import segno

from portal.coproduction.qr import survey_qr_matrix, survey_qr_svg

URL = "https://have-your-say.eastholme.example/have-your-say/youth-club-2027"


def test_qr_svg_is_a_named_image():
    svg = ET.fromstring(survey_qr_svg(URL, label="QR code for the youth club survey"))
    assert svg.get("role") == "img"
    title = svg.find("{http://www.w3.org/2000/svg}title")
    assert title.get("id") == svg.get("aria-labelledby")
    assert title.text == "QR code for the youth club survey"


def test_qr_svg_draws_the_survey_link():
    svg_text = survey_qr_svg(URL, label="QR")
    reference = segno.make(URL, error="m", micro=False).svg_inline(scale=4, omitsize=True)
    path_start = reference.index(' d="')
    assert reference[path_start : reference.index('"', path_start + 4)] in svg_text


def test_matrix_changes_with_the_link():
    assert survey_qr_matrix(URL) != survey_qr_matrix(URL + "-2")
    matrix = survey_qr_matrix(URL)
    assert len(matrix) == len(matrix[0])
    # The finder pattern's top-left corner is always dark.
    assert matrix[0][0] is True
