from wagtail import hooks

from .models import NewsIndexPage, NewsPage, PressRoomPage, latest_news, published_news

# How many of a partner's news items its page shows.
PARTNER_NEWS_LIMIT = 5


@hooks.register("home_page_sections")
def home_latest_news(home, request):
    """The home page's "Actualités" section: three items, the editor's pinned one first."""
    items = latest_news(3, pinned_id=home.featured_news_id)
    if not items:
        return None
    return {
        "template": "news/components/home_latest.html",
        "order": 10,
        "items": items,
        "index": home.live_child(NewsIndexPage, request),
    }


@hooks.register("home_page_featured_page_types")
def pinned_news_type():
    """What the home page's « actualité épinglée » chooser offers."""
    return [NewsPage]


@hooks.register("partner_page_sections")
def partner_news(partner, request):
    """A partner's « Actualités liées »: its newest items, and the listing filtered on it."""
    return {
        "template": "news/components/partner_news.html",
        "items": list(published_news().filter(related_partners=partner)[:PARTNER_NEWS_LIMIT]),
        "index": NewsIndexPage.objects.live().first(),
    }


@hooks.register("site_feed_page_types")
def news_feed_page_types():
    """The news section's feeds and the press room's, announced on every page."""
    return [NewsIndexPage, PressRoomPage]


@hooks.register("load_demo")
def load_demo_news(home, many=0):
    from .demo import load

    return load(home, many=many)
