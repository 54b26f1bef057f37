"""Sign in, sign out, keep a session alive, and the staff landing page."""

from datetime import timedelta

from flask import (
    Blueprint,
    Flask,
    Response,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from werkzeug.wrappers import Response as WerkzeugResponse

from portal.accounts.forms import CodeForm, SignInForm, SignOutForm
from portal.accounts.models import Account
from portal.accounts.signin import account_by_public_id, account_for_password, confirm_code
from portal.core.access import STAFF_ROLES, Role, allow, is_safe_redirect, public
from portal.core.audit import utcnow
from portal.core.navigation import navigation_items
from portal.extensions import db, limiter, login_manager

bp = Blueprint("accounts", __name__)

ALL_SIGNED_IN = (*STAFF_ROLES, Role.PARTNER, Role.FAMILY)
PENDING = "pending_sign_in"
# Not "next": Flask-Login's strong session protection deletes that key before sign-in completes.
AFTER_SIGN_IN = "after_sign_in"


def sign_in_limit() -> str:
    return current_app.config["SIGN_IN_RATE_LIMIT"]


@login_manager.user_loader
def load_account(public_id: str) -> Account | None:
    """Flask-Login: the account behind the session."""
    return account_by_public_id(public_id)


@bp.route("/sign-in", methods=["GET", "POST"])
@public
@limiter.limit(sign_in_limit, methods=["POST"])
def sign_in() -> str | WerkzeugResponse:
    """Step 1: email address and password."""
    if current_user.is_authenticated:
        return redirect(url_for("accounts.staff_home"))
    form = SignInForm()
    if form.validate_on_submit():
        account = account_for_password(form.email.data, form.password.data)
        if account is None:
            form.email.errors.append(_("Enter a correct email address and password"))
        elif not account.totp_secret:
            form.email.errors.append(
                _("Your account is not set up yet. Use the link in your welcome email.")
            )
        else:
            session[PENDING] = account.public_id
            next_path = request.args.get("next")
            session[AFTER_SIGN_IN] = next_path if is_safe_redirect(next_path) else None
            return redirect(url_for("accounts.sign_in_code"))
    return render_template("accounts/sign_in.html", form=form)


@bp.route("/sign-in/code", methods=["GET", "POST"])
@public
@limiter.limit(sign_in_limit, methods=["POST"])
def sign_in_code() -> str | WerkzeugResponse:
    """Step 2: the code from an authenticator app."""
    account = account_by_public_id(session.get(PENDING))
    if account is None:
        return redirect(url_for("accounts.sign_in"))
    form = CodeForm()
    if form.validate_on_submit():
        if confirm_code(account, form.code.data):
            next_path = session.get(AFTER_SIGN_IN)
            session.clear()  # a new session for the signed-in person
            login_user(account)
            session.permanent = True
            session["last_active"] = utcnow().timestamp()
            # Messages to them (a referrer's outcome, say) go in the language they use here.
            account.locale = str(get_locale() or "en")
            db.session.commit()
            return redirect(next_path or url_for("accounts.staff_home"))
        form.code.errors.append(
            _("That code is not right or has been used. Enter the latest code.")
        )
    return render_template("accounts/sign_in_code.html", form=form)


@bp.route("/sign-out", methods=["GET", "POST"])
@allow(*ALL_SIGNED_IN)
def sign_out_page() -> str | WerkzeugResponse:
    """A page with a sign-out button; the POST signs out."""
    form = SignOutForm()
    if form.validate_on_submit():
        logout_user()
        session.clear()
        return redirect(url_for("accounts.signed_out"))
    return render_template("accounts/sign_out.html", form=form, area="practitioners")


@bp.route("/signed-out")
@public
def signed_out() -> str:
    """Confirmation that the person is signed out, and why."""
    return render_template("accounts/signed_out.html", idle=request.args.get("reason") == "idle")


@bp.route("/session/keep-alive", methods=["POST"])
@allow(*ALL_SIGNED_IN)
def keep_alive() -> Response:
    """The idle warning's "stay signed in" button: counts as activity."""
    return Response(status=204)


@bp.route("/practitioners")
@allow(*STAFF_ROLES, Role.PARTNER)
def staff_home() -> str:
    """Where staff and partners land after signing in: the parts of the portal they can use."""
    work = [item for item in navigation_items("practitioners") if not item["current"]]
    return render_template("accounts/staff_home.html", area="practitioners", work=work)


@bp.route("/partners")
@public
def partners_home() -> WerkzeugResponse:
    """The partners' section root: their work is on the practitioners' home after sign-in."""
    return redirect(url_for("accounts.staff_home"))


def sign_out_when_idle() -> WerkzeugResponse | None:
    """before_request: end a signed-in session that has been idle too long."""
    if not current_user.is_authenticated or request.endpoint == "static":
        return None
    now = utcnow().timestamp()
    last_active = session.get("last_active", now)
    limit: timedelta = current_app.config["PERMANENT_SESSION_LIFETIME"]
    if now - last_active > limit.total_seconds():
        logout_user()
        session.clear()
        return redirect(url_for("accounts.signed_out", reason="idle"))
    session["last_active"] = now
    return None


def init_accounts(app: Flask) -> None:
    """Wire Flask-Login and the idle check."""
    login_manager.init_app(app)
    login_manager.session_protection = "strong"
    app.before_request(sign_out_when_idle)
    app.register_blueprint(bp)
