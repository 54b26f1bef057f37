"""The GOV.UK password input with its "Show"/"Hide" button in the page's language."""

from typing import Any

from flask_babel import gettext
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput


class TranslatedPasswordInput(GovPasswordInput):
    """GOV.UK Frontend writes the button's words in English unless the macro is given them.

    Every password field uses this widget, so no template has to remember the six texts.
    """

    def map_gov_params(self, field: Any, **kwargs: Any) -> dict[str, Any]:
        params: dict[str, Any] = super().map_gov_params(field, **kwargs)
        for key, text in (
            ("showPasswordText", gettext("Show")),
            ("hidePasswordText", gettext("Hide")),
            ("showPasswordAriaLabelText", gettext("Show password")),
            ("hidePasswordAriaLabelText", gettext("Hide password")),
            ("passwordShownAnnouncementText", gettext("Your password is visible")),
            ("passwordHiddenAnnouncementText", gettext("Your password is hidden")),
        ):
            params.setdefault(key, text)
        return params
