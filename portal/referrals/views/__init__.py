"""Referral views: the conversation, submission, the front door and partner registration."""

from portal.referrals.views import conversation, front_door, registration, resilience, submission
from portal.referrals.views.blueprint import bp

__all__ = ["bp", "conversation", "front_door", "registration", "resilience", "submission"]
