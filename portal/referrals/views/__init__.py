"""Referral views: the conversation, the front door and partner registration."""

from portal.referrals.blueprint import bp
from portal.referrals.views import conversation, front_door, resilience, submission

__all__ = ["bp", "conversation", "front_door", "resilience", "submission"]
