from wagtail import hooks
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from pages.queries import public

from .models import ActsIndexPage, Matter


class MatterViewSet(SnippetViewSet):
    model = Matter
    icon = "tag"
    menu_label = "Matières ACTES"
    list_display = ["code", "label", "group"]
    search_fields = ["code", "label", "group"]
    ordering = ["code"]


register_snippet(MatterViewSet)


@hooks.register("site_feeds")
def acts_feeds(site, request):
    """The register's feeds, wherever editors placed it."""
    sections = public(
        Page.objects.live()
        .type(ActsIndexPage)
        .filter(path__startswith=site.root_page.path)
        .order_by("path")
    )
    links = []
    for page in sections.only("id", "path", "url_path", "content_type_id"):
        links.extend(ActsIndexPage.feed_links(page.get_url(request)))
    return links


@hooks.register("load_demo")
def load_demo_acts(home, many=0):
    from .demo import load

    return load(home)
