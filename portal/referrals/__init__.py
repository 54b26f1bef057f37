"""Conversational referrals and the front door (partners register in portal.accounts)."""
