"""Settings for the campaign site: every value comes from the environment (see .env.example)."""

import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.forms import Script
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from campaign.email_url import mailer_from_url

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off the site refuses to start without it: "
            "set SECRET_KEY to a long random value (for example the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`)."
        )
    SECRET_KEY = "development-only-insecure-key"

# The default is translated on the pages (core.languages.site_name); a name set here is not.
SITE_NAME = env.str("SITE_NAME", default="Campaign Kazakhstan")
# Who runs the campaign and how to reach them, on the About and Privacy pages. Empty
# organiser: the site's name. The example.org addresses are placeholders for the demo.
CAMPAIGN_ORGANISER = env.str("CAMPAIGN_ORGANISER", default="")
CONTACT_EMAIL = env.str("CONTACT_EMAIL", default="contact@example.org")
PRIVACY_CONTACT_EMAIL = env.str("PRIVACY_CONTACT_EMAIL", default=CONTACT_EMAIL)
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
_site = urlsplit(SITE_URL)
SITE_IS_HTTPS = _site.scheme == "https"

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=[_site.hostname, "localhost", "127.0.0.1", "[::1]"]
)
CSRF_TRUSTED_ORIGINS = env.list(
    "CSRF_TRUSTED_ORIGINS", default=[f"{_site.scheme}://{_site.netloc}"]
)

# How many X-Forwarded-For hops (proxies we run) to trust when finding the client IP.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Milliseconds a request may wait between the load balancer (its X-Request-Start header,
# trusted only with TRUSTED_PROXY_COUNT > 0) and a worker before it is answered 503 at once
# instead of served late; 0 turns shedding off. See core/overload.py.
REQUEST_QUEUE_TIMEOUT_MS = env.int("REQUEST_QUEUE_TIMEOUT_MS", default=2000)
# Seconds a shed visitor is asked to wait (Retry-After); the sign form retries after 5-10 s.
REQUEST_QUEUE_RETRY_AFTER = 5

INSTALLED_APPS = [
    "campaign.apps.CampaignAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_countries",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_prose_editor",
    "core",
    "prisoners",
    "articles",
    "media_embeds",
    "petitions",
    "actions",
    "pages",
    "events",
    "campaign",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "campaign.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "campaign.middleware.AdminLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Inside sessions, CSRF and locale, which its cache decisions rely on, and outside the
    # rest, which a page served from the cache does not need; outside the 503 middleware,
    # so cached pages are still served while the database is away.
    "core.page_cache.AnonymousPageCacheMiddleware",
    # After the CSRF check, the language and the page cache (a stored page costs too little
    # to shed), before any view: a request that waited too long behind the load balancer
    # gets a fast 503 (REQUEST_QUEUE_TIMEOUT_MS, core/overload.py).
    "core.overload.RequestQueueMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Tells whether the session passed the second factor (request.user.is_verified()).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Near the end, as django-axes requires: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
    # Last, so it is the first to see a view's exception and can answer 503 for a lost database.
    "campaign.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "campaign.urls"
WSGI_APPLICATION = "campaign.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "campaign.context_processors.site",
            ],
        },
    },
]

# Databases: SQLite by default so `make run` needs nothing installed; PostgreSQL in
# production and CI. Persistent connections with health checks let workers survive a
# database restart without being restarted themselves.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# Kept on: the check is one `SELECT 1` per request that uses the database (about 0.05 ms
# on a local server, well under 1% of an uncached page; a page served from the cache opens
# no cursor and pays nothing), and without it the first request on each worker after a
# database restart or failover would fail on the dead connection with a 503.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", 5)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Two caches. "default" holds pages and sessions, which may be evicted at any time (a lost
# page is made again, a lost session read from the database). "ratelimit" holds the signing
# rate-limit counters, which must not be pushed out by a flood of pages: in production a
# Redis of its own with maxmemory-policy noeviction (RATELIMIT_CACHE_URL; README, Scaling).
# Either may go away: core.cache.CampaignRedisCache then serves without it.
_cache_url = env.str("CACHE_URL", default="locmemcache://")
CACHES = {
    "default": env.cache_url_config(_cache_url),
    "ratelimit": env.cache("RATELIMIT_CACHE_URL", default=_cache_url),
}
for _cache in CACHES.values():
    if _cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
        _cache["BACKEND"] = "core.cache.CampaignRedisCache"
if CACHES["ratelimit"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache":
    # Local memory caches with one LOCATION share their store (and its MAX_ENTRIES).
    CACHES["ratelimit"]["LOCATION"] = "ratelimit"
# Seconds anonymous visitors' pages stay in that cache (0 turns page caching off); editors'
# changes show at once whatever the value, see core/page_cache.py.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=60)
# Seconds each worker also keeps the pages it served in its own memory, in front of a Redis
# CACHE_URL (0 turns it off): an edit reaches the other workers within this bound.
PAGE_CACHE_LOCAL_SECONDS = env.int("PAGE_CACHE_LOCAL_SECONDS", default=2)

SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 8)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

ADMIN_URL = env.str("ADMIN_URL", default="admin/")

# Login throttling (django-axes): a username is locked after AXES_FAILURE_LIMIT failed logins
# (a wrong password or a wrong second-factor code) from whatever addresses they came, for
# AXES_COOLOFF_MINUTES. Counting per username and address would let a guesser with many
# addresses go on for ever; the price is that whoever knows a username can lock it out for
# the cool-off (README, "Editors and roles"). Attempts live in the database, so every worker
# and machine sees the same count.
AUTHENTICATION_BACKENDS = [
    "campaign.auth_backends.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
# The username alone decides; the (username, address) pair never counts more than it, and is
# listed because django-axes' check (axes.W006) wants the address among the parameters.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "campaign.admin_site.lockout_response"
AXES_CLIENT_IP_CALLABLE = "core.http.client_ip"

# Two-factor login for staff (django-otp): an authenticator app (TOTP) and recovery codes;
# campaign/two_factor.py. There is deliberately no setting that turns it off.
OTP_TOTP_ISSUER = SITE_NAME

# Email: EMAIL_URL (smtp://, smtps://, consolemail://, filemail:///dir) becomes Django 6.1's
# MAILERS. A timeout keeps a hung mail server from holding a worker. Only development falls
# back to the console: in production that would write signers' addresses and confirmation
# links into the logs.
EMAIL_URL = env.str("EMAIL_URL", default="")
if not EMAIL_URL:
    if not DEBUG:
        raise ImproperlyConfigured(
            "EMAIL_URL is not set. With DEBUG off the site refuses to start without it, "
            "rather than print emails (signers' addresses and confirmation links) into the "
            "logs: set EMAIL_URL to the mail server, e.g. "
            "smtp://user:password@smtp.example.org:587/?tls=true (dummymail:// sends nothing)."
        )
    EMAIL_URL = "consolemail://"
MAILERS = {
    "default": mailer_from_url(EMAIL_URL, timeout=env.int("EMAIL_TIMEOUT", default=10)),
}
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default=f"{SITE_NAME} <noreply@{_site.hostname or 'localhost'}>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks: run at once in development and tests, from the database queue
# (`manage.py db_worker`) in production.
_task_backends = {
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS_BACKEND = env.str("TASKS_BACKEND", default="immediate")
if TASKS_BACKEND not in _task_backends:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be one of: {', '.join(_task_backends)}; not {TASKS_BACKEND!r}."
    )
TASKS = {
    "default": {
        "BACKEND": _task_backends[TASKS_BACKEND],
        "QUEUES": ["default", "confirmations"],
    }
}

# Internationalisation: English by default, Russian and Kazakh at /ru/ and /kk/.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ru", _("Russian")), ("kk", _("Kazakh"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Our date formats for English, and the Kazakh number and date formats Django lacks.
FORMAT_MODULE_PATH = ["core.formats"]
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

# Static files: hashed, compressed (gzip and brotli) and cached for a year by whitenoise.
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365

# Request size limits: no form on the site needs more; uploads go to disk past this.
# A larger body is refused with 413 (campaign.views.bad_request). The public forms send a
# dozen fields; the admin's change forms with inlines and its bulk actions need hundreds.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=2_621_440)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
IMAGE_UPLOAD_MAX_BYTES = env.int("IMAGE_UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
# Seconds the admin waits for a video provider's thumbnail before saving without a poster.
VIDEO_THUMBNAIL_TIMEOUT = env.float("VIDEO_THUMBNAIL_TIMEOUT", default=3.0)


def parse_rate_limit(value: str, name: str = "SIGNATURE_RATE_LIMIT") -> tuple[int, int] | None:
    """``"5/300s"`` → (5, 300), five in 300 seconds; ``"20/s"`` → (20, 1); ``"0"`` or
    empty → None."""
    value = value.strip()
    if value in {"", "0"}:
        return None
    match = re.fullmatch(r"([1-9]\d*)\s*/\s*(?:([1-9]\d*)\s*s?|s)", value)
    if not match:
        raise ImproperlyConfigured(
            f"{name} must look like 5/300s or 20/s (count/seconds) or be 0, not {value!r}."
        )
    return int(match[1]), int(match[2] or 1)


# Petitions: signatures from one address past this many per window ("5/300s" = five in
# five minutes; "0" = no limit) are held for review instead of refused, with the same
# response, so bots learn nothing and fifty people on one Wi-Fi lose nobody. Requests to
# follow a prisoner's case count the same way per case (past it: no email, same response).
# Parsed once, here: (signatures, seconds), or None for no limit.
SIGNATURE_RATE_LIMIT = parse_rate_limit(env.str("SIGNATURE_RATE_LIMIT", default="5/300s"))
# Mailings go out at most this fast, all workers together ("20/s": twenty a second; "0": no
# limit), so the mail provider is not flooded. Parsed here: (emails, seconds) or None.
MAILING_RATE = parse_rate_limit(env.str("MAILING_RATE", default="20/s"), "MAILING_RATE")
# Email domains (and their subdomains) whose signatures are held for review.
BLOCKED_EMAIL_DOMAINS = [
    domain.strip().lower()
    for domain in env.list("BLOCKED_EMAIL_DOMAINS", default=[])
    if domain.strip()
]

# The admin's rich-text editor (core.editor) starts from our own module, which creates it
# without the <style> element the package's presets inject.
DJANGO_PROSE_EDITOR_PRESETS = {
    "campaign": [
        Script("django_prose_editor/editor.js", type="module"),
        Script("js/prose-editor.js", type="module"),
    ],
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Security headers. The https-only settings follow SITE_URL, not DEBUG, so the production
# configuration also runs over plain http on 127.0.0.1 for benchmarks and browser tests.
VIDEO_FRAME_HOSTS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
SECURE_CSP = {
    "default-src": [CSP.SELF],
    # The nonce is sent only on pages that use it: the admin's forms, whose rich-text editor
    # loads its modules through an inline import map (see DJANGO_PROSE_EDITOR_PRESETS).
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-src": VIDEO_FRAME_HOSTS,
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Sent by campaign.middleware.PermissionsPolicyMiddleware; () turns a feature off for every
# origin, embedded video players included.
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "camera", "microphone", "geolocation", "interest-cohort", "browsing-topics",
        "payment", "usb", "serial", "bluetooth", "hid", "midi", "display-capture",
    ]
}  # fmt: skip
X_FRAME_OPTIONS = "DENY"
# Who may show a petition's embed page (/petitions/<slug>/embed/) in a frame: the only pages
# that lift the frame-ancestors 'none' above and X-Frame-Options (petitions.views.embed).
EMBED_ALLOWED_ORIGINS = env.list("EMBED_ALLOWED_ORIGINS", default=["*"])
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if SITE_IS_HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Every record, whichever logger it comes from, reaches the root's console handler, whose
# filter takes signers' link tokens out of paths, Referers and tracebacks (Django's warnings
# about 4xx responses and CSRF failures name the path). Django's own handlers (its console
# in DEBUG, mail to ADMINS) and runserver's would write before that filter: they are
# replaced by propagation to the root.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_tokens": {"()": "core.redaction.RedactTokens"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact_tokens"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django": {"handlers": [], "propagate": True},
        "django.server": {"handlers": [], "propagate": True},
        "django.db.backends": {"level": "WARNING"},
    },
}
