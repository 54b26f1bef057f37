"""Server-rendered SVG bar charts; each is shown beside a table holding the same numbers."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from html import escape

# Drawn in a narrow coordinate space so text stays legible on a 320 px phone; CSS scales it up.
VIEW_WIDTH = 320
FONT_SIZE = 14
LINE_HEIGHT = 18
BAR_HEIGHT = 20
ROW_GAP = 14
VALUE_SPACE = 56
LABEL_CHARS_PER_LINE = 40
BAR_COLOUR = "#1d70b8"
TEXT_COLOUR = "#0b0c0c"


def _wrap(label: str) -> list[str]:
    return textwrap.wrap(label, LABEL_CHARS_PER_LINE, break_long_words=True) or [""]


def bar_chart_svg(
    *,
    chart_id: str,
    title: str,
    description: str,
    bars: Sequence[tuple[str, int | None]],
    hidden_text: str,
    rtl: bool = False,
) -> str:
    """An accessible horizontal bar chart as SVG text.

    `bars` pairs a label with a count, or None for a group too small to show, drawn as
    `hidden_text` with no bar. The SVG is one image named by its title and description.
    """
    known = [value for _, value in bars if value is not None]
    largest = max(known, default=0)
    track = VIEW_WIDTH - VALUE_SPACE
    parts: list[str] = []
    y = 0
    for label, value in bars:
        for line in _wrap(label):
            y += LINE_HEIGHT
            parts.append(_text(line, y, rtl=rtl, css="app-chart__label"))
        y += 6
        if value is None:
            parts.append(_text(hidden_text, y + BAR_HEIGHT - 5, rtl=rtl, css="app-chart__hidden"))
        else:
            length = 0 if largest == 0 else round(track * value / largest)
            if value > 0:
                length = max(length, 2)
            x = VIEW_WIDTH - length if rtl else 0
            parts.append(
                f'<rect class="app-chart__bar" x="{x}" y="{y}" width="{length}" '
                f'height="{BAR_HEIGHT}" fill="{BAR_COLOUR}"/>'
            )
            value_x = VIEW_WIDTH - length - 6 if rtl else length + 6
            parts.append(
                _text(str(value), y + BAR_HEIGHT - 5, rtl=rtl, css="app-chart__value", x=value_x)
            )
        y += BAR_HEIGHT + ROW_GAP
    height = max(y, LINE_HEIGHT)
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" id="{escape(chart_id)}" '
        f'viewBox="0 0 {VIEW_WIDTH} {height}" role="img" '
        f'aria-labelledby="{escape(title_id)} {escape(desc_id)}" focusable="false">'
        f'<title id="{escape(title_id)}">{escape(title)}</title>'
        f'<desc id="{escape(desc_id)}">{escape(description)}</desc>' + "".join(parts) + "</svg>"
    )


def _text(content: str, y: int, *, rtl: bool, css: str, x: int | None = None) -> str:
    if x is None:
        x = VIEW_WIDTH if rtl else 0
    anchor = "end" if rtl else "start"
    return (
        f'<text class="{css}" x="{x}" y="{y}" text-anchor="{anchor}" '
        f'font-size="{FONT_SIZE}" fill="{TEXT_COLOUR}">{escape(content)}</text>'
    )
