"""Adding a message to a form field after WTForms has validated it."""

from wtforms import Field


def show_error(field: Field, message: str) -> None:
    """Show ``message`` on ``field``, as the error summary and the field's own error.

    WTForms keeps a field's errors as a tuple until validation runs, so this builds a new list
    rather than appending.
    """
    field.errors = [*field.errors, message]
