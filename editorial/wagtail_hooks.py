from django.utils import timezone

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.log_actions import LogFormatter

from news.models import NewsPage, published_news

from . import records
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


class EmbargoPanel(Component):
    """The dashboard's « Sous embargo »: the items scheduled to go online, and when; nothing
    when none is."""

    name = "embargo"
    template_name = "editorial/embargo_panel.html"
    order = 150

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["scheduled"] = list(
            NewsPage.objects.filter(live=False, go_live_at__gt=timezone.now()).order_by(
                "go_live_at"
            )
        )
        return context


@hooks.register("construct_homepage_panels")
def add_latest_news_panel(request, panels):
    panels.append(EmbargoPanel())
    panels.append(LatestNewsPanel())


@hooks.register("load_demo")
def load_demo_roles(home, many=0):
    """Roles and workflow on the demo sections, once they exist (runs after news, partners)."""
    setup_editorial()
    return False  # no content added


hooks.register("before_unpublish_page", records.unpublish_with_reason)
hooks.register("before_delete_page", records.refuse_deleting_records)
hooks.register("before_bulk_action", records.refuse_bulk_actions_on_records)


@hooks.register("register_log_actions")
def register_unpublish_reason(actions):
    @actions.register_action(records.UNPUBLISH_REASON_ACTION)
    class UnpublishReason(LogFormatter):
        label = "Motif du retrait de la publication"

        def format_message(self, log_entry):
            return f"Retrait de la publication, motif : {log_entry.data.get('reason', '')}"
