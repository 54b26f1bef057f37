"""Where partner registration's views still find the referrals blueprint.

The blueprint lives in `portal.referrals.views.blueprint`. Only `views/registration.py` imports
it from here, and that module is moving to accounts; delete this file when it has gone.
"""

from portal.referrals.views.blueprint import bp

__all__ = ["bp"]
