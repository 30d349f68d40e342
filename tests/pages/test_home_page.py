from wagtail.models import Page

from pages.models import HomePage


def test_home_page_lives_only_at_the_root():
    assert HomePage.allowed_parent_page_models() == [Page]


def test_only_one_home_page(home):
    assert not HomePage.can_create_at(Page.get_first_root_node())


def test_home_page_renders(client, home):
    response = client.get(home.url)
    assert response.status_code == 200
    assert f'<h1 class="hero__title">{home.title}</h1>' in response.content.decode()
