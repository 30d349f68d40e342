"""What the site's feeds share: a listing page's RSS and Atom routes, and the feed plumbing
(Django's syndication framework) that every section's feeds build on.

Every URL in a feed is on the site's public address (pages/public_address.py), whatever
address the request came in on.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.module_loading import import_string

from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from .public_address import absolute_url, root_url

SITE_NAME = settings.WAGTAIL_SITE_NAME


class ListingWithFeeds(RoutablePageMixin):
    """A listing page with its RSS and Atom feeds at `rss/` and `atom/`.

    The feed classes are named by dotted path, so that a feeds module may import the models.
    """

    rss_feed_class = ""
    atom_feed_class = ""
    # What the feeds are called where every page announces them (<link rel="alternate">).
    feed_title = ""

    @path("")
    def listing(self, request):
        return self.render(request)

    @classmethod
    def feed_links(cls, url):
        """The two feeds of a page of this type at `url`, as the site's <head> announces them
        (see pages.navigation): a class method, so that the base page read from the tree
        suffices."""
        resolver = cls.get_resolver()
        return [
            {
                "title": f"{cls.feed_title} (RSS)",
                "type": "application/rss+xml",
                "url": url + resolver.reverse("rss"),
            },
            {
                "title": f"{cls.feed_title} (Atom)",
                "type": "application/atom+xml",
                "url": url + resolver.reverse("atom"),
            },
        ]

    @path("rss/", name="rss")
    def rss(self, request):
        return import_string(self.rss_feed_class)(self)(request)

    @path("atom/", name="atom")
    def atom(self, request):
        return import_string(self.atom_feed_class)(self)(request)


class FrenchRssFeed(Rss201rev2Feed):
    def rss_attributes(self):
        return {**super().rss_attributes(), "xml:lang": "fr"}


class SectionFeed(Feed):
    """The feed of one listing page (its `rss/` and `atom/` routes), in French, by the Pôle."""

    feed_type = FrenchRssFeed
    language = "fr"
    # The feed's author (RFC 4287 §4.1.1: required when an entry has none of its own).
    author_name = SITE_NAME

    def __init__(self, section):
        super().__init__()
        self.section = section

    def __call__(self, request, *args, **kwargs):
        self.request = request
        response = super().__call__(request, *args, **kwargs)
        # The feed writer leaves the body in hundreds of small pieces (one per XML token),
        # which the WSGI server would send one socket write each: joined, it goes in one.
        response.content = response.content
        return response

    def link(self):
        return self.section.get_full_url(self.request)

    def feed_url(self):
        return absolute_url(self.request, self.request.path)

    def author_link(self):
        return root_url(self.request) + "/"

    def item_link(self, item):
        if "feed_url" not in item.__dict__:
            item.feed_url = item.get_full_url(self.request)
        return item.feed_url

    def item_guid(self, item):
        return self.item_link(item)

    item_guid_is_permalink = True
