"""RSS 2.0 and Atom feeds for all news and for press releases only (Django's syndication).

Every URL in them is on the site's public address (pages/public_address.py), whatever address
the request came in on; the dates are the item's own (`published_at`, `modified_at`), as on
the page and in the sitemap.
"""

from django.db.models import Prefetch
from django.utils.feedgenerator import Atom1Feed, Enclosure

from pages.feeds import SITE_NAME, SectionFeed
from pages.public_address import absolute_url
from pages.queries import public

from .models import LISTING_ORDER, NewsDocument, NewsPage, NewsType

FEED_SIZE = 30
# The page fields an entry reads (its address, texts, dates, type); the rest stays unread.
ENTRY_FIELDS = (
    "title",
    "url_path",
    "path",
    "depth",
    "locale_id",
    "content_type_id",
    "date",
    "news_type",
    "intro",
    "search_description",
    "last_published_at",
    "updated_on",
    "contact",
)


class NewsRssFeed(SectionFeed):
    title = f"{SITE_NAME} – actualités"
    description = f"Les actualités et communiqués de presse du {SITE_NAME}."

    def queryset(self):
        """What an entry shows, for all of them at once, and nothing else: the cost of a feed
        is that of its entries."""
        return (
            public(NewsPage.objects.live())
            .only(*ENTRY_FIELDS)
            .select_related("contact")
            .prefetch_related(
                Prefetch("themes", to_attr="theme_list"),
                Prefetch(
                    "documents",
                    NewsDocument.objects.select_related("document"),
                    to_attr="document_list",
                ),
            )
            .order_by(*LISTING_ORDER)
        )

    def items(self):
        return self.queryset()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro or item.search_description

    def item_pubdate(self, item):
        return item.published_at()

    def item_updateddate(self, item):
        return item.modified_at()

    def item_author_name(self, item):
        return str(item.contact) if item.contact else None

    def item_author_email(self, item):
        return item.contact.email if item.contact and item.contact.email else None

    def item_categories(self, item):
        return [theme.name for theme in item.theme_list]

    # RSS 2.0 allows one enclosure per item: the first of its documents, the one editors put
    # first (the release itself, before its annexes); Atom lists them all.
    max_enclosures = 1

    def item_enclosures(self, item):
        documents = [entry.document for entry in item.document_list][: self.max_enclosures]
        return [
            Enclosure(
                url=absolute_url(self.request, document.url),
                length=str(document.get_file_size() or 0),
                mime_type=document.content_type or "application/octet-stream",
            )
            for document in documents
        ]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    max_enclosures = None
    subtitle = NewsRssFeed.description


class PressReleaseRssFeed(NewsRssFeed):
    title = f"{SITE_NAME} – communiqués de presse"
    description = f"Les communiqués de presse du {SITE_NAME}."

    def queryset(self):
        return super().queryset().filter(news_type=NewsType.PRESS_RELEASE)


class PressReleaseAtomFeed(PressReleaseRssFeed):
    feed_type = Atom1Feed
    max_enclosures = None
    subtitle = PressReleaseRssFeed.description
