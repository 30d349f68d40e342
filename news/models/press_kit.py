"""Press kits (dossiers de presse): what a journalist needs on one subject, on one page and in
one download."""

from functools import cached_property

from django.db import models
from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page
from wagtail.search import index

from pages.fields import attached_document, attached_image
from pages.images import WEB_PHOTO, rendition_specs
from pages.models import EditorialPage
from pages.queries import public

from .. import downloads
from .article import LISTING_ORDER, NewsPage

# The photo a journalist puts on a web page: at most this wide and high, as JPEG.


class PressKitPage(RoutablePageMixin, EditorialPage):
    """A press kit: the text, documents and photos (in high and web resolution, with their
    credits) of one subject, the releases it goes with, and « Tout télécharger »: every file
    in one zip. Its own page rather than a list in the press room, so that each subject has
    an address to send, dated, and found by the site's search."""

    date = models.DateField(
        "date",
        default=timezone.localdate,
        help_text="La date affichée, qui classe aussi les dossiers dans l'espace presse.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("body"),
        InlinePanel(
            "documents",
            label="document",
            heading="Documents",
            help_text="Dans l'ordre de lecture ; leur format et leur taille sont affichés.",
        ),
        InlinePanel(
            "images",
            label="photo",
            heading="Photos",
            help_text=(
                "Proposées en haute définition (le fichier d'origine) et en résolution web. "
                "Leur titre, leur description (texte alternatif) et leur crédit se "
                "renseignent dans Images."
            ),
        ),
        InlinePanel(
            "releases",
            label="communiqué",
            heading="Communiqués liés",
            help_text="Les communiqués (ou actualités) que ce dossier accompagne.",
        ),
    ]
    search_fields = [*EditorialPage.search_fields, index.FilterField("date")]
    search_type_label = "dossier de presse"

    # Kits are listed in the press room, and have no children.
    parent_page_types = ["news.PressRoomPage"]
    subpage_types = []

    class Meta:
        verbose_name = "dossier de presse"
        verbose_name_plural = "dossiers de presse"

    def kit_documents(self):
        return [item.document for item in self.documents.select_related("document__collection")]

    def kit_images(self):
        return [row.image for row in self.images.select_related("image")]

    def related_releases(self):
        """The live, public releases this kit goes with, newest first."""
        ids = self.releases.values_list("release_id", flat=True)
        return list(
            public(NewsPage.objects.live().filter(pk__in=ids))
            .only("id", "title", "url_path", "path", "depth", "date", "news_type")
            .order_by(*LISTING_ORDER)
        )

    def bundle(self, request, documents, images):
        """Every file of the kit in one zip, or None when it has too few."""
        return downloads.bundle(
            request,
            downloads.heading("Dossier de presse", self.title, self.date),
            self.get_full_url(request),
            [*documents, *images],
        )

    def photos(self):
        """The photos as the page shows them, with their renditions, in two queries."""
        renditions = (
            get_image_model()
            .get_rendition_model()
            .objects.filter(filter_spec__in=[*rendition_specs("card"), WEB_PHOTO])
        )
        rows = self.images.select_related("image").prefetch_related(
            Prefetch("image__renditions", queryset=renditions)
        )
        return [Photo(row.image) for row in rows]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        documents, photos = self.kit_documents(), self.photos()
        images = [photo.image for photo in photos]
        context.update(
            documents=documents,
            photos=photos,
            releases=self.related_releases(),
            bundle=self.bundle(request, documents, images),
            share_url=self.get_full_url(request),
        )
        return context

    @path("")
    def kit(self, request):
        return self.render(request)

    @path("zip/", name="zip")
    def download_all(self, request):
        """« Tout télécharger »: the kit's documents and photos in one zip."""
        files = self.bundle(request, self.kit_documents(), self.kit_images())
        if files is None:
            raise Http404
        return downloads.zip_response(request, files, self.title, self.last_published_at)


class Photo:
    """A kit's photo as its page offers it: the original file, and a lighter copy for the web
    (none for an SVG, which has no resolution)."""

    def __init__(self, image):
        self.image = image

    @property
    def credit(self):
        return self.image.credit

    @property
    def size(self):
        """The original file's size, from the storage: a page read writes nothing."""
        return self.image.file.size

    @cached_property
    def web(self):
        return None if self.image.is_svg() else self.image.get_rendition(WEB_PHOTO)


class PressKitDocument(Orderable):
    page = ParentalKey(PressKitPage, on_delete=models.CASCADE, related_name="documents")
    document = attached_document()

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = "document du dossier"
        verbose_name_plural = "documents du dossier"


class PressKitImage(Orderable):
    page = ParentalKey(PressKitPage, on_delete=models.CASCADE, related_name="images")
    image = attached_image()

    panels = [FieldPanel("image")]

    class Meta(Orderable.Meta):
        verbose_name = "photo du dossier"
        verbose_name_plural = "photos du dossier"


class PressKitRelease(Orderable):
    page = ParentalKey(PressKitPage, on_delete=models.CASCADE, related_name="releases")
    release = models.ForeignKey(
        NewsPage,
        verbose_name="communiqué ou actualité",
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("release")]

    class Meta(Orderable.Meta):
        verbose_name = "communiqué lié"
        verbose_name_plural = "communiqués liés"
