from wagtail import hooks
from wagtail.admin.ui.components import Component

from news.models import published_news

from .roles import setup_editorial

LATEST_NEWS_LIMIT = 5


class LatestNewsPanel(Component):
    """The dashboard's "Dernières actualités publiées": what citizens see now, one click from
    editing it. Wagtail's own panels list the editor's pages in moderation beside it."""

    name = "latest_news"
    template_name = "editorial/latest_news_panel.html"
    order = 160

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["news"] = list(published_news()[:LATEST_NEWS_LIMIT])
        return context


@hooks.register("construct_homepage_panels")
def add_latest_news_panel(request, panels):
    panels.append(LatestNewsPanel())


@hooks.register("load_demo")
def load_demo_roles(home, many=0):
    """Roles and workflow on the demo sections, once they exist (runs after news, partners)."""
    setup_editorial()
    return False  # no content added
