"""Where every page type may live in the page tree, in one table.

The admin's "add child page" offers editors only what these rules allow: a page type added
without its row here fails `test_every_page_type_has_a_row`, so nobody can ship a type whose
place in the tree was never decided.
"""

from wagtail.models import Page, get_page_models

import pytest

from acts.models import ActPage, ActsIndexPage, MeetingPage
from agenda.models import EventIndexPage, EventPage
from news.models import NewsIndexPage, NewsPage, PhotoLibraryPage, PressKitPage, PressRoomPage
from pages.models import ContactPage, HomePage, PresentationPage, SiteMapPage, StandardPage
from partners.models import PartnerIndexPage, PartnerPage
from tests.factories import (
    ActPageFactory,
    ActsIndexPageFactory,
    ContactPageFactory,
    EventIndexPageFactory,
    EventPageFactory,
    MeetingPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    PartnerIndexPageFactory,
    PartnerPageFactory,
    PhotoLibraryPageFactory,
    PresentationPageFactory,
    PressKitPageFactory,
    PressRoomPageFactory,
    SiteMapPageFactory,
    StandardPageFactory,
)

ONCE = 1  # one page of this type per site
MANY = None  # no limit

# page type: (types it may be created under, types an editor may create under it, how many)
TREE = {
    HomePage: (
        {Page},
        {
            PresentationPage,
            StandardPage,
            SiteMapPage,
            ContactPage,
            NewsIndexPage,
            PressRoomPage,
            PartnerIndexPage,
            ActsIndexPage,
            EventIndexPage,
        },
        ONCE,
    ),
    PresentationPage: ({HomePage}, {StandardPage}, ONCE),
    StandardPage: ({HomePage, PresentationPage, StandardPage}, {StandardPage}, MANY),
    SiteMapPage: ({HomePage}, set(), ONCE),
    ContactPage: ({HomePage}, set(), ONCE),
    NewsIndexPage: ({HomePage}, {NewsPage}, ONCE),
    NewsPage: ({NewsIndexPage}, set(), MANY),
    PressRoomPage: ({HomePage}, {PressKitPage, PhotoLibraryPage}, ONCE),
    PressKitPage: ({PressRoomPage}, set(), MANY),
    PhotoLibraryPage: ({PressRoomPage}, set(), ONCE),
    PartnerIndexPage: ({HomePage}, {PartnerPage}, ONCE),
    PartnerPage: ({PartnerIndexPage}, set(), MANY),
    ActsIndexPage: ({HomePage}, {MeetingPage, ActPage}, ONCE),
    MeetingPage: ({ActsIndexPage}, set(), MANY),
    ActPage: ({ActsIndexPage}, set(), MANY),
    EventIndexPage: ({HomePage}, {EventPage}, ONCE),
    EventPage: ({EventIndexPage}, set(), MANY),
}

MODELS = list(TREE)


def ids(model):
    return model._meta.label


def test_every_page_type_has_a_row():
    # wagtailcore.Page is the tree's root, not a type editors create.
    assert set(TREE) == set(get_page_models()) - {Page}


@pytest.mark.parametrize("model", MODELS, ids=ids)
def test_parent_types(model):
    parents, _, _ = TREE[model]
    assert set(model.allowed_parent_page_models()) == parents


@pytest.mark.parametrize("model", MODELS, ids=ids)
def test_child_types_offered_to_editors(model):
    _, children, _ = TREE[model]
    assert set(model.creatable_subpage_models()) == children


@pytest.mark.parametrize("model", MODELS, ids=ids)
def test_how_many_per_site(model):
    _, _, count = TREE[model]
    assert model.max_count == count


@pytest.fixture
def tree(home):
    """The root and one page of every type, each under its first allowed parent."""
    presentation = PresentationPageFactory(parent=home)
    index = NewsIndexPageFactory(parent=home)
    partners = PartnerIndexPageFactory(parent=home)
    acts = ActsIndexPageFactory(parent=home)
    agenda = EventIndexPageFactory(parent=home)
    press_room = PressRoomPageFactory(parent=home)
    return [
        Page.get_first_root_node(),
        home,
        presentation,
        StandardPageFactory(parent=presentation),
        SiteMapPageFactory(parent=home),
        ContactPageFactory(parent=home),
        index,
        NewsPageFactory(parent=index),
        press_room,
        PhotoLibraryPageFactory(parent=press_room),
        PressKitPageFactory(parent=press_room),
        partners,
        PartnerPageFactory(parent=partners),
        acts,
        MeetingPageFactory(parent=acts),
        ActPageFactory(parent=acts),
        agenda,
        EventPageFactory(parent=agenda),
    ]


def test_a_fresh_home_page_accepts_each_of_its_child_types(home):
    _, children, _ = TREE[HomePage]
    for model in MODELS:
        assert model.can_create_at(home) == (model in children), model


@pytest.mark.parametrize("model", MODELS, ids=ids)
def test_once_every_type_exists_only_repeatable_types_go_under_their_parents(tree, model):
    parents, _, count = TREE[model]
    assert {type(page.specific) for page in tree} == {Page, *TREE}
    for parent in tree:
        allowed = count is MANY and type(parent.specific) in parents
        assert model.can_create_at(parent.specific) == allowed, parent
