"""Settings read from environment variables, with safe defaults for a laptop."""

import os
import secrets
from datetime import timedelta
from pathlib import Path

from argon2.profiles import RFC_9106_LOW_MEMORY

PROJECT_ROOT = Path(__file__).resolve().parent.parent
INSTANCE_DIR = PROJECT_ROOT / "instance"
DEFAULT_TIME_COST = RFC_9106_LOW_MEMORY.time_cost
DEFAULT_MEMORY_COST = RFC_9106_LOW_MEMORY.memory_cost
DEFAULT_PARALLELISM = RFC_9106_LOW_MEMORY.parallelism


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    """Use SECRET_KEY, else a key kept in instance/ so sessions survive a restart."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    INSTANCE_DIR.mkdir(exist_ok=True)
    key_file = INSTANCE_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(48))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'portal.sqlite3'}")
    # Heroku-style URLs name the old driver; we use psycopg 3.
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgres://")
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def settings_from_environment() -> dict:
    """Every setting the portal reads, documented in README.md."""
    return {
        "SECRET_KEY": _secret_key(),
        "SQLALCHEMY_DATABASE_URI": _database_url(),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "SITE_SETTINGS_FILE": os.environ.get(
            "SITE_SETTINGS_FILE", str(PROJECT_ROOT / "content" / "site.yaml")
        ),
        "CONTENT_DIR": os.environ.get("CONTENT_DIR", str(PROJECT_ROOT / "content")),
        "PDF_CACHE_DIR": os.environ.get("PDF_CACHE_DIR", str(INSTANCE_DIR / "pdf-cache")),
        # Cookies: secure by default; set SESSION_COOKIE_SECURE=0 only for plain-http development.
        "SESSION_COOKIE_SECURE": _flag("SESSION_COOKIE_SECURE", True),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_NAME": "ff_session",
        "REMEMBER_COOKIE_SECURE": True,
        "PERMANENT_SESSION_LIFETIME": timedelta(
            minutes=int(os.environ.get("IDLE_TIMEOUT_MINUTES", "30"))
        ),
        # However active, a signed-in session ends after this long (portal/accounts/sessions.py).
        "SESSION_ABSOLUTE_LIFETIME": timedelta(
            hours=int(os.environ.get("SESSION_ABSOLUTE_LIFETIME_HOURS", "12"))
        ),
        "IDLE_WARNING_MINUTES": int(os.environ.get("IDLE_WARNING_MINUTES", "2")),
        # Static URLs carry a content hash (static_url), so browsers may keep them for a year.
        "SEND_FILE_MAX_AGE_DEFAULT": 31536000,
        "MAX_CONTENT_LENGTH": int(os.environ.get("MAX_CONTENT_LENGTH", str(1024 * 1024))),
        "WTF_CSRF_TIME_LIMIT": None,
        "WTF_CSRF_SSL_STRICT": _flag("WTF_CSRF_SSL_STRICT", True),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_ENABLED": _flag("RATELIMIT_ENABLED", True),
        # Redis away: count in this worker's memory meanwhile, and never turn a POST into a 500;
        # sign-in stays guarded by the throttle's database counts (portal/accounts/throttle.py).
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        "RATELIMIT_SWALLOW_ERRORS": True,
        "SIGN_IN_RATE_LIMIT": os.environ.get("SIGN_IN_RATE_LIMIT", "10 per 15 minutes"),
        # Failed sign-ins, counted across workers (portal/accounts/throttle.py): 5 failures for
        # one account in 15 minutes, or 20 from one address, lock it for 15 minutes. That is at
        # most 5 guesses at one account's password or codes per 15 minutes, whatever the address.
        "SIGN_IN_THROTTLE_ACCOUNT_FAILURES": int(
            os.environ.get("SIGN_IN_THROTTLE_ACCOUNT_FAILURES", "5")
        ),
        "SIGN_IN_THROTTLE_ADDRESS_FAILURES": int(
            os.environ.get("SIGN_IN_THROTTLE_ADDRESS_FAILURES", "20")
        ),
        "SIGN_IN_THROTTLE_WINDOW_MINUTES": int(
            os.environ.get("SIGN_IN_THROTTLE_WINDOW_MINUTES", "15")
        ),
        "SIGN_IN_THROTTLE_LOCK_MINUTES": int(os.environ.get("SIGN_IN_THROTTLE_LOCK_MINUTES", "15")),
        # Where the counts live: this Redis, else REDIS_URL, else a redis:// RATELIMIT_STORAGE_URI,
        # else the database (table sign_in_throttles).
        "SIGN_IN_THROTTLE_STORAGE_URI": os.environ.get(
            "SIGN_IN_THROTTLE_STORAGE_URI", os.environ.get("REDIS_URL", "")
        ),
        "SIGN_IN_THROTTLE_KEY_PREFIX": os.environ.get(
            "SIGN_IN_THROTTLE_KEY_PREFIX", "ff:throttle:"
        ),
        # Co-production: answering surveys and sending page feedback, per address.
        "SURVEY_RATE_LIMIT": os.environ.get("SURVEY_RATE_LIMIT", "60 per minute"),
        "PAGE_FEEDBACK_RATE_LIMIT": os.environ.get("PAGE_FEEDBACK_RATE_LIMIT", "20 per minute"),
        # The address printed in survey QR codes and posters; blank means this request's host.
        "PUBLIC_BASE_URL": os.environ.get("PUBLIC_BASE_URL", ""),
        "NOTIFY_API_KEY": os.environ.get("NOTIFY_API_KEY", ""),
        "NOTIFY_BASE_URL": os.environ.get(
            "NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk"
        ),
        "NOTIFY_EMAIL_TEMPLATE_ID": os.environ.get("NOTIFY_EMAIL_TEMPLATE_ID", ""),
        "NOTIFY_SMS_TEMPLATE_ID": os.environ.get("NOTIFY_SMS_TEMPLATE_ID", ""),
        "SHOW_DEV_OUTBOX": _flag("SHOW_DEV_OUTBOX"),
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "locales"),
        # argon2 password hashing costs: argon2-cffi's recommended defaults (RFC 9106, low memory).
        "ARGON2_TIME_COST": int(os.environ.get("ARGON2_TIME_COST", str(DEFAULT_TIME_COST))),
        "ARGON2_MEMORY_COST": int(os.environ.get("ARGON2_MEMORY_COST", str(DEFAULT_MEMORY_COST))),
        "ARGON2_PARALLELISM": int(os.environ.get("ARGON2_PARALLELISM", str(DEFAULT_PARALLELISM))),
        "TOTP_ISSUER": os.environ.get("TOTP_ISSUER", "Families First portal"),
        "CHECK_MIGRATIONS": _flag("CHECK_MIGRATIONS", True),
        # Family members sign in at /my-plan/sign-in, not at the staff sign-in.
        "FAMILY_SIGN_IN_ENDPOINT": "accounts.family_sign_in",
        "PASSKEY_ORIGIN": os.environ.get("PASSKEY_ORIGIN", ""),
        # Front-door time limits for red, amber and green referrals.
        "FRONT_DOOR_RED_HOURS": int(os.environ.get("FRONT_DOOR_RED_HOURS", "4")),
        "FRONT_DOOR_AMBER_WORKING_DAYS": int(os.environ.get("FRONT_DOOR_AMBER_WORKING_DAYS", "1")),
        "FRONT_DOOR_GREEN_WORKING_DAYS": int(os.environ.get("FRONT_DOOR_GREEN_WORKING_DAYS", "3")),
    }
