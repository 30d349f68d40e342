"""Settings shared by every environment.

Everything that differs between a laptop, CI and production comes from the environment;
the defaults here are the ones a newcomer's `make run` needs (SQLite, local memory cache).
"""

import datetime
import hashlib
import os
import tempfile
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

import dj_database_url
import dj_email_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    """A comma-separated environment variable as a list, blanks dropped."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_number(name, default, kind=int):
    """A numeric environment variable; a wrong value stops the site with the variable's name."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number, got {raw!r}.") from None
    if value < 0:
        raise ImproperlyConfigured(f"{name} must not be negative, got {raw!r}.")
    return value


def env_datetime(name):
    """An ISO 8601 date or datetime (UTC unless it says otherwise), None when unset."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    try:
        value = datetime.datetime.fromisoformat(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an ISO 8601 date, got {raw!r}.") from None
    return value if value.tzinfo else value.replace(tzinfo=datetime.UTC)


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The reverse proxies believed about the visitor's address (X-Forwarded-For): addresses or
# networks, "*" for any. gunicorn reads the same variable (gunicorn.conf.py), and every count
# per visitor (contact form, login lockout, search) reads it through pole_site.client_ip.
TRUSTED_PROXIES = env_list("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")

# The site's own apps in the order they build on one another (DESIGN.md, "Layout"): hooks run
# in this order, so each app's demo loader finds the content of the apps below it.
INSTALLED_APPS = [
    "accounts",
    "pages",
    "partners",
    "news",
    "acts",
    "agenda",
    "alerts",
    "search",
    "editorial",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    # wagtail.contrib.frontend_cache, plus purges of the pages a change shows on.
    "pole_site.frontend_cache.FrontendCacheAppConfig",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.table_block",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "pole_site.middleware.HeadWithoutBodyMiddleware",
    "pole_site.middleware.HealthCheckMiddleware",
    "pole_site.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "pole_site.page_cache.PageCacheMiddleware",
    "pole_site.middleware.SecurityHeadersMiddleware",
    "pole_site.middleware.SiteCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "pole_site.middleware.AdminFramingMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Turns a refused sign-in into the "connexion suspendue" page: last, per django-axes.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pole_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "pages.context_processors.site_name",
                "pages.context_processors.navigation",
                "search.context_processors.site_search",
            ],
        },
    },
]

WSGI_APPLICATION = "pole_site.wsgi.application"

# Database: DATABASE_URL (PostgreSQL in production and CI); a local SQLite file otherwise.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # A database host that does not answer must fail fast: the page cache then serves what it
    # has, and other pages get the 503 page, instead of every worker hanging on connect().
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options.setdefault("connect_timeout", env_number("DB_CONNECT_TIMEOUT", 5))
    # No JIT compilation: the site's queries take milliseconds, and compiling one whose
    # estimated cost crosses PostgreSQL's threshold (stale statistics, a wide join of page
    # types) costs 0.5–1 s of CPU on the spot.
    options.setdefault("options", "-c jit=off")
elif DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Several gunicorn workers write to one SQLite file (`make run` behind gunicorn): taking
    # the write lock when a transaction starts serialises them instead of failing on upgrade.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("transaction_mode", "IMMEDIATE")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache, shared by every gunicorn worker in both modes (see pole_site/page_cache.py):
# Redis when REDIS_URL is set (production; several servers share it), else files in CACHE_DIR
# (one server). Its keys are namespaced by database, so two sites or test runs on one machine
# never read each other's pages.
_database = DATABASES["default"]
CACHE_KEY_PREFIX = (
    "pole-"
    + hashlib.sha256(
        f"{_database['NAME']}|{_database.get('HOST', '')}|{_database.get('PORT', '')}".encode()
    ).hexdigest()[:10]
)
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "pole_site.cache_backends.FailOpenRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "TIMEOUT": 600,
            "OPTIONS": {
                # Redis answers in well under a millisecond; a server that does not must cost
                # little, and FailOpenRedisCache then leaves it alone for `retry_after` seconds.
                "socket_connect_timeout": env_number("REDIS_CONNECT_TIMEOUT", 0.1, float),
                "socket_timeout": env_number("REDIS_SOCKET_TIMEOUT", 0.3, float),
                "retry_after": env_number("REDIS_RETRY_AFTER", 5, float),
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get(
                "CACHE_DIR", str(Path(tempfile.gettempdir()) / f"pole-site-cache-{os.getuid()}")
            ),
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "TIMEOUT": 600,
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }
# Wagtail writes each rendition it finds back to its cache: here only if it is not there yet.
# VERSION 2: renditions are pages.SiteRendition since pages 0009; what the cache holds of
# wagtailimages.Rendition (version 1) is never read back.
CACHES["renditions"] = {
    "BACKEND": "pole_site.cache_backends.AddOnlyCache",
    "LOCATION": "default",
    "VERSION": 2,
}

# Whole-page cache for anonymous visitors (pole_site/page_cache.py). PAGE_CACHE_SECONDS is how
# long a page is served from the cache (0 turns the page cache off); any edit refreshes it at
# once. A page is kept PAGE_CACHE_STALE_SECONDS longer to be served, marked stale, while the
# database is down. Browsers may keep a page CACHE_CONTROL_MAX_AGE seconds, shared caches (CDN,
# Varnish: purged on publication, see frontend_cache.py) CACHE_CONTROL_S_MAXAGE seconds.
PAGE_CACHE_SECONDS = env_number("PAGE_CACHE_SECONDS", 600)
PAGE_CACHE_STALE_SECONDS = env_number("PAGE_CACHE_STALE_SECONDS", 24 * 60 * 60)
CACHE_CONTROL_MAX_AGE = env_number("CACHE_CONTROL_MAX_AGE", 60)
CACHE_CONTROL_S_MAXAGE = env_number("CACHE_CONTROL_S_MAXAGE", 600)
# Paths never served from the page cache: the admin and previews, private documents, search
# (see pole_site/page_cache.py for why), uploaded files and the probes.
PAGE_CACHE_EXCLUDED_PATHS = ("/admin/", "/documents/", "/media/", "/health/", "/recherche/")

# Editors' accounts (accounts/): who may sign in, how often they may fail, and for how long a
# session lasts. A password guessed from one address locks that account from that address
# after LOGIN_FAILURE_LIMIT failures, for LOGIN_LOCKOUT_MINUTES; an address failing
# LOGIN_ADDRESS_FAILURE_LIMIT times over any accounts is locked too (accounts/lockout.py).
AUTHENTICATION_BACKENDS = [
    "accounts.lockout.LoginLockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_number("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_number("LOGIN_LOCKOUT_MINUTES", 15))
LOGIN_ADDRESS_FAILURE_LIMIT = env_number("LOGIN_ADDRESS_FAILURE_LIMIT", 20)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_address"
AXES_USERNAME_CALLABLE = "accounts.lockout.account_name"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
# A lockout lasts LOGIN_LOCKOUT_MINUTES from the failure that caused it, as its page says.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Successful sign-ins are not logged: addresses and browsers of editors kept for nothing.
AXES_DISABLE_ACCESS_LOG = True
# Two-factor authentication (accounts/two_factor.py): required for Validateurs and
# administrators when on (production's default), optional for everyone otherwise.
ADMIN_REQUIRE_2FA = os.environ.get("ADMIN_REQUIRE_2FA", "false").lower() == "true"
# Signed-in sessions end after ADMIN_SESSION_IDLE_SECONDS without a request (8 hours: a
# working day), each request pushing the end back.
SESSION_COOKIE_AGE = env_number("ADMIN_SESSION_IDLE_SECONDS", 8 * 60 * 60)
SESSION_SAVE_EVERY_REQUEST = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# French site, French admin. One language, so no LocaleMiddleware: it would only add
# "Vary: Accept-Language" to every response (one cached copy per browser language, of the same
# French page). The English version will come with Wagtail's translations (WAGTAIL_I18N_ENABLED,
# /en/ addresses by i18n_patterns) and bring the middleware back then (docs/architecture.md).
LANGUAGE_CODE = "fr-fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français")]

# Static files: sources live in static/, collectstatic writes to staticfiles/ (git-ignored).
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# E-mail: EMAIL_URL (e.g. smtp+tls://user:password@host:587) or the console in development.
_email = dj_email_url.parse(os.environ.get("EMAIL_URL", "console:"))
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"]
EMAIL_PORT = _email["EMAIL_PORT"]
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
# Without a limit, a mail server that does not answer would hold a request until gunicorn
# kills the worker (30 s): the contact form's visitor would see an error, not the thank-you page.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "site@pole-rouen-seine-eure.invalid")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Uploads: an allowlist of document types and hard size limits (DESIGN.md, "Uploads").
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "ods", "odp", "docx", "xlsx", "pptx", "csv", "txt", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif", "svg"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# SVGs sanitised on upload, one French message per refused file (pages/uploads.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "pages.uploads.ImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "pages.uploads.DocumentForm"
# Renditions are served as immutable for a year: each file gets a name never used before,
# even when an editor replaces an image by a file of the same name (pole_site/storage.py).
WAGTAILIMAGES_RENDITION_STORAGE = "pole_site.storage.RenditionStorage"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Wagtail
WAGTAIL_SITE_NAME = "Pôle Métropolitain Rouen Seine Eure"
# Documents say whether they are accessible (pages.models.documents).
WAGTAILDOCS_DOCUMENT_MODEL = "pages.SiteDocument"
# Images with their author, caption, licence and date (pages/models/images.py).
WAGTAILIMAGES_IMAGE_MODEL = "pages.SiteImage"
# The account name authenticator apps show beside the code.
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
# The public address of the site (scheme, host, port; no path): every absolute URL the site
# gives (canonicals, sitemap, feeds, structured data, share links, e-mails, the admin's links)
# starts with it. `set_site_url` and `load_demo` write it into the default Wagtail Site
# (pages/public_address.py). The default is `make run`'s address.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", SITE_URL)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backend"}}
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar in the admin: it would send a hash of each editor's e-mail to a third party
# (and the admin's CSP blocks it anyway). Editors may upload their own avatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Moderation e-mails (submitted, approved, changes requested) come from the site's address.
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
# A slug change or a move keeps the old address working (wagtail.contrib.redirects).
WAGTAILREDIRECTS_AUTO_CREATE = True
WAGTAILEMBEDS_RESPONSIVE_HTML = False

# Security headers for every environment (production adds HTTPS-only ones).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
# Other sites' pages may not load our pages and documents (some are private) as resources.
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
# Uploaded images are public and meant to travel: feed readers, newsletters, partners' and
# journalists' pages show them from here.
MEDIA_CROSS_ORIGIN_RESOURCE_POLICY = "cross-origin"
# An uploaded file opened on its own runs nothing: an SVG's script or a disguised HTML file
# stays inert on our origin (the same policy goes on the proxy when it serves /media/).
MEDIA_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox"

# Content-Security-Policy (django-csp 4). The public site gets a strict policy: nothing
# inline, nothing third-party. The Wagtail admin cannot run under it (inline styles and
# scripts in its editors), so SiteCSPMiddleware swaps in ADMIN_CONTENT_SECURITY_POLICY there.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        # Nothing by default: each kind of resource the pages load is named below.
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}
ADMIN_URL_PREFIX = "/admin/"
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        # One line per event: time, level, where it comes from, what happened.
        "line": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "filters": {"foreign_host": {"()": "pole_site.logging.ForeignHostFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.security.DisallowedHost": {"filters": ["foreign_host"]},
        # Page-created/published and background-task lines drown the console otherwise.
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        # Failed sign-ins and lockouts (WARNING), not each step axes takes (INFO).
        "axes": {"level": "WARNING"},
    },
}

# Searches per visitor (their address, see pole_site/client_ip.py) and window in seconds before
# a 429 "patientez une minute"; 0 turns the limit off.
SEARCH_RATE_LIMIT = env_number("SEARCH_RATE_LIMIT", 30)
SEARCH_RATE_LIMIT_WINDOW = env_number("SEARCH_RATE_LIMIT_WINDOW", 60)
# The editors' "Termes de recherche" report keeps 90 days of daily counts: a season's trends,
# then `searchpromotions_garbage_collect` (run daily by the scheduler) deletes them.
WAGTAILSEARCH_HITS_MAX_AGE = 90

# /.well-known/security.txt (RFC 9116): whom to tell about a vulnerability, and until when
# that holds. SECURITY_TXT_CONTACT: comma-separated mailto: or https: addresses (default: the
# contact page); SECURITY_TXT_EXPIRES: an ISO 8601 date (default: 180 days after each request,
# which RFC 9116 allows but a date the team renews is better).
SECURITY_TXT_CONTACT = env_list("SECURITY_TXT_CONTACT")
SECURITY_TXT_EXPIRES = env_datetime("SECURITY_TXT_EXPIRES")

# Uploaded images are public: Django serves them unless the reverse proxy takes over
# (DJANGO_SERVE_MEDIA=false). Documents always go through Wagtail's serve view, which
# checks privacy and sets the download headers.
SERVE_MEDIA = os.environ.get("DJANGO_SERVE_MEDIA", "true").lower() == "true"

# Frontend cache (CDN / Varnish): see pole_site/settings/frontend_cache.py.
from .frontend_cache import *  # noqa: E402, F403
