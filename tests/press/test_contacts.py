"""Press contacts: shown with their direct lines in the press room and on each release, and
given as vCards (RFC 6350, version 4.0) that address books import; only a public contact has
one."""

import datetime

from django.conf import settings

from wagtail.models import PageViewRestriction

import pytest

from news.models import NewsType, PressContact
from tests.news.helpers import add_draft, add_news, add_private, clean, soup

from .helpers import PRESS_URL, list_in_press_room, press_officer, read_vcard, vcard_url


def contacts_section(client):
    return soup(client.get(PRESS_URL)).find(id="titre-contacts-presse").find_parent("section")


def test_a_contact_of_the_press_room_downloads_as_a_vcard_4(client, demo):
    contact = press_officer()
    list_in_press_room(contact)
    response = client.get(vcard_url(contact))
    card = read_vcard(response)
    assert response["Content-Disposition"] == 'attachment; filename="camille-martin.vcf"'
    # RFC 6350 §6.7.9: VERSION comes right after BEGIN, lines end with CRLF.
    assert response.content.startswith(b"BEGIN:VCARD\r\nVERSION:4.0\r\n")
    assert card.version.value == "4.0"
    assert card.fn.value == "Camille Martin"
    assert (card.n.value.family, card.n.value.given) == ("Martin", "Camille")
    assert card.title.value == "Chargée des relations presse"
    assert card.org.value == [settings.WAGTAIL_SITE_NAME]
    assert card.email.value == "presse@example.invalid"
    phones = {tel.value: tel.params for tel in card.tel_list}
    assert phones == {
        "tel:+33-2-35-00-00-00": {"TYPE": ["work", "voice"], "VALUE": ["uri"]},
        "tel:+33-6-12-34-56-78": {"TYPE": ["cell"], "VALUE": ["uri"]},
    }


def test_a_contact_named_on_a_live_press_release_has_a_vcard(client, demo):
    contact = press_officer(mobile_phone="")
    add_news(
        "Communiqué", datetime.date(2024, 5, 2), news_type=NewsType.PRESS_RELEASE, contact=contact
    )
    card = read_vcard(client.get(vcard_url(contact)))
    assert [tel.value for tel in card.tel_list] == ["tel:+33-2-35-00-00-00"]


def test_a_number_without_international_form_stays_as_typed(client, demo):
    """A short number (or a typo) is not turned into a wrong +33 number: text, as typed."""
    contact = press_officer(phone="3939", mobile_phone="", family_name="")
    list_in_press_room(contact)
    card = read_vcard(client.get(vcard_url(contact)))
    (tel,) = card.tel_list
    assert tel.value == "3939"
    assert "VALUE" not in tel.params
    # Without a family name, address books file the contact under the whole name.
    assert (card.n.value.family, card.n.value.given) == ("Camille Martin", "")


def test_a_family_name_of_several_words_is_kept_whole(client, demo):
    contact = press_officer(name="Emmanuel Georges Picot", family_name="Georges Picot")
    list_in_press_room(contact)
    card = read_vcard(client.get(vcard_url(contact)))
    assert (card.n.value.family, card.n.value.given) == ("Georges Picot", "Emmanuel")
    assert card.fn.value == "Emmanuel Georges Picot"


def named_on_a_draft():
    contact = press_officer()
    add_draft(
        "Brouillon", datetime.date(2024, 5, 2), news_type=NewsType.PRESS_RELEASE, contact=contact
    )
    return contact


def named_on_a_private_release():
    contact = press_officer()
    add_private(
        "Réservé", datetime.date(2024, 5, 2), news_type=NewsType.PRESS_RELEASE, contact=contact
    )
    return contact


def author_of_a_news_item():
    contact = press_officer()
    add_news("Actualité", datetime.date(2024, 5, 2), contact=contact)
    return contact


@pytest.mark.parametrize(
    "make_contact",
    [press_officer, named_on_a_draft, named_on_a_private_release, author_of_a_news_item],
    ids=["nowhere", "draft-release", "private-release", "news-author"],
)
def test_a_contact_that_is_not_public_has_no_vcard(client, demo, make_contact):
    contact = make_contact()
    assert client.get(vcard_url(contact)).status_code == 404


def test_the_demo_author_has_no_vcard(client, demo):
    """The demo's only contact signs two plain news items: not a press contact."""
    assert client.get(vcard_url(PressContact.objects.get())).status_code == 404


def test_a_contact_leaves_the_public_with_the_press_room_listing(client, demo):
    contact = press_officer()
    list_in_press_room(contact)
    assert client.get(vcard_url(contact)).status_code == 200
    list_in_press_room()
    assert client.get(vcard_url(contact)).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "contacts/999999/vcard/",
        "contacts/abc/vcard/",
        "contacts/-1/vcard/",
        "contacts/99999999999999999999999/vcard/",
        "contacts//vcard/",
        "contacts/vcard/",
    ],
)
def test_unknown_or_malformed_contacts_are_not_found(client, demo, path):
    list_in_press_room(press_officer())
    assert client.get(PRESS_URL + path).status_code == 404


def test_no_vcard_while_the_press_room_is_private(client, demo):
    contact = press_officer()
    room = list_in_press_room(contact)
    PageViewRestriction.objects.create(page=room, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(vcard_url(contact))
    assert response.status_code == 302  # Wagtail asks for a login
    assert "vcard" not in response.get("Content-Type", "")


def test_the_press_room_shows_its_contacts_lines_and_vcards(client, demo):
    first = press_officer()
    second = press_officer(
        name="Service communication", family_name="", role="", email="", mobile_phone=""
    )
    list_in_press_room(first, second)
    cards = contacts_section(client).select(".contact-card")
    assert [clean(card.select_one(".contact-card__name")) for card in cards] == [
        "Camille Martin Chargée des relations presse",
        "Service communication",
    ]
    details = [clean(item) for item in cards[0].select("li")]
    assert details == [
        "Téléphone direct : 02 35 00 00 00",
        "Mobile : 06 12 34 56 78",
        "Courriel : presse@example.invalid",
        "Ajouter à mes contacts : Camille Martin (vCard)",
    ]
    assert cards[0].find("a", href="tel:+33-6-12-34-56-78")
    assert cards[0].find("a", href=vcard_url(first)).has_attr("download")
    assert cards[1].find("a", href=vcard_url(second))
    assert not contacts_section(client).find("a", href="/contact/")


def test_the_press_room_without_contacts_points_to_the_contact_form(client, demo):
    section = contacts_section(client)
    assert not section.select(".contact-card")
    link = section.find("a", href="/contact/")
    assert clean(link) == "écrivez-nous par le formulaire de contact"


def test_a_release_links_its_contacts_vcard_and_a_news_item_its_authors_none(client, demo):
    contact = press_officer()
    release = add_news(
        "Communiqué", datetime.date(2024, 5, 2), news_type=NewsType.PRESS_RELEASE, contact=contact
    )
    item = add_news("Actualité", datetime.date(2024, 5, 3), contact=contact)
    release_block = soup(client.get(release.url)).find(id="titre-contact").find_parent("section")
    assert release_block.find("a", href=vcard_url(contact))
    item_block = soup(client.get(item.url)).find(id="titre-contact").find_parent("section")
    assert clean(item_block.h2) == "Auteur"
    assert not item_block.select(".contact-card__vcard")
    assert item_block.find("a", href="tel:+33-2-35-00-00-00")
