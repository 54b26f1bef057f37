"""FlaskForm and GovDateInput as a type checker should see them.

Flask-WTF, WTForms and govuk-frontend-wtf ship no type information, so to a type checker their
classes are Any, and `mypy --strict` refuses a class built on Any. At run time these names are
the libraries' own classes; only the type checker reads the small outlines below, which list
what the portal calls on them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:

    class FlaskForm:
        """What our views and forms use of flask_wtf.FlaskForm."""

        def __init__(self, *args: Any, **kwargs: Any) -> None: ...
        def validate(self, extra_validators: Any = None) -> bool: ...
        def validate_on_submit(self, extra_validators: Any = None) -> bool: ...
        def __getitem__(self, name: str) -> Any: ...
        def __getattr__(self, name: str) -> Any: ...  # the form's fields, made at run time

    class GovDateInput:
        """What DayMonthYearInput uses of govuk_frontend_wtf's date widget."""

        def __init__(self, *args: Any, **kwargs: Any) -> None: ...
        def map_gov_params(self, field: Any, **kwargs: Any) -> dict[str, Any]: ...

else:
    from flask_wtf import FlaskForm
    from govuk_frontend_wtf.wtforms_widgets import GovDateInput

__all__ = ["FlaskForm", "GovDateInput"]
