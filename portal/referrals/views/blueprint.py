"""The referrals blueprint; the view modules add their routes to it."""

from flask import Blueprint

from portal.referrals.models import Status

bp = Blueprint("referrals", __name__)

# Templates compare a referral's status with these, never with bare strings.
bp.add_app_template_global(Status, "ReferralStatus")
