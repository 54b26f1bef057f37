"""Every account and every way in: staff and partner sign-in (password and authenticator),
family members (invitation, password and a sent code, or a passkey), partner registration;
organisations and teams.

Other features ask ``portal.accounts.current`` who the person is, use the models for their
foreign keys and types, and call the named services (``invitations`` for a practitioner
inviting a family member). Passwords have one hasher, ``passwords``; codes are hashed as
``codes`` explains.
"""
