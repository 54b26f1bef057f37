import xml.etree.ElementTree as ET

from portal.coproduction.charts import VALUE_SPACE, VIEW_WIDTH, bar_chart_svg

SVG = "{http://www.w3.org/2000/svg}"


def chart(**overrides):
    params = {
        "chart_id": "chart-feel",
        "title": "How do you feel at the club?",
        "description": "Answers from 31 young people.",
        "bars": [("Happy", 20), ("Okay", 6), ("Sad", None), ("Very sad", 0)],
        "hidden_text": "fewer than 5",
    }
    params.update(overrides)
    return ET.fromstring(bar_chart_svg(**params))


def test_chart_is_one_named_image():
    svg = chart()
    assert svg.get("role") == "img"
    title_id, desc_id = svg.get("aria-labelledby").split()
    assert svg.find(f"{SVG}title").get("id") == title_id
    assert svg.find(f"{SVG}title").text == "How do you feel at the club?"
    assert svg.find(f"{SVG}desc").get("id") == desc_id
    assert svg.find(f"{SVG}desc").text == "Answers from 31 young people."


def test_bars_are_scaled_to_the_largest_value():
    rects = chart().findall(f"{SVG}rect")
    widths = [int(rect.get("width")) for rect in rects]
    assert widths[0] == VIEW_WIDTH - VALUE_SPACE
    assert widths[1] == round((VIEW_WIDTH - VALUE_SPACE) * 6 / 20)
    assert widths[2] == 0  # zero is drawn as an empty bar, the hidden group has no bar at all
    assert len(rects) == 3


def test_hidden_groups_show_words_not_a_number():
    texts = [t.text for t in chart().findall(f"{SVG}text")]
    assert "fewer than 5" in texts
    assert texts.count("20") == 1
    assert "Sad" in texts


def test_labels_are_escaped():
    svg_text = bar_chart_svg(
        chart_id="c",
        title="<script>alert(1)</script>",
        description="a & b",
        bars=[("<b>x</b>", 1)],
        hidden_text="-",
    )
    assert "<script>" not in svg_text
    assert "&lt;b&gt;x&lt;/b&gt;" in svg_text
    ET.fromstring(svg_text)


def test_long_labels_wrap_onto_several_lines():
    label = "Having somewhere quiet to do homework after school with a grown-up to help"
    texts = [t for t in chart(bars=[(label, 5)]).findall(f"{SVG}text") if "label" in t.get("class")]
    assert len(texts) == 2
    assert " ".join(t.text for t in texts) == label


def test_right_to_left_bars_grow_from_the_right():
    rects = chart(rtl=True, bars=[("سعيد", 10), ("حزين", 5)]).findall(f"{SVG}rect")
    for rect in rects:
        assert int(rect.get("x")) + int(rect.get("width")) == VIEW_WIDTH


def test_no_style_attributes_for_a_strict_csp():
    svg_text = bar_chart_svg(
        chart_id="c", title="t", description="d", bars=[("a", 3)], hidden_text="-"
    )
    assert "style=" not in svg_text


def test_empty_chart_is_still_valid():
    svg = chart(bars=[])
    assert svg.get("viewBox").startswith("0 0 320 ")
