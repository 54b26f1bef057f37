"""Conversational referrals, the front door and partner registration."""
