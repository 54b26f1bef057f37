"""The PDF of a published plan version: rendered once per version and language, then cached."""

from __future__ import annotations

from flask import render_template
from flask_babel import get_locale
from werkzeug.wrappers import Response

from portal.core.pdf import cached_pdf, send_pdf
from portal.plans.body import load_body
from portal.plans.models import Family, PlanVersion


def plan_pdf_response(family: Family, version: PlanVersion) -> Response:
    """Send the PDF of a published version in the reader's language."""
    locale = str(get_locale())

    def render() -> str:
        return render_template(
            "plans/pdf/version.html",
            family=family,
            version=version,
            body=load_body(version.body),
        )

    data = cached_pdf(("plan-version", version.public_id, locale), render)
    return send_pdf(data, f"family-plan-version-{version.number}.pdf")
