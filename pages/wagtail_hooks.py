from django.apps import apps

from wagtail import hooks

from .models import LinkTarget


@hooks.register("frontend_cache_page_on_every_page")
def linked_from_navigation(page):
    """The menus, the quick links and the footer are on every page: so is a page they link."""
    return any(
        model.objects.filter(link_page_id=page.pk).exists()
        for model in apps.get_models()
        if issubclass(model, LinkTarget)
    )
