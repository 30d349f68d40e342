"""A news item or a press release, and the queries that list them."""

import datetime

from django import forms
from django.apps import apps
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from pages.blocks import BodyBlock
from pages.fields import attached_document, optional_image
from pages.images import prefetch_renditions
from pages.models import SitePage
from pages.queries import public
from pages.structured_data import news_article

from .. import downloads
from .snippets import PressContact, Theme

# Newest first; among items of the same day, the last created first. Both columns are the
# news table's own (not the page table's id), so that its date index gives the order.
LISTING_ORDER = ("-date", "-page_ptr_id")
# The hour given to a day-only editorial date where a full datetime is needed (feeds,
# structured data): the morning of that day, in the site's time zone.
EDITORIAL_HOUR = datetime.time(9)


def at_editorial_hour(day):
    return timezone.make_aware(datetime.datetime.combine(day, EDITORIAL_HOUR))


class NewsType(models.TextChoices):
    NEWS = "actualite", "Actualité"
    PRESS_RELEASE = "communique", "Communiqué de presse"


def published_news():
    """Live, public news items with what a card or a feed needs, in a fixed number of queries."""
    return (
        public(NewsPage.objects.live())
        .select_related("image", "contact")
        .prefetch_related(
            "themes",
            # Every rendition a card's <picture> offers, for all the cards in one query.
            prefetch_renditions("image__renditions", "card"),
        )
        .order_by(*LISTING_ORDER)
    )


def latest_news(limit=3, pinned_id=None):
    """The home page's news: the pinned item first (if live and public), then the newest ones.

    One query for the items, pinned or not (plus the cards' prefetches).
    """
    newest = Q(pk__in=published_news().exclude(pk=pinned_id).values("pk")[:limit])
    items = list(published_news().filter(newest | Q(pk=pinned_id) if pinned_id else newest))
    pinned = [item for item in items if item.pk == pinned_id]
    return [*pinned, *(item for item in items if item.pk != pinned_id)][:limit]


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsPage(RoutablePageMixin, SitePage):
    """A news item or a press release: dated, themed, with its documents (all in one zip when
    there are several) and press contact."""

    date = models.DateField(
        "date de publication",
        default=timezone.localdate,
        help_text=(
            "La date affichée, qui classe aussi la liste. Pour une mise en ligne différée, "
            "voir l'onglet Paramètres (« Date/heure de publication »)."
        ),
    )
    news_type = models.CharField(
        "type",
        max_length=20,
        choices=NewsType.choices,
        default=NewsType.NEWS,
        help_text="Les communiqués de presse paraissent aussi dans l'espace presse et son flux.",
    )
    themes = ParentalManyToManyField(
        Theme,
        verbose_name="thèmes",
        blank=True,
        help_text="Pour le filtre de la liste et les actualités liées ; gérés dans Fragments.",
    )
    related_partners = ParentalManyToManyField(
        "partners.PartnerPage",
        verbose_name="partenaires concernés",
        blank=True,
        related_name="news_items",
        help_text="L'actualité apparaîtra aussi sur la page de ces partenaires.",
    )
    tags = ClusterTaggableManager(through=NewsPageTag, verbose_name="mots-clés", blank=True)
    intro = models.TextField(
        "chapô",
        blank=True,
        help_text="Le résumé affiché dans les listes, les flux et les partages.",
    )
    image = optional_image(
        "image principale",
        help_text=(
            "Montrée en tête d'article et lors des partages. Sa description (dans Images) "
            "sert de texte alternatif, son crédit est affiché avec elle."
        ),
    )
    image_caption = models.CharField("légende de l'image", max_length=250, blank=True)
    body = StreamField(BodyBlock(), verbose_name="contenu", blank=True)
    source_url = models.URLField(
        "adresse de l'article d'origine",
        blank=True,
        help_text="Si l'actualité reprend un article publié ailleurs.",
    )
    source_name = models.CharField(
        "nom de la source", max_length=120, blank=True, help_text="Ex. : Région Normandie."
    )
    contact = models.ForeignKey(
        PressContact,
        verbose_name="auteur ou contact presse",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Affiché en fin d'article, avec ses coordonnées (gérés dans Fragments).",
    )
    show_dates = models.BooleanField(
        "afficher les dates de création et de mise à jour",
        default=False,
        help_text="Pour les pages de documents dont les lecteurs vérifient la version.",
    )
    updated_on = models.DateField(
        "dernière mise à jour",
        null=True,
        blank=True,
        help_text=(
            "La date de la dernière modification importante, reprise par les flux, le plan du "
            "site et les moteurs de recherche (affichée si la case ci-dessus est cochée). "
            "Vide : la dernière publication de la page."
        ),
    )

    content_panels = [
        HelpPanel(template="news/admin/embargo.html"),
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("date"),
                FieldPanel("news_type"),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
                FieldPanel("related_partners", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Classement",
        ),
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_caption")],
            heading="Image",
        ),
        FieldPanel("body"),
        InlinePanel("documents", label="document", heading="Documents joints"),
        MultiFieldPanel([FieldPanel("source_name"), FieldPanel("source_url")], heading="Source"),
        FieldPanel("contact"),
        MultiFieldPanel([FieldPanel("show_dates"), FieldPanel("updated_on")], heading="Dates"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.FilterField("news_type"),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    share_image_field = "image"
    og_type = "article"
    serve_select_related = ("image", "contact")

    # News items live only in the news section, and have no children.
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "actualité"
        ordering = ["-date"]
        indexes = [
            # Newest first, as every listing and feed reads them (LISTING_ORDER), and the
            # year archive (a range of dates): read from the index, a page at a time.
            models.Index(fields=["date", "page_ptr"], name="news_date_idx"),
            # Press releases only: the press room, its feeds and the type filter.
            models.Index(fields=["news_type", "date", "page_ptr"], name="news_type_date_idx"),
        ]

    def get_search_type_label(self):
        return self.get_news_type_display()

    @property
    def is_press_release(self):
        return self.news_type == NewsType.PRESS_RELEASE

    @property
    def embargo_until(self):
        """When a scheduled item goes online, while it is not yet: until then it is shown
        nowhere (every listing, feed, search and sitemap reads live pages only)."""
        if self.live or self.go_live_at is None or self.go_live_at <= timezone.now():
            return None
        return self.go_live_at

    def get_frontend_cache_dependents(self):
        """Pages besides the news listing that show this item, purged when it changes
        (pole_site/frontend_cache.py): the press room for a press release, and the pages of
        its partners."""
        # The press room is defined with the listings, which build on this module.
        press_room = apps.get_model("news", "PressRoomPage")
        pages = list(press_room.objects.all()) if self.is_press_release else []
        return [*pages, *self.related_partners.all()]

    def related_news(self, themes):
        """Up to three other items sharing a theme, newest first, with what their cards need."""
        if not themes:
            return []
        ids = (
            public(NewsPage.objects.live())
            .filter(themes__in=themes)
            .exclude(pk=self.pk)
            .values("pk")
        )
        return list(published_news().filter(pk__in=ids)[:3])

    def published_at(self):
        """The editorial date (what the item says), not when it was entered in the CMS."""
        return at_editorial_hour(self.date)

    def modified_at(self):
        """The content's last meaningful change, the one date the page, its feed entry, its
        structured data and the sitemap all give: the update date the editor set, else the
        last publication; never before the editorial date."""
        if self.updated_on:
            changed = at_editorial_hour(self.updated_on)
        else:
            changed = self.last_published_at or self.published_at()
        return max(changed, self.published_at())

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        for url in urls:
            url["lastmod"] = self.modified_at()
        return urls

    def json_ld(self, request, image):
        return news_article(request, self, image)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        themes = list(self.themes.all())
        context["themes"] = themes
        context["related_news"] = self.related_news(themes)
        documents = self.attached_documents()
        context["documents"] = documents
        context["bundle"] = self.bundle(request, documents)
        # values_list, not .live(): a preview's page comes from a revision, whose relations
        # are in-memory (modelcluster) rather than querysets.
        partner_ids = self.related_partners.values_list("id", flat=True)
        partner_model = NewsPage._meta.get_field("related_partners").related_model
        partners = partner_model.objects.live().filter(pk__in=partner_ids)
        context["partners"] = list(public(partners).order_by("title"))
        context["share_url"] = self.get_full_url(request)
        return context

    def attached_documents(self):
        """With their collections, which say whether a document may go in the zip."""
        return [item.document for item in self.documents.select_related("document__collection")]

    def bundle(self, request, documents):
        """The attached documents in one zip, or None when there are too few."""
        return downloads.bundle(
            request,
            downloads.heading(self.get_news_type_display(), self.title, self.date),
            self.get_full_url(request),
            documents,
        )

    @path("")
    def article(self, request):
        return self.render(request)

    @path("zip/", name="zip")
    def download_all(self, request):
        """« Tout télécharger »: the attached documents in one zip."""
        files = self.bundle(request, self.attached_documents())
        if files is None:
            raise Http404
        return downloads.zip_response(request, files, self.title, self.last_published_at)


class NewsDocument(Orderable):
    """A document attached to a news item: shown with its format and size, sent in feeds."""

    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="documents")
    document = attached_document()

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = "document joint"
        verbose_name_plural = "documents joints"
