"""The forms of every way in: staff sign-in, family sign-in, partner registration."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, InputRequired, Length, Regexp

from portal.core.password_input import TranslatedPasswordInput
from portal.core.typed_forms import FlaskForm


class AccountsForm(FlaskForm):
    """A GOV.UK form with a CSRF token; the base of every form here."""


# --- staff and partners ----------------------------------------------------------------------


class SignInForm(AccountsForm):
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
        widget=TranslatedPasswordInput(),
        validators=[
            InputRequired(message=_l("Enter your password")),
            Length(max=200, message=_l("Password must be 200 characters or fewer")),
        ],
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())


class AuthenticatorCodeForm(AccountsForm):
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


class SignOutForm(AccountsForm):
    """A button, so signing out is a POST with a CSRF token."""

    submit = SubmitField(_l("Sign out"), widget=GovSubmitInput())


# --- family members --------------------------------------------------------------------------


class ContinueForm(AccountsForm):
    """A button that needs nothing but a CSRF token."""

    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())


class FamilySignInForm(AccountsForm):
    """Email or mobile and password."""

    identifier = StringField(
        _l("Email address or mobile number"),
        widget=GovTextInput(),
        validators=[DataRequired(message=_l("Enter your email address or mobile number"))],
    )
    password = PasswordField(
        _l("Password"),
        widget=TranslatedPasswordInput(),
        validators=[DataRequired(message=_l("Enter your password"))],
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())


class SentCodeForm(AccountsForm):
    """The six-digit code we sent by text or email."""

    code = StringField(
        _l("Code"),
        description=_l("It has 6 numbers"),
        widget=GovTextInput(),
        validators=[DataRequired(message=_l("Enter the code we sent you"))],
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())


class FamilyPasswordForm(AccountsForm):
    """Choose a password."""

    password = PasswordField(
        _l("Password"),
        description=_l("At least 10 characters. Three short words you will remember work well."),
        widget=TranslatedPasswordInput(),
        validators=[
            DataRequired(message=_l("Enter a password")),
            Length(min=10, max=200, message=_l("Your password must be at least 10 characters")),
        ],
    )
    confirm = PasswordField(
        _l("Type your password again"),
        widget=TranslatedPasswordInput(),
        validators=[EqualTo("password", message=_l("The two passwords are not the same"))],
    )
    submit = SubmitField(_l("Save password"), widget=GovSubmitInput())


# --- partner registration (the views check these fields, to say what to do next) --------------


class PartnerDetailsForm(AccountsForm):
    """Name, workplace and work email."""

    display_name = StringField(_l("Your full name"), widget=GovTextInput())
    organisation = StringField(
        _l("Where do you work?"),
        description=_l("For example, Eastholme Primary School"),
        widget=GovTextInput(),
    )
    email = StringField(
        _l("Work email address"),
        description=_l("We will send a code to this address."),
        widget=GovTextInput(),
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())


class PartnerCodeForm(AccountsForm):
    """The code from the email, or later from the authenticator app."""

    code = StringField(
        _l("Code"),
        description=_l("The 6 numbers in the email"),
        widget=GovTextInput(),
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())


class PartnerPasswordForm(AccountsForm):
    """A password, typed twice."""

    password = PasswordField(
        _l("Create a password"),
        description=_l("At least 12 characters. A few words together is easy to remember."),
        widget=TranslatedPasswordInput(),
    )
    confirm = PasswordField(_l("Type the password again"), widget=TranslatedPasswordInput())
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())


class RecoveryCodeForm(AccountsForm):
    """One of the account's recovery codes, instead of the authenticator app's code."""

    code = StringField(
        _l("Recovery code"),
        widget=GovTextInput(),
        validators=[InputRequired(message=_l("Enter one of your recovery codes"))],
    )
    submit = SubmitField(_l("Sign in"), widget=GovSubmitInput())


class NewRecoveryCodesForm(AccountsForm):
    """A button: make a new set of recovery codes."""

    submit = SubmitField(_l("Create new recovery codes"), widget=GovSubmitInput())
