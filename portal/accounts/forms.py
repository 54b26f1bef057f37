"""Sign-in forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovSubmitInput, GovTextInput
from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import Email, InputRequired, Length, Regexp


class SignInForm(FlaskForm):
    """Email address and password."""

    email = StringField(
        _l("Email address"),
        widget=GovTextInput(),
        validators=[
            InputRequired(message=_l("Enter your email address")),
            Email(
                message=_l("Enter an email address in the correct format, like name@example.com")
            ),
            Length(max=320, message=_l("Email address must be 320 characters or fewer")),
        ],
    )
    password = PasswordField(
        _l("Password"),
        widget=GovPasswordInput(),
        validators=[
            InputRequired(message=_l("Enter your password")),
            Length(max=200, message=_l("Password must be 200 characters or fewer")),
        ],
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())


class CodeForm(FlaskForm):
    """A six-digit code from an authenticator app."""

    code = StringField(
        _l("Security code"),
        widget=GovTextInput(),
        validators=[
            InputRequired(message=_l("Enter the 6-digit code from your authenticator app")),
            Regexp(r"^\s*\d{6}\s*$", message=_l("The code must be 6 digits, like 123456")),
        ],
    )
    submit = SubmitField(_l("Sign in"), widget=GovSubmitInput())


class SignOutForm(FlaskForm):
    """A button, so signing out is a POST with a CSRF token."""

    submit = SubmitField(_l("Sign out"), widget=GovSubmitInput())
