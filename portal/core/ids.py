"""Random public identifiers: the only identifiers that appear in URLs."""

import secrets


def new_public_id() -> str:
    """Return a 22-character URL-safe random id (128 bits of entropy)."""
    return secrets.token_urlsafe(16)
