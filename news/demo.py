"""Demo news from seeds 001–004 (fixtures/demo/news.json) and the press kit of seed 004's
three agreements, and fake items for load tests."""

import datetime

from wagtail.models import Site

from pages.demo import add_links, bulk_add_children, demo_data, get_or_create_document, publish
from partners.models import PartnerPage

from .models import (
    NewsDocument,
    NewsIndexPage,
    NewsPage,
    NewsType,
    PhotoLibraryPage,
    PressContact,
    PressKitDocument,
    PressKitPage,
    PressKitRelease,
    PressRoomDocument,
    PressRoomPage,
    Theme,
    at_editorial_hour,
)


def backdate(page):
    """Give a seed's item the publication dates of its source, not the moment of loading, so
    that its feed entry, structured data and sitemap entry tell when it really changed."""
    published = page.published_at()
    changed = at_editorial_hour(page.updated_on) if page.updated_on else published
    NewsPage.objects.filter(pk=page.pk).update(
        first_published_at=published,
        last_published_at=changed,
        latest_revision_created_at=changed,
    )


def load_news(home, data):
    themes = {
        spec["slug"]: Theme.objects.get_or_create(slug=spec["slug"], defaults=spec)[0]
        for spec in data["themes"]
    }
    contacts = {
        spec["key"]: PressContact.objects.get_or_create(
            name=spec["name"], defaults={k: v for k, v in spec.items() if k not in {"key", "name"}}
        )[0]
        for spec in data["contacts"]
    }
    documents = {
        filename: get_or_create_document(filename, title)
        for filename, title in data["documents"].items()
    }
    index = publish(home, NewsIndexPage(**data["index"]))
    for spec in data["news"]:
        page = NewsPage(
            title=spec["title"],
            slug=spec["slug"],
            date=datetime.date.fromisoformat(spec["date"]),
            news_type=spec["news_type"],
            intro=spec["intro"],
            body=spec["body"],
            contact=contacts.get(spec.get("contact")),
            show_dates=spec.get("show_dates", False),
            updated_on=(
                datetime.date.fromisoformat(spec["updated_on"]) if "updated_on" in spec else None
            ),
        )
        page.themes = [themes[slug] for slug in spec["themes"]]
        page.related_partners = list(
            PartnerPage.objects.filter(slug__in=spec.get("related_partners", []))
        )
        page.tags.set(spec["tags"])
        # In the seed's order: the first is the one RSS gives as the enclosure.
        page.documents = [
            NewsDocument(document=documents[name], sort_order=position)
            for position, name in enumerate(spec.get("documents", []))
        ]
        publish(index, page)
        backdate(page)
    room_spec = data["press_room"]
    room = PressRoomPage(title=room_spec["title"], slug=room_spec["slug"], intro=room_spec["intro"])
    room.documents = [
        PressRoomDocument(document=documents[name], sort_order=position)
        for position, name in enumerate(room_spec["documents"])
    ]
    publish(home, room)
    for spec in data["press_kits"]:
        kit = PressKitPage(
            title=spec["title"],
            slug=spec["slug"],
            date=datetime.date.fromisoformat(spec["date"]),
            intro=spec["intro"],
        )
        kit.documents = [
            PressKitDocument(document=documents[name], sort_order=position)
            for position, name in enumerate(spec["documents"])
        ]
        kit.releases = [
            PressKitRelease(release=NewsPage.objects.get(slug=slug), sort_order=position)
            for position, slug in enumerate(spec["releases"])
        ]
        publish(room, kit)
        # Dated as its seed, as the news items are (`backdate`).
        published = at_editorial_hour(kit.date)
        PressKitPage.objects.filter(pk=kit.pk).update(
            first_published_at=published,
            last_published_at=published,
            latest_revision_created_at=published,
        )


def load(home, many=0):
    """Called by `load_demo` (see news/wagtail_hooks.py); returns True when it changed anything."""
    changed = False
    if not NewsIndexPage.objects.exists():
        data = demo_data("news.json")
        load_news(home, data)
        add_links(Site.objects.get(is_default_site=True), data)
        changed = True
    room = PressRoomPage.objects.first()
    if room is not None and not PhotoLibraryPage.objects.exists():
        publish(room, PhotoLibraryPage(**demo_data("news.json")["photo_library"]))
        changed = True
    if many:
        add_fake_news(many)
        changed = True
    return changed


def add_fake_news(count):
    """Clearly fake items for performance tests, off by default: `count` more live news items.

    Written in bulk (a few queries per thousand items, no revisions) so that a benchmark can
    add ten thousand in seconds: the tree paths and URL paths are computed here as Wagtail's
    `add_child` would, and the items are indexed for search in one batch.
    """
    index = NewsIndexPage.objects.get()
    themes = list(Theme.objects.all())
    start = NewsPage.objects.filter(slug__startswith="demo-charge-").count()
    pages = []
    for number in range(start, start + count):
        day = datetime.date(2015, 1, 1) + datetime.timedelta(days=number % 3650)
        title = f"Actualité fictive n° {number + 1} (test de charge)"
        pages.append(
            NewsPage(
                title=title,
                slug=f"demo-charge-{number + 1}",
                first_published_at=at_editorial_hour(day),
                last_published_at=at_editorial_hour(day),
                date=day,
                news_type=NewsType.PRESS_RELEASE if number % 4 == 0 else NewsType.NEWS,
                intro="Contenu fictif généré pour mesurer les performances du site.",
                body=[{"type": "paragraph", "value": "<p>Contenu fictif.</p>"}],
            )
        )

    def link_themes(pages):
        if themes:
            through = NewsPage.themes.through
            through.objects.bulk_create(
                through(newspage_id=page.pk, theme_id=themes[number % len(themes)].pk)
                for number, page in enumerate(pages, start=start)
            )

    bulk_add_children(index, pages, link_themes, prefetch=("themes", "tags"))
