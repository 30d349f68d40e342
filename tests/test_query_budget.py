"""Every public page type costs at most 12 queries, uncached, however many items it lists.

DESIGN.md's budget, measured as the test settings run the site: the page cache off, the other
caches warm as for every visitor but the first after an edit (header and footer, Wagtail's
site root paths, image renditions already made). Each app's own tests look closer at its
pages (tests/*/test_query_budget.py); this one makes sure no page type is left out.
"""

import datetime

from wagtail.images import get_image_model

from acts.models import ActKind, ActPage, ActsIndexPage, ActVersion, MeetingPage
from agenda.models import EventCategory, EventIndexPage, EventPage
from news.demo import add_fake_news
from news.models import NewsPage, PressKitDocument, PressKitImage, PressKitPage, PressRoomPage
from partners.models import Domain, PartnerIndexPage, PartnerPage
from tests.budgets import assert_within_budget, warm_count
from tests.factories import (
    ActPageFactory,
    EventPageFactory,
    PartnerPageFactory,
    PressKitPageFactory,
)

ARTICLES = [
    f"/actualites/{slug}/"
    for slug in (
        "soutien-renouvele-poles-de-competitivite-et-filieres",
        "grand-est-signature-du-poce-avec-l-eurometropole-de-strasbourg",
        "normandie-10-territoires-d-industrie-labellises",
        "accords-cadres-signes-entre-la-region-et-les-poles-regionaux",
    )
]
PARTNERS = [
    f"/partenaires/{slug}/"
    for slug in (
        "cosmetic-valley",
        "lsn",
        "nextmove",
        "pole-tes",
        "polepharma",
    )
]
ACTS = [
    "/actes/",
    "/actes/?annee=2021",
    "/actes/?nature=deliberation",
    "/actes/?q=feuilles",
    "/actes/conseil-syndical-2021-05-12/",
    "/actes/deliberation-2021-05-12-feuilles-de-route-2021/",
    "/actes/rss/",
    "/actes/atom/",
    "/actes/export/csv/",
    "/actes/export/csv/2021/",
]
KIT = "/espace-presse/accords-cadres-signes-entre-la-region-et-les-poles-regionaux/"
PRESS = [KIT, KIT + "zip/", ARTICLES[3] + "zip/"]
EVENT = "/agenda/conseil-syndical-2021-05-12/"
AGENDA = [
    "/agenda/",
    "/agenda/?categorie=forum",
    "/agenda/?page=2",
    "/agenda/archives/2021/",
    "/agenda/archives/2021/?mois=2021-05",
    EVENT,
    EVENT + "ical/",
    "/agenda/ical/",
    "/agenda/ical/forum/",
]
URLS = [
    "/",
    "/le-pole/",
    "/mentions-legales/",
    "/plan-du-site/",
    "/contact/",
    "/actualites/",
    "/actualites/?type=communique",
    "/actualites/?annee=2021",
    "/actualites/?page=2",
    *ARTICLES,
    "/espace-presse/",
    "/espace-presse/?page=2",
    "/espace-presse/phototheque/",
    *PRESS,
    "/partenaires/",
    "/partenaires/?type=pole",
    *PARTNERS,
    "/recherche/?q=pole",
    "/recherche/?q=pole&type=actualites",
    "/recherche/?q=pole&page=2",
    "/sitemap.xml",
    "/robots.txt",
    "/actualites/rss/",
    "/actualites/atom/",
    "/espace-presse/rss/",
    "/espace-presse/atom/",
    *ACTS,
    *AGENDA,
]


def measure(client):
    return {url: warm_count(client, url) for url in URLS}


def add_acts(count):
    """`count` more acts of 2021 (more than a page of the register), every other one a
    délibération of the demo's séance, each with a published version: the demo act's PDF."""
    index = ActsIndexPage.objects.get()
    meeting = MeetingPage.objects.get()
    version = ActVersion.objects.get()
    acts = [
        ActPageFactory(
            parent=index,
            title=f"Acte de charge {number}",
            adopted_on=version.act.adopted_on,
            online_at=version.online_at,
            **(
                {"kind": ActKind.DELIBERATION, "meeting": meeting, "votes_for": 10}
                if number % 2
                else {}
            ),
        )
        for number in range(count)
    ]
    ActVersion.objects.bulk_create(
        ActVersion(
            act=act,
            number=1,
            file=version.file.name,
            sha256=version.sha256,
            file_size=version.file_size,
            online_at=version.online_at,
        )
        for act in acts
    )


def add_events(count):
    """`count` more events to come and as many in May 2021 (more than a page of each), of
    every category, with an image and every partner, the demo's séance among them."""
    index = EventIndexPage.objects.get()
    categories = list(EventCategory.objects.all())
    image = get_image_model().objects.first()
    partners = list(PartnerPage.objects.all())
    soon = datetime.date.today() + datetime.timedelta(days=1)
    start = EventPage.objects.count()
    for number in range(2 * count):
        event = EventPageFactory(
            parent=index,
            title=f"Événement de charge {start + number}",
            category=categories[number % len(categories)],
            start_date=soon if number < count else datetime.date(2021, 5, 1 + number % 28),
            image=image,
            place_name="Kindarena",
        )
        event.related_partners.set(partners)


def add_to_press_room(count):
    """`count` more press kits, and as many more documents and photos in the demo's kit."""
    room = PressRoomPage.objects.get()
    start = PressKitPage.objects.count()
    for number in range(start, start + count):
        PressKitPageFactory(parent=room, title=f"Dossier de charge {number}")
    kit = PressKitPage.objects.get(slug=KIT.rstrip("/").rsplit("/", 1)[1])
    document = kit.documents.first().document
    image = get_image_model().objects.first()
    for number in range(count):
        PressKitDocument.objects.create(page=kit, document=document, sort_order=10 + number)
        PressKitImage.objects.create(page=kit, image=image, sort_order=number)


def add_items(news, partners, acts):
    """More of everything a page lists: news (a page of them and more), partners linked to
    news items, every item with an image as editors are asked to add, acts in the register
    and in the séance that adopted them, events to come and past, press kits and their
    files."""
    add_fake_news(news)
    NewsPage.objects.update(image=get_image_model().objects.first())
    index = PartnerIndexPage.objects.get()
    logo = PartnerPage.objects.exclude(logo=None).first().logo
    for number in range(partners):
        partner = PartnerPageFactory(parent=index, title=f"Structure {number}", logo=logo)
        partner.domains = list(Domain.objects.all())
        partner.save()
    for item in NewsPage.objects.filter(slug__startswith="demo-charge-"):
        item.related_partners.set(PartnerPage.objects.all())
    add_acts(acts)
    add_events(acts - 1)
    add_to_press_room(partners)


def test_every_page_type_stays_within_the_budget_whatever_the_number_of_items(client, demo):
    NewsPage.objects.update(image=get_image_model().objects.first())
    # The demo's only event is past: one to come and one more past, so that the pages
    # listing them show a card from the start.
    add_events(1)
    # The demo's kit has no photo: one, so that its page reads its photos from the start.
    add_to_press_room(1)
    with_demo = measure(client)
    add_items(news=60, partners=20, acts=30)
    assert ActPage.objects.live().count() == 31
    assert client.get("/actualites/?page=2").context["news"].number == 2
    assert client.get("/actes/?page=2").context["acts"].number == 2
    assert client.get("/espace-presse/?page=2").context["releases"].number == 2
    assert client.get("/agenda/?page=2").context["events"].number == 2
    with_more = measure(client)
    assert_within_budget(with_more)
    grown = {
        url: (with_demo[url], count) for url, count in with_more.items() if count != with_demo[url]
    }
    assert not grown, f"queries growing with the number of items (demo, more): {grown}"
