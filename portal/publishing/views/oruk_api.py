"""A read-only Open Referral UK API (HSDS 3.0 UK profile) over the service directory."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, request, url_for
from werkzeug.exceptions import HTTPException

from portal.core.access import public
from portal.publishing.directory import (
    find_services,
    oruk_page,
    oruk_root,
    oruk_service,
    oruk_service_list_item,
    oruk_taxonomies,
    oruk_taxonomy_terms,
)
from portal.publishing.openapi import oruk_openapi
from portal.publishing.service import cacheable, directory
from portal.publishing.views.blueprint import api_bp

DEFAULT_PER_PAGE = 50


class BadParameter(ValueError):
    """A query parameter the API cannot use."""


def _error(status: int, message: str) -> tuple[Response, int]:
    return jsonify({"status": status, "error": message}), status


def _int_arg(name: str, default: int, low: int = 1, high: int = 10_000) -> int:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isdecimal() or not low <= int(raw) <= high:
        raise BadParameter(f"'{name}' must be a whole number from {low} to {high}")
    return int(raw)


def _number_arg(name: str) -> float | None:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return None
    try:
        value = float(raw)
    except ValueError:
        raise BadParameter(f"'{name}' must be a number") from None
    if not 0 <= value <= 150:
        raise BadParameter(f"'{name}' must be between 0 and 150")
    return value


@api_bp.after_request
def allow_any_origin(response: Response) -> Response:
    """Open data: any website may read it."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


@api_bp.errorhandler(BadParameter)
def bad_parameter(error: BadParameter) -> tuple[Response, int]:
    """A bad query parameter is a 400 with a JSON message."""
    return _error(400, str(error))


@api_bp.errorhandler(HTTPException)
def http_error(error: HTTPException) -> tuple[Response, int]:
    """Errors from the API are JSON, never an HTML page."""
    return _error(error.code or 500, error.description or error.name)


def _json(document: Any) -> Response:
    return cacheable(jsonify(document))


@api_bp.route("/")
@public
def root() -> Response:
    """Which HSDS version and profile this API follows."""
    return _json(oruk_root(url_for("oruk.root", _external=True)))


@api_bp.route("/openapi.json")
@public
def openapi() -> Response:
    """The OpenAPI document the root advertises: the ORUK profile's, as far as we implement it."""
    return _json(oruk_openapi(url_for("oruk.root", _external=True)))


@api_bp.route("/services")
@public
def services() -> Response:
    """A page of services, filtered by search, taxonomy term and age."""
    page = _int_arg("page", 1)
    per_page = _int_arg("per_page", DEFAULT_PER_PAGE, high=100)
    data = directory()
    found = find_services(
        data,
        text=request.args.get("search", "")[:200] or None,
        taxonomy_term_id=request.args.get("taxonomy_term_id") or None,
        minimum_age=_number_arg("minimum_age"),
        maximum_age=_number_arg("maximum_age"),
    )
    items = [oruk_service_list_item(data, s) for s in found]
    return _json(oruk_page(items, page, per_page))


@api_bp.route("/services/<service_id>")
@public
def service(service_id: str) -> Response | tuple[Response, int]:
    """One service, fully nested."""
    data = directory()
    found = data.service(service_id)
    if found is None:
        return _error(404, "No service has this id")
    return _json(oruk_service(data, found))


@api_bp.route("/taxonomies")
@public
def taxonomies() -> Response:
    """Every taxonomy, paged."""
    return _json(
        oruk_page(
            oruk_taxonomies(directory()), _int_arg("page", 1), _int_arg("per_page", 50, high=100)
        )
    )


@api_bp.route("/taxonomies/<taxonomy_id>")
@public
def taxonomy(taxonomy_id: str) -> Response | tuple[Response, int]:
    """One taxonomy."""
    found = next((t for t in oruk_taxonomies(directory()) if t["id"] == taxonomy_id), None)
    if found is None:
        return _error(404, "No taxonomy has this id")
    return _json(found)


@api_bp.route("/taxonomy_terms")
@public
def taxonomy_terms() -> Response:
    """Every taxonomy term (the need codes), paged."""
    return _json(
        oruk_page(
            oruk_taxonomy_terms(directory()),
            _int_arg("page", 1),
            _int_arg("per_page", 50, high=100),
        )
    )


@api_bp.route("/taxonomy_terms/<term_id>")
@public
def taxonomy_term(term_id: str) -> Response | tuple[Response, int]:
    """One taxonomy term."""
    found = next((t for t in oruk_taxonomy_terms(directory()) if t["id"] == term_id), None)
    if found is None:
        return _error(404, "No taxonomy term has this id")
    return _json(found)


@api_bp.route("/<path:anything>")
@public
def not_found(anything: str) -> tuple[Response, int]:
    """Unknown API paths answer in JSON too."""
    return _error(404, "There is nothing at this address in the API")
