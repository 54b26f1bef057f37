"""Drawings of the five faces; the words beside each face are its text alternative."""

from __future__ import annotations

from portal.coproduction.definition import Face

# Each mouth, from a deep frown to a wide smile.
_MOUTHS = {
    Face.VERY_SAD: "M13 37 Q24 22 35 37",
    Face.SAD: "M15 36 Q24 29 33 36",
    Face.OKAY: "M15 34 L33 34",
    Face.HAPPY: "M15 32 Q24 39 33 32",
    Face.VERY_HAPPY: "M13 30 Q24 46 35 30",
}


def face_svg(face: Face) -> str:
    """A small face drawing, hidden from screen readers because its label says the same."""
    return (
        '<svg class="app-face" viewBox="0 0 48 48" width="40" height="40" aria-hidden="true" '
        'focusable="false"><circle cx="24" cy="24" r="22" fill="#ffdd00" stroke="#0b0c0c" '
        'stroke-width="2"/><circle cx="17" cy="19" r="3" fill="#0b0c0c"/>'
        '<circle cx="31" cy="19" r="3" fill="#0b0c0c"/>'
        f'<path d="{_MOUTHS[face]}" fill="none" stroke="#0b0c0c" stroke-width="3" '
        'stroke-linecap="round"/></svg>'
    )
