from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ActsIndexPage, Matter


class MatterViewSet(SnippetViewSet):
    model = Matter
    icon = "tag"
    menu_label = "Matières ACTES"
    list_display = ["code", "label", "group"]
    search_fields = ["code", "label", "group"]
    ordering = ["code"]


register_snippet(MatterViewSet)


@hooks.register("site_feed_page_types")
def acts_feed_page_types():
    """The register's feeds of new acts, announced on every page."""
    return [ActsIndexPage]


@hooks.register("load_demo")
def load_demo_acts(home, many=0):
    from .demo import load

    return load(home, many=many)
