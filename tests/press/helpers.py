"""What the press tests share: the press room and its contacts, press kits and their files,
the vCards and zips read back."""

import io
import zipfile

import vobject
from wagtail_factories import DocumentFactory, ImageFactory

from news.models import (
    PressKitDocument,
    PressKitImage,
    PressKitRelease,
    PressRoomContact,
    PressRoomPage,
)
from tests.factories import PressContactFactory, PressKitPageFactory

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


KIT_URL = PRESS_URL + "accords-cadres-signes-entre-la-region-et-les-poles-regionaux/"  # seed 004
ACCORDS_FILES = ["accord-cadre-mel.pdf", "accord-cadre-amiens.pdf", "accord-cadre-dunkerque.pdf"]


def pdf(title, size=2000, filename="document.pdf"):
    """A PDF of `size` bytes in the documents library, as an upload leaves it."""
    document = DocumentFactory(
        title=title, file__filename=filename, file__data=b"%PDF-1.4\n" + b"x" * (size - 9)
    )
    document._set_document_file_metadata()
    document.save()
    return document


def photo(title, filename="photo.jpg", **fields):
    """A JPEG photo of the images library, its size and hash recorded as an upload does."""
    image = ImageFactory(
        title=title, file__filename=filename, file__width=640, file__height=480, **fields
    )
    image.get_file_size()
    image.get_file_hash()
    return image


def add_kit(documents=(), images=(), releases=(), **fields):
    """A live press kit in the press room, with these files and releases in this order."""
    kit = PressKitPageFactory(parent=press_room(), **fields)
    kit.documents = [
        PressKitDocument(document=document, sort_order=n) for n, document in enumerate(documents)
    ]
    kit.images = [PressKitImage(image=image, sort_order=n) for n, image in enumerate(images)]
    kit.releases = [PressKitRelease(release=page, sort_order=n) for n, page in enumerate(releases)]
    kit.save_revision().publish()
    return kit


def read_zip(response):
    """The zip a response streams, its whole body, and the body as bytes."""
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    body = b"".join(response.streaming_content)
    return zipfile.ZipFile(io.BytesIO(body)), body
