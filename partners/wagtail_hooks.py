from wagtail import hooks

from pages.queries import public

from .models import PartnerIndexPage, PartnerPage


@hooks.register("home_page_sections")
def home_partners_strip(home, request):
    """The home page's partners strip: every live partner, logo or name, linking to its page."""
    partners = list(public(PartnerPage.objects.live()).with_logos().order_by("title"))
    if not partners:
        return None
    return {
        "template": "partners/components/home_strip.html",
        "order": 20,
        "partners": partners,
        "index": home.live_child(PartnerIndexPage, request),
    }


@hooks.register("load_demo")
def load_demo_partners(home, many=0):
    from .demo import load

    return load(home, many=many)
