"""RSS 2.0 and Atom feeds of the acts as they go online, newest first: journalists and the
préfecture follow the register without visiting it."""

from django.utils.feedgenerator import Atom1Feed, Enclosure
from django.utils.html import strip_tags

from pages.feeds import SITE_NAME, SectionFeed
from pages.public_address import absolute_url

from .models import published_acts

FEED_SIZE = 30


class ActsRssFeed(SectionFeed):
    title = f"{SITE_NAME} – actes et délibérations"
    description = f"Les actes et délibérations du {SITE_NAME}, à leur mise en ligne."

    def items(self):
        acts = published_acts().child_of(self.section).exclude(online_at=None)
        return acts.order_by("-online_at", "-pk")[:FEED_SIZE]

    def item_title(self, item):
        label = item.get_kind_display()
        if item.number:
            label += f" n° {item.number}"
        return f"{label} – {item.title}"

    def item_description(self, item):
        return " ".join(strip_tags(item.decision).split()) or item.title

    def item_pubdate(self, item):
        return item.online_at

    def item_updateddate(self, item):
        version = item.current_version
        return version.online_at if version else item.online_at

    def item_categories(self, item):
        return [str(item.matter)] if item.matter else []

    max_enclosures = 1

    def item_enclosures(self, item):
        version = item.current_version
        if version is None:
            return []
        return [
            Enclosure(
                url=absolute_url(self.request, version.get_url(self.request)),
                length=str(version.file_size),
                mime_type="application/pdf",
            )
        ]


class ActsAtomFeed(ActsRssFeed):
    feed_type = Atom1Feed
    subtitle = ActsRssFeed.description
