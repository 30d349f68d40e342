from wagtail import hooks

from .models import NewsIndexPage, latest_news


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


@hooks.register("load_demo")
def load_demo_news(home, many=0):
    from .demo import load

    return load(home, many=many)
