"""The referrals blueprint; the view modules add their routes to it."""

from flask import Blueprint

bp = Blueprint("referrals", __name__)
