from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.http import Http404

from wagtail import hooks
from wagtail.models import Page, ReferenceIndex

from .models import LinkTarget


@hooks.register("frontend_cache_page_on_every_page")
def linked_from_navigation(page):
    """The menus, the quick links and the footer are on every page: so is a page they link."""
    return any(
        model.objects.filter(link_page_id=page.pk).exists()
        for model in apps.get_models()
        if issubclass(model, LinkTarget)
    )


@hooks.register("before_serve_document")
def only_documents_of_published_pages(document, request):
    """A document that only unpublished pages show (a draft, a press release under embargo)
    is not served to visitors before one of them goes online: its address would give away
    what the page does not show yet. A document no page names (one linked from elsewhere), or
    that something other than a page shows (a menu, a setting), is served; editors always
    get it."""
    if request.user.has_perm("wagtailadmin.access_admin"):
        return None
    sources = set(
        ReferenceIndex.get_references_to(document).values_list("base_content_type_id", "object_id")
    )
    if not sources:
        return None
    page_type = ContentType.objects.get_for_model(Page).pk
    page_ids = [object_id for content_type, object_id in sources if content_type == page_type]
    if len(page_ids) < len(sources) or Page.objects.filter(pk__in=page_ids, live=True).exists():
        return None
    raise Http404
