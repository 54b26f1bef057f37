"""The Nu Html Checker harness finds errors where they are, in whole pages and htmx fragments."""

from pathlib import Path

from tests.browser.vnu import HtmlRecorder

PAGE = b"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>A page</title></head>
<body><form method="post" hx-post="/x"><p>Fine</p></form>
<script nonce="NONCE-ONE-abcdefghijklmnop"></script></body></html>"""
FRAGMENT = b"""<title>Next question</title>
<input type="text" name="a" inputmode="numeric" inputmode="numeric">
<div aria-labelledby="h"><h2 id="h">Results</h2></div>"""
VALID_FRAGMENT = b"""<title>Next question</title>
<label for="b">Your name</label><input id="b" type="text" name="b">"""


def test_errors_come_back_with_the_url_line_and_message(tmp_path: Path) -> None:
    recorder = HtmlRecorder(tmp_path)
    recorder.record("/a-page", PAGE)
    # The same page with another nonce is checked once.
    recorder.record("/a-page?again", PAGE.replace(b"NONCE-ONE", b"NONCE-TWO"))
    recorder.record("/refer/x/step/y", FRAGMENT)
    recorder.record("/refer/x/step/z", VALID_FRAGMENT)
    assert len(list(tmp_path.glob("*.html"))) == 3
    found = sorted((e.url.split(" [")[0], e.line, e.message) for e in recorder.errors())
    assert found == [
        ("/a-page", 3, "Attribute “hx-post” not allowed on element “form” at this point."),
        ("/refer/x/step/y (htmx fragment)", 2, "Duplicate attribute “inputmode”."),
        (
            "/refer/x/step/y (htmx fragment)",
            3,
            "The “aria-labelledby” attribute must not be specified on any “div” element unless "
            "the element has a “role” value other than “caption”, “code”, “deletion”, "
            "“emphasis”, “generic”, “insertion”, “paragraph”, “presentation”, “strong”, "
            "“subscript”, or “superscript”.",
        ),
    ]
