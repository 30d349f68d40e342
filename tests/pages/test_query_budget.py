"""Every page type costs a fixed, small number of queries, however many links editors add."""

from django.core.cache import cache

from wagtail.models import Site

import pytest

from pages.models import FooterLink, MainMenuItem, NavigationSettings, QuickLink, QuickLinksSettings
from tests.budgets import assert_within_budget, count_queries

# Header and footer come from the cache, which is how every request but the first after an
# edit is served; rebuilding them costs a fixed handful more than the budget's warm count.
PAGES = ["/", "/le-pole/", "/mentions-legales/", "/plan-du-site/", "/contact/"]
# What the first request after an edit reads again: quick links, menu, footer, identity,
# social links, the sections whose feeds the <head> announces, site root paths, the paths of
# restricted pages, and on the home page its child sections.
NAVIGATION_REBUILD = 9
# The site map reads less of that, but counts each listing section's items (news, acts,
# agenda), once per generation too.
REBUILD = {"/plan-du-site/": 10}


def multiply_links(factor):
    site = Site.objects.get(is_default_site=True)
    quick = QuickLinksSettings.for_site(site)
    navigation = NavigationSettings.for_site(site)
    for model, parent in [
        (QuickLink, quick),
        (MainMenuItem, navigation),
        (FooterLink, navigation),
    ]:
        existing = list(model.objects.filter(setting=parent))
        for copy in range(factor - 1):
            for item in existing:
                item.pk = None
                item.sort_order = (item.sort_order or 0) + 100 * (copy + 1)
                item.save()


def measure(client, url):
    client.get(url)  # first view ever: image renditions are generated and stored
    cache.clear()
    response, cold = count_queries(client, url)
    assert response.status_code == 200
    _, warm = count_queries(client, url)
    return cold, warm


@pytest.mark.parametrize("url", PAGES)
def test_query_budget_does_not_grow_with_links(client, demo, url):
    demo_links = list(QuickLink.objects.all())
    cold, warm = measure(client, url)
    assert_within_budget({url: warm})
    rebuild = REBUILD.get(url, NAVIGATION_REBUILD)
    assert cold - warm <= rebuild, f"{url}: {cold} queries with a cold cache"
    assert warm < cold  # the header and footer come from the cache
    multiply_links(10)
    assert QuickLink.objects.count() == 10 * len(demo_links)
    assert measure(client, url) == (cold, warm)


def test_editing_quick_links_in_the_admin_updates_every_header(client, demo):
    assert "Découvrir le Pôle" in client.get("/mentions-legales/").content.decode()  # warm cache
    link = QuickLink.objects.get(label="Découvrir le Pôle")
    link.label = "Qui sommes-nous ?"
    link.save()
    html = client.get("/mentions-legales/").content.decode()
    assert "Qui sommes-nous ?" in html
    assert "Découvrir le Pôle</span>" not in html


def test_renaming_a_menu_page_updates_the_menu(client, demo):
    client.get("/")  # warm the cache
    item = MainMenuItem.objects.get(label="Le Pôle")
    item.label = ""
    item.save()
    page = item.link_page.specific
    page.title = "Présentation"
    page.save_revision().publish()
    assert 'class="main-nav__link" href="/le-pole/" aria-current' not in (
        html := client.get("/").content.decode()
    )
    assert ">Présentation</a>" in html
