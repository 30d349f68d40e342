"""The news listing's pagination in Chromium, with enough items for two pages: links, the
current page announced, the filters kept from one page to the next."""

import re

import pytest

from tests.browser.checks import assert_no_axe_violations, assert_no_horizontal_overflow
from tests.browser.conftest import expect
from tests.browser.test_news import LISTING, filter_form, news_cards, results_summary

# Fake items added to the demo (news.demo.add_fake_news): one in four is a press release, so
# with the 3 demo news items "Actualité" lists 3 + 15 = 18, two pages of 12.
FAKE_NEWS = 20
NEWS_ITEMS_WITH_FAKES = 18


@pytest.fixture(scope="module")
def demo_site(demo_site):
    """The demo content and the fake items, added before the browser starts (conftest.py)."""
    from news.demo import add_fake_news

    add_fake_news(FAKE_NEWS)
    return demo_site


def test_pagination_keeps_the_filters(page_at_width, demo_site):
    page = page_at_width
    page.goto(demo_site + LISTING + "?type=actualite")
    summary = results_summary(page)
    expect(summary).to_contain_text(f"{NEWS_ITEMS_WITH_FAKES} résultats")
    expect(summary).to_contain_text("page 1 sur 2")
    expect(news_cards(page)).to_have_count(12)

    pagination = page.get_by_role("navigation", name="Pagination")
    expect(pagination.locator("[aria-current=page]")).to_have_count(1)
    expect(pagination.locator("[aria-current=page]")).to_have_text("Page 1")
    page_2 = pagination.get_by_role("link", name="Page 2", exact=True)
    expect(page_2).to_have_attribute("href", "?type=actualite&page=2")
    assert_no_axe_violations(page)
    assert_no_horizontal_overflow(page)

    page_2.click()
    page.wait_for_url(re.compile(r"\?type=actualite&page=2$"))
    expect(news_cards(page)).to_have_count(NEWS_ITEMS_WITH_FAKES - 12)
    expect(summary).to_contain_text("page 2 sur 2")
    expect(pagination.locator("[aria-current=page]")).to_have_count(1)
    expect(pagination.locator("[aria-current=page]")).to_have_text("Page 2")
    expect(pagination.get_by_role("link", name="Page précédente")).to_have_attribute(
        "href", "?type=actualite&page=1"
    )
    expect(pagination.get_by_role("link", name="Page suivante")).to_have_count(0)
    expect(filter_form(page).get_by_label("Type", exact=True)).to_have_value("actualite")
    assert_no_axe_violations(page)
    assert_no_horizontal_overflow(page)
