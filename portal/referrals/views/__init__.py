"""Referral views: the conversation, submission and the front door."""

from portal.referrals.views import conversation, front_door, submission
from portal.referrals.views.blueprint import bp

__all__ = ["bp", "conversation", "front_door", "submission"]
