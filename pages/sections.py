"""How a page shows what the apps above it know: the sections their hooks return."""

from wagtail import hooks


def page_sections(hook_name, page, request):
    """What the apps building on this one show on `page` (a partner's news items, a séance's
    event…): each function registered under `hook_name` returns a dict with a "template"
    and its data, or None; the sections come in registration order (INSTALLED_APPS)."""
    sections = (hook(page, request) for hook in hooks.get_hooks(hook_name))
    return [section for section in sections if section]
