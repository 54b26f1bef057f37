"""Every model module, imported here so SQLAlchemy's metadata is complete for Alembic.

One line per feature's models module: add yours on its own line (merges stay simple).
"""

from portal.accounts import models as accounts_models
from portal.coproduction import models as coproduction_models
from portal.core import audit as audit_models
from portal.core import notify as outbox_models
from portal.plans import models as plans_models
from portal.publishing import models as publishing_models
from portal.referrals import models as referrals_models

MODEL_MODULES = (
    accounts_models,
    audit_models,
    outbox_models,
    plans_models,
    publishing_models,
    referrals_models,
    coproduction_models,
)
