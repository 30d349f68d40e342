"""Whole pages for anonymous visitors, from the cache every worker and server shares.

Rendering a page costs 30–40 ms of CPU and a dozen queries; reading it back from the cache
costs one round trip. What makes the cache safe to use everywhere:

- **Never stale after an edit.** Every entry is stamped with the site's *generation*, a random
  token kept in the shared cache. Any change an editor can make (a page published, moved or
  deleted, a snippet, a setting, an image, a document, a redirect, a view restriction) draws a
  new token (`invalidate`), so every worker of every server stops serving the old entries on
  its next request. The token is drawn again once the editor's transaction commits: a request
  that read the data just before the commit cannot have its page pass for fresh. Other caches
  built from content (the header and footer, `pages.navigation`) use the same token.
- **Only what every visitor would see.** GET and HEAD, no session cookie (editors and visitors
  of password-protected pages carry one), a 200 that sets no cookie (so never a form with its
  CSRF token), never the admin, previews, documents or search (each search is its own long-
  tail key, and its hits feed the search-terms report).
- **Same bytes, same headers.** The response is stored after every inner middleware ran (CSP,
  security headers, Content-Length), and replayed as is, plus `X-Page-Cache: HIT`.
- **Never from yesterday.** What a page shows may depend on the day (the agenda's upcoming
  events, a registration open until a date): an entry stored before the last midnight in
  the site's time zone is not served as fresh, and browsers and shared caches are told to
  keep a page no later than the next midnight.
- **Covers for the database.** An entry is kept PAGE_CACHE_STALE_SECONDS beyond its freshness.
  When rendering fails because the database is down, that copy is served, marked
  `X-Page-Cache: STALE`, instead of the 503 page.
- **Fails open.** If the cache does not answer (see `cache_backends`), there is no generation:
  pages are rendered and nothing is stored.

The middleware also writes the `Cache-Control` that browsers, CDNs and Varnish follow:
`public, max-age, s-maxage` for what it would cache, `private, no-cache` for logged-in users
and responses that set a cookie, `no-cache` for the rest.
"""

import datetime
import hashlib
import secrets
import time
from functools import cache as memoize
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import cc_delim_re, patch_cache_control

GENERATION_KEY = "page-cache:generation"
ENTRY_KEY = "page-cache:page:{digest}"
STATUS_HEADER = "X-Page-Cache"
# Longer query strings are not worth a cache entry (and would let anyone fill the cache).
MAX_QUERY_STRING = 512
# Response headers that may vary without changing what an anonymous visitor is sent: nothing
# compresses HTML per client. A response varying by language is not cached here.
HARMLESS_VARY = {"cookie", "accept-encoding"}


# --- The generation ----------------------------------------------------------------------


def current_generation():
    """The token fresh entries carry; None when the cache does not answer."""
    generation = cache.get(GENERATION_KEY)
    return generation if generation is not None else _start_generation()


def _start_generation():
    """A first token (new cache, or the key was evicted); the first process to add it wins."""
    token = secrets.token_hex(8)
    if cache.add(GENERATION_KEY, token, timeout=None):
        return token
    return cache.get(GENERATION_KEY)


def _draw_generation():
    cache.set(GENERATION_KEY, secrets.token_hex(8), timeout=None)


def invalidate(**kwargs):
    """Make every cached page stale now, and again when the current transaction commits."""
    _draw_generation()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_draw_generation)


def request_generation(request):
    """The generation read for this request (read once, shared with the navigation cache)."""
    if not hasattr(request, "_cache_generation"):
        request._cache_generation = current_generation()
    return request._cache_generation


# What `remember` keeps in this process, for the current generation only.
_remembered = {"generation": None, "values": {}}
REMEMBERED_MAX = 5000


def remember(request, key, build):
    """`build()`, computed once per process and generation, then read from memory.

    For fragments built from content alone (the header and footer, an image's <picture>, the
    paths of restricted pages): every worker keeps its own copy, and the next generation,
    drawn by any edit, empties it. Without a request the generation is read from the cache at
    each call; when the cache does not answer there is no generation, and nothing is kept.
    """
    generation = request_generation(request) if request is not None else current_generation()
    if generation is None:
        return build()
    if _remembered["generation"] != generation:
        _remembered.update(generation=generation, values={})
    values = _remembered["values"]
    if key not in values:
        if len(values) >= REMEMBERED_MAX:
            values.clear()
        values[key] = build()
    return values[key]


@memoize
def content_models():
    """Models whose rows editors change and visitors see outside the page tree.

    Each snippet and site setting with its inline rows, images, documents, redirects, view
    restrictions of pages and of collections (which documents a zip may hold) and sites.
    Read from Wagtail's registries when first asked (after every app is loaded), so a snippet
    or setting added later is covered without a line anywhere.
    Renditions, search-index rows, logs and form submissions are not among them: they change
    while pages are read or forms sent, and change no page.
    """
    from modelcluster.models import get_all_child_relations
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.contrib.settings.registry import registry as settings_registry
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import CollectionViewRestriction, PageViewRestriction, Site
    from wagtail.snippets.models import get_snippet_models

    parents = {*get_snippet_models(), *settings_registry}
    children = {
        relation.related_model for model in parents for relation in get_all_child_relations(model)
    }
    others = {
        get_image_model(),
        get_document_model(),
        Redirect,
        PageViewRestriction,
        CollectionViewRestriction,
        Site,
    }
    return frozenset(parents | children | others)


# --- What may be cached ------------------------------------------------------------------


def is_cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and not request.path_info.startswith(settings.PAGE_CACHE_EXCLUDED_PATHS)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_STRING
    )


def is_cacheable_response(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if _is_authenticated(request):
        return False
    directives = {d.strip().lower() for d in cc_delim_re.split(response.get("Cache-Control", ""))}
    if directives & {"private", "no-cache", "no-store"}:
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    return vary <= HARMLESS_VARY


def _is_authenticated(request):
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def cache_key(request):
    """Scheme, host, path and the query string with its parameters in a canonical order.

    Parameters are sorted by name only, keeping the order of repeated ones, and re-encoded:
    `?b=2&a=1` and `?a=1&b=%32` are one entry, while everything a page may read stays apart
    (blank values too: a filtered listing's robots tag depends on them).
    """
    pairs = parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
    query = urlencode(sorted(pairs, key=lambda pair: pair[0]))
    url = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    return ENTRY_KEY.format(digest=hashlib.sha256(url.encode()).hexdigest())


# --- Stored responses --------------------------------------------------------------------


def freeze(generation, response):
    return {
        "generation": generation,
        "stored_at": time.time(),
        "status": response.status_code,
        "headers": list(response.headers.items()),
        "content": response.content,
    }


def thaw(entry, request, state):
    body = b"" if request.method == "HEAD" else entry["content"]
    response = HttpResponse(body, status=entry["status"])
    for header in list(response.headers):
        del response.headers[header]
    for header, value in entry["headers"]:
        response.headers[header] = value
    if state == "STALE":
        response.headers["Cache-Control"] = "no-cache"
    response.headers[STATUS_HEADER] = state
    return response


def day_bounds(now=None):
    """The timestamps of the last and the next midnight in the site's time zone."""
    local = timezone.localtime(now)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    tomorrow = timezone.make_aware(
        datetime.datetime.combine(midnight.date() + datetime.timedelta(days=1), datetime.time())
    )
    return midnight.timestamp(), tomorrow.timestamp()


def is_fresh(entry, generation):
    now = time.time()
    return (
        entry is not None
        and entry["generation"] == generation
        and now - entry["stored_at"] < settings.PAGE_CACHE_SECONDS
        and entry["stored_at"] >= day_bounds()[0]
    )


def until_midnight(seconds):
    """`seconds`, or fewer so as not to reach past the next midnight."""
    return max(0, min(seconds, int(day_bounds()[1] - time.time())))


# --- The middleware ----------------------------------------------------------------------


class PageCacheMiddleware:
    """Serve and store anonymous pages; set the Cache-Control every response leaves with."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (settings.PAGE_CACHE_SECONDS and is_cacheable_request(request)):
            return self.label(request, self.get_response(request))
        key = cache_key(request)
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY) or _start_generation()
        request._cache_generation = generation
        entry = found.get(key)
        if generation is not None and is_fresh(entry, generation):
            return thaw(entry, request, "HIT")

        response = self.label(request, self.get_response(request))
        if entry is not None and getattr(response, "database_unavailable", False):
            return thaw(entry, request, "STALE")
        if generation is not None and is_cacheable_response(request, response):
            timeout = settings.PAGE_CACHE_SECONDS + settings.PAGE_CACHE_STALE_SECONDS
            cache.set(key, freeze(generation, response), timeout=timeout)
            response.headers[STATUS_HEADER] = "MISS"
        return response

    def label(self, request, response):
        """The Cache-Control of a response, unless its view chose one."""
        if _is_authenticated(request) or response.cookies:
            if "private" not in response.get("Cache-Control", ""):
                response.headers.pop("Cache-Control", None)
                patch_cache_control(response, private=True, no_cache=True)
        elif "Cache-Control" not in response.headers:
            if is_cacheable_response(request, response) and is_cacheable_request(request):
                patch_cache_control(
                    response,
                    public=True,
                    max_age=until_midnight(settings.CACHE_CONTROL_MAX_AGE),
                    s_maxage=until_midnight(settings.CACHE_CONTROL_S_MAXAGE),
                )
            else:
                patch_cache_control(response, no_cache=True)
        return response
