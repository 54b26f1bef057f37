"""The publishing feature's blueprints: public pages, and the Open Referral UK API."""

from flask import Blueprint

bp = Blueprint("publishing", __name__)
api_bp = Blueprint("oruk", __name__, url_prefix="/api/oruk")
