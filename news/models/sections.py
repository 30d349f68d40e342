"""The news section and the press room: the listings of news items, with their feeds."""

from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.http import Http404

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from pages.feeds import ListingWithFeeds
from pages.fields import attached_document
from pages.listing import Filter, ListingFilters, object_options, options
from pages.models import SectionPage
from pages.queries import french_sort_key, paginate, public
from pages.sections import page_sections
from pole_site.page_cache import remember

from ..vcard import vcard_response
from .article import LISTING_ORDER, NewsPage, NewsType, published_news
from .photos import PhotoLibraryPage
from .press_kit import PressKitPage
from .snippets import PressContact, Theme

# Items a listing page shows.
NEWS_PER_PAGE = 12


class NewsIndexPage(ListingWithFeeds, SectionPage):
    """`/actualites/`: every news item, filterable by type, theme and year, with its feeds."""

    feed_title = "Actualités"
    rss_feed_class = "news.feeds.NewsRssFeed"
    atom_feed_class = "news.feeds.NewsAtomFeed"

    # The news section holds only news items.
    subpage_types = ["news.NewsPage"]

    class Meta:
        verbose_name = "liste des actualités"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        themes = sorted(Theme.objects.all(), key=lambda theme: french_sort_key(theme.name))
        years = remember(None, "news-years", self.archive_years)
        partners = NewsPage._meta.get_field("related_partners").related_model.objects
        partners = public(partners.live()).only("id", "title", "slug").order_by("title")
        filters = ListingFilters(
            request.GET,
            [
                Filter(
                    "type",
                    "Type",
                    options(NewsType.choices),
                    "Tous les types",
                    lambda news, value: news.filter(news_type=value),
                    "le type « {} »",
                ),
                Filter(
                    "theme",
                    "Thème",
                    object_options(themes),
                    "Tous les thèmes",
                    lambda news, theme: news.filter(themes=theme),
                    "le thème « {} »",
                ),
                Filter(
                    "annee",
                    "Année",
                    options((year["year"], year["year"]) for year in years),
                    "Toutes les années",
                    lambda news, year: news.filter(date__year=int(year)),
                    "l'année {}",
                ),
                Filter(
                    "partenaire",
                    "Partenaire",
                    object_options(partners, label="title"),
                    "Tous les partenaires",
                    lambda news, partner: news.filter(related_partners=partner),
                    "le partenaire « {} »",
                ),
            ],
        )
        news = paginate(request, filters.apply(published_news().child_of(self)), NEWS_PER_PAGE)
        context.update(news=news, filters=filters, years=years)
        return context

    @staticmethod
    def site_map_items(page):
        """The section's items, newest first, with what a link needs (pages.SiteMapPage)."""
        return (
            public(NewsPage.objects.live().child_of(page))
            .order_by(*LISTING_ORDER)
            .only("id", "title", "path", "depth", "url_path", "date")
        )

    @staticmethod
    def archive_years():
        """[{"year": 2021, "count": 134}, …], newest first: the year filter and archive.

        Remembered for the cache generation, as a count: it reads every item.
        """
        return list(
            public(NewsPage.objects.live())
            .annotate(year=ExtractYear("date"))
            .values("year")
            .annotate(count=Count("pk"))
            .order_by("-year")
        )


class PressRoomPage(ListingWithFeeds, SectionPage):
    """`/espace-presse/`: press releases only, the press contacts and their vCards, the press
    kits (its children) and the documents about the Pôle."""

    contacts_intro = RichTextField(
        "texte d'accompagnement des contacts",
        blank=True,
        features=["bold", "italic", "link"],
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("contacts_intro"),
        InlinePanel("press_contacts", label="contact", heading="Contacts presse"),
        InlinePanel(
            "documents",
            label="document",
            heading="Documents de présentation",
            help_text=(
                "Les documents permanents sur le Pôle (présentation, chiffres clés…). Les "
                "documents d'une annonce vont dans une page « Dossier de presse » sous l'espace "
                "presse, ou joints au communiqué."
            ),
        ),
    ]
    feed_title = "Communiqués de presse"
    rss_feed_class = "news.feeds.PressReleaseRssFeed"
    atom_feed_class = "news.feeds.PressReleaseAtomFeed"

    # Press releases themselves live in the news section; press kits and the photo library
    # are the press room's own.
    subpage_types = ["news.PressKitPage", "news.PhotoLibraryPage"]

    class Meta:
        verbose_name = "espace presse"

    @path("contacts/<int:contact_id>/vcard/", name="vcard")
    def vcard(self, request, contact_id):
        """A public contact's vCard; any other contact is not found."""
        contact = self.public_contacts().filter(pk=contact_id).first()
        if contact is None:
            raise Http404
        return vcard_response(contact)

    def public_contacts(self):
        """The contacts whose lines and vCard anyone may have: those this press room lists,
        and those named on a live, public press release."""
        listed = PressRoomContact.objects.filter(page=self).values("contact_id")
        named = (
            public(NewsPage.objects.live())
            .filter(news_type=NewsType.PRESS_RELEASE)
            .values("contact_id")
        )
        return PressContact.objects.filter(Q(pk__in=listed) | Q(pk__in=named))

    @classmethod
    def vcard_path(cls, contact):
        """The vCard's address below the press room's ("contacts/3/vcard/")."""
        return cls.get_resolver().reverse("vcard", contact.pk)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        releases = published_news().filter(news_type=NewsType.PRESS_RELEASE)
        context["releases"] = paginate(request, releases, NEWS_PER_PAGE)
        context["contacts"] = [
            item.contact for item in self.press_contacts.select_related("contact")
        ]
        context["photo_library"] = public(PhotoLibraryPage.objects.live().child_of(self)).first()
        # Rendered below the releases (the e-mail alerts…).
        context["sections"] = page_sections("press_room_sections", self, request)
        context["documents"] = [item.document for item in self.documents.select_related("document")]
        context["kits"] = list(
            public(PressKitPage.objects.live().child_of(self))
            .only("id", "title", "url_path", "path", "depth", "date")
            .order_by("-date", "-page_ptr_id")
        )
        return context


def press_room_url(request):
    """The live, public press room's address, or "": read once per worker and cache
    generation, for the pages that link to it (a press release's contact)."""

    def find():
        room = public(PressRoomPage.objects.live()).only("id", "url_path").first()
        return room.get_url(request) if room else ""

    return remember(request, "press-room-url", find)


class PressRoomContact(Orderable):
    page = ParentalKey(PressRoomPage, on_delete=models.CASCADE, related_name="press_contacts")
    contact = models.ForeignKey(
        PressContact, verbose_name="contact", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("contact")]


class PressRoomDocument(Orderable):
    """A document about the Pôle itself, always at hand in the press room."""

    page = ParentalKey(PressRoomPage, on_delete=models.CASCADE, related_name="documents")
    document = attached_document()

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = "document de présentation"
        verbose_name_plural = "documents de présentation"
