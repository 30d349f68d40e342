"""The press room's photo library (photothèque): the photos the Pôle offers journalists, each
with its caption, its author, its licence and its date, to download at web size or as the
original, without registering."""

import os

from django.http import FileResponse, Http404
from django.utils.text import slugify

from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.images import get_image_model

from pages.images import WEB_PHOTO, WEB_PHOTO_PIXELS, prefetch_renditions
from pages.models import SectionPage
from pages.queries import paginate

PHOTOS_PER_PAGE = 24


def library_photos():
    """The photos offered, newest first: only those an editor put in the library, with the
    author's name that comes with every published photo."""
    return (
        get_image_model()
        .objects.filter(in_photo_library=True)
        .exclude(credit="")
        .prefetch_related(prefetch_renditions("renditions", "card"))
        .order_by("-taken_on", "-created_at", "-pk")
    )


class PhotoLibraryPage(RoutablePageMixin, SectionPage):
    """`/espace-presse/phototheque/`: the photos editors mark « dans la photothèque » in
    Images, listed with what a journalist needs to use them."""

    parent_page_types = ["news.PressRoomPage"]
    subpage_types = []

    class Meta:
        verbose_name = "photothèque"

    @path("")
    def photos(self, request):
        return self.render(
            request,
            context_overrides={
                "photos": paginate(request, library_photos(), PHOTOS_PER_PAGE),
                "web_size": WEB_PHOTO_PIXELS,
            },
        )

    def photo(self, image_id):
        photo = library_photos().filter(pk=image_id).first()
        if photo is None:
            raise Http404
        return photo

    @staticmethod
    def download(file, name):
        return FileResponse(file, as_attachment=True, filename=name)

    @path("<int:image_id>/web/", name="web")
    def web_size(self, request, image_id):
        photo = self.photo(image_id)
        rendition = photo.get_rendition(WEB_PHOTO)
        return self.download(rendition.file.open("rb"), f"{slugify(photo.title)}-web.jpg")

    @path("<int:image_id>/original/", name="original")
    def original(self, request, image_id):
        photo = self.photo(image_id)
        extension = os.path.splitext(photo.file.name)[1].lower()
        return self.download(photo.file.open("rb"), f"{slugify(photo.title)}{extension}")
