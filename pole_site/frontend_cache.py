"""Keep a CDN or Varnish in front of the site fresh when editors change something.

Wagtail's frontend cache app already purges a page's own URLs (its `get_cached_paths()`)
when it is published or unpublished. A page also appears elsewhere, and those copies go
stale too; this module purges them:

- the parent listing, with its routable sub-paths (`rss/`, `atom/`): a news item is shown in
  its section's listing and feeds;
- the site's home page (latest news), and the addresses that list every page (the sitemap
  and its sections, from the `frontend_cache_site_listings` hook);
- any page the changed page declares with `get_frontend_cache_dependents()` (a press release
  returns the press room and its partners' pages); the previous revision is asked too, so a
  partner removed from the item is purged as well;
- the whole site when the change shows on every page: a page linked from the menus, a move
  or a slug change (every URL below it changes), a setting, a snippet, an image, a document,
  a redirect or a Site.

Purges are collected during the editor's transaction and sent once it commits (a purge sent
earlier lets a visitor's request put the old version back in the cache). Nothing is sent
when FRONTEND_CACHE is off, and a cache server that fails or does not answer only logs a
warning: the editor's change is saved either way.

Installed as `pole_site.frontend_cache.FrontendCacheAppConfig` in INSTALLED_APPS, in place of
"wagtail.contrib.frontend_cache": the same app (Wagtail's handlers) plus `connect()`. This
module is imported while INSTALLED_APPS is read, so models are imported inside functions.
"""

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import ProxyHandler, Request, build_opener

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.signals import post_delete, post_save
from django.urls import NoReverseMatch

from wagtail import __version__ as wagtail_version
from wagtail import hooks
from wagtail.contrib.frontend_cache.apps import WagtailFrontendCacheAppConfig
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.utils import get_backends, purge_urls_from_cache
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .page_cache import content_models

logger = logging.getLogger(__name__)

# Seconds a purge may take before it is given up: an editor's save must not hang on it.
PURGE_TIMEOUT = 5


class VarnishBackend(HTTPBackend):
    """Wagtail's HTTP backend with a timeout, no proxy from the environment, and site-wide bans.

    The PURGE request is the same as Wagtail's; deploy/varnish/default.vcl turns it into a ban
    of the path and all its query strings. `ban_prefix` sends the VCL's BAN request.
    """

    def __init__(self, params):
        super().__init__(params)
        self.opener = build_opener(ProxyHandler({}))

    def _send(self, method, host, path, headers=None):
        """One request to the cache server; False when the server could not be reached."""
        url = urlunsplit((self.cache_scheme, self.cache_netloc, path, "", ""))
        request = Request(  # noqa: S310 - scheme checked by the settings (http or https)
            url,
            method=method,
            headers={
                "Host": host,
                "User-Agent": f"Wagtail-frontendcache/{wagtail_version}",
                **(headers or {}),
            },
        )
        try:
            with self.opener.open(request, timeout=PURGE_TIMEOUT) as response:
                response.read()
        except HTTPError as error:
            logger.warning(
                "%s %s (Host: %s) refused by %s: %s %s",
                method,
                path,
                host,
                self.cache_netloc,
                error.code,
                error.reason,
            )
        except (URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            logger.warning(
                "%s %s (Host: %s) not sent to %s: %s", method, path, host, self.cache_netloc, reason
            )
            return False
        return True

    def purge(self, url):
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        return self._send("PURGE", host, path or "/")

    def purge_batch(self, urls):
        """Stop at the first server that cannot be reached: the editor waits for these."""
        urls = list(urls)
        for number, url in enumerate(urls):
            if not self.purge(url):
                if urls[number + 1 :]:
                    logger.warning(
                        "%d more purges not sent to %s", len(urls) - number - 1, self.cache_netloc
                    )
                return

    def ban_prefix(self, host, prefix="/"):
        return self._send("BAN", host, "/", {"X-Ban-Prefix": prefix})


def is_enabled():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


# --- What to purge --------------------------------------------------------------------------


def routable_paths(page):
    """The page's sub-paths that take no argument (`rss/`, `atom/` of a listing)."""
    if not hasattr(page, "get_subpage_urls"):
        return []
    paths = []
    for pattern in page.get_subpage_urls():
        if not pattern.name:
            continue
        try:
            paths.append(page.reverse_subpage(pattern.name))
        except NoReverseMatch:
            continue  # needs arguments (a year, a slug): not one fixed URL
    return paths


def page_urls(page, cache_object):
    """Full URLs of a page: its cached paths and its routable sub-paths."""
    page = page.specific_deferred
    base_url = page.get_full_url(cache_object)
    if base_url is None:  # not under any site
        return []
    cached = [path.lstrip("/") for path in page.get_cached_paths()]
    paths = [path.lstrip("/") for path in routable_paths(page)]
    paths = [*cached, *paths]
    return [base_url + path for path in dict.fromkeys(paths)]


def dependents(page, revision=None):
    """Pages that declare they show `page`, as it is now and as it was before this revision."""
    versions = [page]
    if revision is not None:
        try:
            previous = revision.get_previous()
        except revision.DoesNotExist:
            previous = None
        if previous is not None:
            versions.append(previous.as_object())
    pages = []
    for version in versions:
        method = getattr(version, "get_frontend_cache_dependents", None)
        if method is not None:
            pages.extend(method())
    return pages


def in_navigation(page):
    """Is the page shown on every page (a target of the menus, quick links or footer)?

    The apps that build those lists say so through the `frontend_cache_page_on_every_page`
    hook: this module knows no model of theirs.
    """
    return any(hook(page) for hook in hooks.get_hooks("frontend_cache_page_on_every_page"))


# --- Sending, once the transaction commits -------------------------------------------------


class PendingPurge:
    """URLs and site-wide purges collected in one transaction, sent together on commit."""

    def __init__(self):
        self.urls = set()
        self.sitewide = False

    def __call__(self):
        try:
            if self.sitewide:
                purge_all_sites(extra_urls=self.urls)
            else:
                purge_urls_from_cache(sorted(self.urls))
        except Exception:
            logger.warning("Frontend cache purge failed", exc_info=True)


def schedule(purge, using=DEFAULT_DB_ALIAS):
    """Send `purge` once the current transaction commits (at once outside a transaction).

    Within a transaction, purges join the one already waiting, found among the connection's
    commit callbacks: one batch per transaction, and a savepoint that is rolled back takes
    its callback (and what it collected) with it.
    """
    connection = transaction.get_connection(using)
    if connection.in_atomic_block:
        for entry in connection.run_on_commit:
            if isinstance(entry[1], PendingPurge):
                entry[1].urls.update(purge.urls)
                entry[1].sitewide |= purge.sitewide
                return
    transaction.on_commit(purge, using=using, robust=True)


def purge_all_sites(extra_urls=()):
    """Everything cached for every site: a BAN of "/" where the backend supports it (Varnish
    with deploy/varnish/default.vcl), the sites' root URLs (and `extra_urls`) elsewhere."""
    from wagtail.models import Site

    sites = list(Site.objects.all())
    other_backends = []
    for name, backend in get_backends().items():
        if hasattr(backend, "ban_prefix"):
            for site in sites:
                host = site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"
                if backend.invalidates_hostname(site.hostname):
                    backend.ban_prefix(host, "/")
        else:
            other_backends.append(name)
    if other_backends:
        urls = {site.root_url + "/" for site in sites} | set(extra_urls)
        purge_urls_from_cache(sorted(urls), backends=other_backends)


def _collect(function):
    """Run `function(pending)` to collect what to purge; never let it break the editor's save."""
    if not is_enabled():
        return
    try:
        purge = PendingPurge()
        function(purge)
        schedule(purge)
    except Exception:
        logger.warning("Could not work out what to purge from the frontend cache", exc_info=True)


def _add_page_and_listings(pending, page, revision=None):
    if in_navigation(page):
        pending.sitewide = True
    site = page.get_site()
    for parent in filter(None, [page.get_parent()]):
        if parent.depth > 1:  # not the tree's root, which no site serves
            pending.urls.update(page_urls(parent, pending))
    if site is not None:
        pending.urls.update(page_urls(site.root_page, pending))
        # Addresses that list every page of the site, such as the sitemap and its sections
        # (a purge of a path drops its ?p= pages with it in Varnish; elsewhere they expire
        # after s-maxage).
        for hook in hooks.get_hooks("frontend_cache_site_listings"):
            pending.urls.update(site.root_url + path for path in hook(site))
    for dependent in dependents(page.specific, revision):
        pending.urls.update(page_urls(dependent, pending))
    # Wagtail purges the page's own URLs as soon as it is published, inside the editor's
    # transaction: a visitor may put the old version back before the commit. Again here.
    pending.urls.update(page_urls(page, pending))


# --- Signal handlers ------------------------------------------------------------------------


def page_changed(sender, instance, revision=None, **kwargs):
    """Published or unpublished (deleting a live page unpublishes it first)."""
    _collect(lambda pending: _add_page_and_listings(pending, instance, revision))


def page_moved(sender, instance, url_path_before, url_path_after, **kwargs):
    def collect(pending):
        if url_path_before != url_path_after:
            # Every URL below the page changes, and breadcrumbs and menus with it.
            pending.sitewide = True
        else:  # reordered among its siblings: the listings that show it in tree order
            _add_page_and_listings(pending, instance)

    _collect(collect)


def slug_changed(sender, instance, **kwargs):
    def collect(pending):
        pending.sitewide = True

    _collect(collect)


def model_changed(sender, **kwargs):
    if sender not in content_models():
        return

    def collect(pending):
        pending.sitewide = True

    _collect(collect)


def connect():
    """Connect the handlers; idempotent (dispatch_uid)."""
    page_published.connect(page_changed, dispatch_uid="frontend-cache-page-published")
    page_unpublished.connect(page_changed, dispatch_uid="frontend-cache-page-unpublished")
    post_page_move.connect(page_moved, dispatch_uid="frontend-cache-page-moved")
    page_slug_changed.connect(slug_changed, dispatch_uid="frontend-cache-slug-changed")
    # No sender: snippets may be registered after this runs; model_changed filters.
    post_save.connect(model_changed, dispatch_uid="frontend-cache-model-saved")
    post_delete.connect(model_changed, dispatch_uid="frontend-cache-model-deleted")


class FrontendCacheAppConfig(WagtailFrontendCacheAppConfig):
    """wagtail.contrib.frontend_cache, with this module's handlers connected as well."""

    def ready(self):
        super().ready()
        connect()
