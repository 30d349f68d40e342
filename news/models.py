import datetime

from django import forms
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.module_loading import import_string

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from pages.blocks import BodyBlock
from pages.images import prefetch_renditions
from pages.listing import Filter, ListingFilters, object_options, options
from pages.models import SitePage
from pages.queries import french_sort_key, paginate, public
from pages.snippets import Category
from pages.structured_data import news_article
from pole_site.page_cache import remember

NEWS_PER_PAGE = 12
# Newest first; among items of the same day, the last created first. Both columns are the
# news table's own (not the page table's id), so that its date index gives the order.
LISTING_ORDER = ("-date", "-page_ptr_id")
# The hour given to a day-only editorial date where a full datetime is needed (feeds,
# structured data): the morning of that day, in the site's time zone.
EDITORIAL_HOUR = datetime.time(9)


def at_editorial_hour(day):
    return timezone.make_aware(datetime.datetime.combine(day, EDITORIAL_HOUR))


# ---------------------------------------------------------------------------
# Snippets
# ---------------------------------------------------------------------------


@register_snippet
class Theme(Category):
    """A subject readers filter news by (économie, industrie…); editors manage the list."""

    class Meta(Category.Meta):
        verbose_name = "thème"


@register_snippet
class PressContact(index.Indexed, models.Model):
    """Who a journalist calls about a news item or a press release."""

    name = models.CharField("nom", max_length=120)
    role = models.CharField("fonction", max_length=160, blank=True)
    email = models.EmailField("courriel", blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("email"), FieldPanel("phone")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = "contact presse"
        verbose_name_plural = "contacts presse"

    def __str__(self):
        return f"{self.name} ({self.role})" if self.role else self.name


# ---------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------


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


class NewsPage(SitePage):
    """A news item or a press release: dated, themed, with its documents and press contact."""

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
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="image principale",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "Montrée en tête d'article et lors des partages. Sa description (dans Images) "
            "sert de texte alternatif."
        ),
    )
    image_caption = models.CharField("légende de l'image", max_length=250, blank=True)
    image_credit = models.CharField("crédit de l'image", max_length=120, blank=True)
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
            [FieldPanel("image"), FieldPanel("image_caption"), FieldPanel("image_credit")],
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

    def get_frontend_cache_dependents(self):
        """Pages besides the news listing that show this item, purged when it changes
        (pole_site/frontend_cache.py): the press room for a press release, and the pages of
        its partners."""
        pages = list(PressRoomPage.objects.all()) if self.is_press_release else []
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
        context["documents"] = [item.document for item in self.documents.select_related("document")]
        # values_list, not .live(): a preview's page comes from a revision, whose relations
        # are in-memory (modelcluster) rather than querysets.
        partner_ids = self.related_partners.values_list("id", flat=True)
        partner_model = NewsPage._meta.get_field("related_partners").related_model
        partners = partner_model.objects.live().filter(pk__in=partner_ids)
        context["partners"] = list(public(partners).order_by("title"))
        context["share_url"] = self.get_full_url(request)
        return context


class NewsDocument(Orderable):
    """A document attached to a news item: shown with its format and size, sent in feeds."""

    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="document", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = "document joint"
        verbose_name_plural = "documents joints"


class ListingWithFeeds(RoutablePageMixin):
    """A listing page with its RSS and Atom feeds at `rss/` and `atom/`.

    The feed classes are named by dotted path: news/feeds.py imports this module.
    """

    rss_feed_class = ""
    atom_feed_class = ""
    # What the feeds are called where every page announces them (<link rel="alternate">).
    feed_title = ""

    @path("")
    def listing(self, request):
        return self.render(request)

    def feed_links(self, request):
        """Its two feeds, as the site's <head> announces them (see pages.navigation)."""
        url = self.get_url(request)
        return [
            {
                "title": f"{self.feed_title} (RSS)",
                "type": "application/rss+xml",
                "url": url + self.reverse_subpage("rss"),
            },
            {
                "title": f"{self.feed_title} (Atom)",
                "type": "application/atom+xml",
                "url": url + self.reverse_subpage("atom"),
            },
        ]

    @path("rss/", name="rss")
    def rss(self, request):
        return import_string(self.rss_feed_class)(self)(request)

    @path("atom/", name="atom")
    def atom(self, request):
        return import_string(self.atom_feed_class)(self)(request)


class NewsIndexPage(ListingWithFeeds, SitePage):
    """`/actualites/`: every news item, filterable by type, theme and year, with its feeds."""

    intro = models.TextField("introduction", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    search_type_label = "rubrique"
    feed_title = "Actualités"
    rss_feed_class = "news.feeds.NewsRssFeed"
    atom_feed_class = "news.feeds.NewsAtomFeed"

    # One news section, under the home page; it holds only news items.
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count = 1

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


class PressRoomPage(ListingWithFeeds, SitePage):
    """`/espace-presse/`: press releases only, the press contacts and the press kit."""

    intro = models.TextField("introduction", blank=True)
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
        InlinePanel("press_kit", label="document", heading="Dossier de presse"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    search_type_label = "rubrique"
    feed_title = "Communiqués de presse"
    rss_feed_class = "news.feeds.PressReleaseRssFeed"
    atom_feed_class = "news.feeds.PressReleaseAtomFeed"

    # One press room, under the home page; press releases themselves live in the news section.
    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "espace presse"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        releases = published_news().filter(news_type=NewsType.PRESS_RELEASE)
        context["releases"] = paginate(request, releases, NEWS_PER_PAGE)
        context["contacts"] = [
            item.contact for item in self.press_contacts.select_related("contact")
        ]
        context["press_kit"] = [item.document for item in self.press_kit.select_related("document")]
        return context


class PressRoomContact(Orderable):
    page = ParentalKey(PressRoomPage, on_delete=models.CASCADE, related_name="press_contacts")
    contact = models.ForeignKey(
        PressContact, verbose_name="contact", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("contact")]


class PressKitDocument(Orderable):
    page = ParentalKey(PressRoomPage, on_delete=models.CASCADE, related_name="press_kit")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="document", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("document")]
