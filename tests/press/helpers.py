"""What the press tests share: the press room's address, its contacts, the vCards read back."""

import vobject

from news.models import PressRoomContact, PressRoomPage
from tests.factories import PressContactFactory

PRESS_URL = "/espace-presse/"


def press_room():
    return PressRoomPage.objects.get()


def list_in_press_room(*contacts):
    """Publish the press room listing `contacts`, in this order."""
    room = press_room()
    room.press_contacts = [
        PressRoomContact(contact=contact, sort_order=position)
        for position, contact in enumerate(contacts)
    ]
    room.save_revision().publish()
    return room


def press_officer(**fields):
    """A press contact with every field filled, as a communications team enters one."""
    return PressContactFactory(
        **{
            "name": "Camille Martin",
            "family_name": "Martin",
            "role": "Chargée des relations presse",
            "email": "presse@example.invalid",
            "phone": "02 35 00 00 00",
            "mobile_phone": "06 12 34 56 78",
            **fields,
        }
    )


def vcard_url(contact):
    return f"{PRESS_URL}contacts/{contact.pk}/vcard/"


def read_vcard(response):
    """The vCard a response carries, parsed as an address book would (vobject)."""
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    return vobject.readOne(response.content.decode())
