"""The service directory pages: search by need, age and area, and one page per service."""

from __future__ import annotations

import math
from typing import Any

from flask import Response, abort, render_template, request, url_for
from flask_babel import gettext

from portal.core.access import public
from portal.publishing.directory import find_services
from portal.publishing.forms import ServiceSearchForm, as_int
from portal.publishing.labels import NEED_LABELS
from portal.publishing.service import cacheable, directory
from portal.publishing.views.blueprint import bp

PER_PAGE = 10


def _page_number() -> int:
    value = request.args.get("page", "1")
    return int(value) if value.isdecimal() and 0 < int(value) < 10_000 else 1


@bp.route("/services")
@public
def services() -> Response:
    """Search the directory; with no search, list every service."""
    data = directory()
    form = ServiceSearchForm(request.args, data.localities)
    found: list[dict[str, Any]] = []
    if form.validate():
        found = find_services(
            data,
            text=form.q.data,
            needs=[form.need.data] if form.need.data else [],
            age=as_int(form.age.data),
            locality=form.area.data or None,
        )
    page = _page_number()
    total_pages = max(1, math.ceil(len(found) / PER_PAGE))
    if page > total_pages:
        page = total_pages
    shown = found[(page - 1) * PER_PAGE : page * PER_PAGE]
    query: dict[str, Any] = {
        k: v for k, v in request.args.items() if k in ("q", "need", "age", "area") and v
    }
    pagination = {
        "previous": url_for("publishing.services", **query, page=page - 1) if page > 1 else None,
        "next": url_for("publishing.services", **query, page=page + 1)
        if page < total_pages
        else None,
        "items": [
            {
                "number": n,
                "href": url_for("publishing.services", **query, page=n),
                "current": n == page,
                "visuallyHiddenText": gettext("Page %(number)s", number=n),
            }
            for n in range(1, total_pages + 1)
        ],
    }
    return cacheable(
        Response(
            render_template(
                "publishing/services.html",
                form=form,
                services=[(s, data.need_codes(s), data.service_localities(s)) for s in shown],
                total=len(found),
                page=page,
                pagination=pagination if total_pages > 1 else None,
                need_labels=NEED_LABELS,
            )
        )
    )


@bp.route("/services/<service_id>")
@public
def service(service_id: str) -> Response:
    """One service: what it does, who it is for, cost, contacts and where."""
    data = directory()
    found = data.service(service_id)
    if found is None:
        abort(404)
    return cacheable(
        Response(
            render_template(
                "publishing/service.html",
                service=found,
                organization=data.organizations_by_id.get(found.get("organization_id", ""), {}),
                locations=data.service_locations(found),
                needs=[NEED_LABELS[c] for c in data.need_codes(found)],
            )
        )
    )
