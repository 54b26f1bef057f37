"""Site search over every page section and service, in the reader's language."""

from __future__ import annotations

from flask import Response, render_template, request

from portal.core.access import public
from portal.publishing.forms import SiteSearchForm
from portal.publishing.service import cacheable, current_lang, search_index, understood_query
from portal.publishing.views.blueprint import bp


@bp.route("/search")
@public
def search() -> Response:
    """Results show the page and the section that matched."""
    form = SiteSearchForm(request.args)
    hits = []
    corrected = None
    searched = "q" in request.args
    if searched and form.validate():
        query = understood_query(form.q.data or "")
        corrected = query.corrected
        hits = search_index().search(current_lang(), query, limit=30)
    elif not searched:
        form = SiteSearchForm()
    return cacheable(
        Response(
            render_template(
                "publishing/search.html",
                form=form,
                hits=hits,
                searched=searched,
                corrected=corrected,
            )
        )
    )
