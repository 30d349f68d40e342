from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.text import Truncator

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from pages.blocks import SHORT_RICH_TEXT_FEATURES, BodyBlock
from pages.fields import optional_document, optional_image
from pages.images import SHARE_LOGO, SIZES, prefetch_renditions
from pages.listing import Filter, ListingFilters, object_options, options
from pages.models import SectionPage, SitePage
from pages.models.base import META_DESCRIPTION_LENGTH
from pages.queries import french_sort_key, public
from pages.sections import page_sections
from pages.snippets import Category
from pages.structured_data import partner_organization


@register_snippet
class Domain(Category):
    """A domain of excellence of the territory (logistique, pharmacie…), shared by partners."""

    class Meta(Category.Meta):
        verbose_name = "domaine (filière)"
        verbose_name_plural = "domaines (filières)"


class PartnerKind(models.TextChoices):
    COMPETITIVENESS_CLUSTER = "pole", "Pôle de compétitivité"
    SECTOR = "filiere", "Filière"
    CLUSTER = "cluster", "Cluster"


class PartnerIndexPage(SectionPage):
    """`/partenaires/`: the structures the Pôle supports, filterable by domain and kind."""

    intro = RichTextField(
        "politique de partenariat",
        blank=True,
        features=SHORT_RICH_TEXT_FEATURES,
        help_text="Pourquoi et comment le Pôle soutient ces structures.",
    )
    total_commitment = models.CharField(
        "engagement global",
        max_length=250,
        blank=True,
        help_text="Tel que l'annonce le Pôle, ex. : « 160 000 € pour les feuilles de route 2021 ».",
    )

    content_panels = [*SectionPage.content_panels, FieldPanel("total_commitment")]

    # The partners section holds only partner pages.
    subpage_types = ["partners.PartnerPage"]

    class Meta:
        verbose_name = "liste des partenaires"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        domains = sorted(Domain.objects.all(), key=lambda domain: french_sort_key(domain.name))
        filters = ListingFilters(
            request.GET,
            [
                Filter(
                    "domaine",
                    "Domaine",
                    object_options(domains),
                    "Tous les domaines",
                    lambda partners, domain: partners.filter(domains=domain),
                    "dans le domaine « {} »",
                ),
                Filter(
                    "type",
                    "Type de structure",
                    options(PartnerKind.choices),
                    "Tous les types",
                    lambda partners, kind: partners.filter(kind=kind),
                    "de type « {} »",
                    field_id="filtre-type-partenaire",
                ),
            ],
            lead="",
        )
        partners = (
            public(PartnerPage.objects.child_of(self).live())
            .with_logos()
            .prefetch_related("domains")
            .order_by("title")
        )
        context.update(partners=list(filters.apply(partners)), filters=filters)
        return context


class PartnerQuerySet(PageQuerySet):
    def with_logos(self):
        """Logos and the renditions their <picture> offers (partner cards, home page strip),
        in two queries whatever the count."""
        return self.select_related("logo").prefetch_related(
            prefetch_renditions("logo__renditions", "logo", "logo-strip")
        )


class PartnerPage(SitePage):
    """A pôle de compétitivité, filière or cluster the Pôle supports, with its yearly roadmaps."""

    objects = PageManager.from_queryset(PartnerQuerySet)()

    kind = models.CharField("type de structure", max_length=20, choices=PartnerKind.choices)
    domains = ParentalManyToManyField(Domain, verbose_name="domaines", blank=True)
    logo = optional_image(
        "logo",
        help_text="Son texte alternatif est la description de l'image (le nom de la structure).",
    )
    website = models.URLField("site internet", blank=True)
    summary = models.TextField(
        "présentation courte",
        blank=True,
        help_text="Deux ou trois phrases : carte de la liste, résultats de recherche, partages.",
    )
    body = StreamField(BodyBlock(), verbose_name="contenu", blank=True)
    local_office = models.TextField(
        "implantation locale", blank=True, help_text="Ex. : bureau de Louviers."
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("domains", widget=forms.CheckboxSelectMultiple),
                FieldPanel("logo"),
                FieldPanel("website"),
            ],
            heading="Identité",
        ),
        FieldPanel("summary"),
        FieldPanel("local_office"),
        FieldPanel("body"),
        InlinePanel("roadmaps", label="feuille de route", heading="Feuilles de route annuelles"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("local_office"),
        index.FilterField("kind"),
        index.RelatedFields("domains", [index.SearchField("name")]),
    ]

    share_image_field = "logo"
    share_image_filter = SHARE_LOGO
    serve_select_related = ("logo",)

    # Partners live only in the partners section, without children.
    # A logo is a mark, not a photo: shown without a credit.
    uncredited_image_fields = ("logo",)
    parent_page_types = ["partners.PartnerIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "partenaire"

    def get_search_type_label(self):
        return self.get_kind_display()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["roadmaps"] = list(
            self.roadmaps.select_related("convention").order_by("-year", "sort_order")
        )
        # Rendered below the page's own content (its news items, its events…).
        context["sections"] = page_sections("partner_page_sections", self, request)
        return context

    def json_ld(self, request, image):
        logo = None
        if self.logo:
            # The <img> fallback of the page's <picture>: a format every reader of JSON-LD knows.
            logo = self.logo.get_rendition(SIZES["logo"].fallback_spec(self.logo)).url
        return partner_organization(request, self, self.describe(), logo)

    def get_meta_description(self):
        """Never empty: the editor's summary, else what the page states (kind, domains) and the
        start of its text."""
        text = self.describe()
        if not self.get_summary_text():
            first = next((str(b.value) for b in self.body if b.block_type == "paragraph"), "")
            text = " ".join([text, *strip_tags(first).split()])
        return Truncator(text).chars(META_DESCRIPTION_LENGTH)

    @cached_property
    def domain_list(self):
        """The partner's domains, read once for the page and its structured data."""
        return list(self.domains.all())

    def describe(self):
        """The summary editors wrote, else a sentence of what the page states (its kind and
        domains): search engines expect a description, and nothing is invented."""
        text = self.get_summary_text()
        if text:
            return text
        domains = ", ".join(domain.name for domain in self.domain_list)
        kind = self.get_kind_display().lower()
        sentence = f"{self.title} : {kind}"
        if domains:
            sentence += f" ({domains})"
        return f"{sentence}, partenaire du {settings.WAGTAIL_SITE_NAME}."


class Roadmap(Orderable):
    """One year's "feuille de route": what the partner commits to, and the Pôle's funding."""

    page = ParentalKey(PartnerPage, on_delete=models.CASCADE, related_name="roadmaps")
    year = models.PositiveIntegerField(
        "année", validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    amount = models.PositiveIntegerField(
        "montant (€)",
        null=True,
        blank=True,
        help_text="En euros. Laisser vide s'il n'est pas public.",
    )
    objectives = RichTextField("objectifs", blank=True, features=SHORT_RICH_TEXT_FEATURES)
    convention = optional_document(
        "convention",
        help_text="Le document signé, proposé au téléchargement avec son format et sa taille.",
    )

    panels = [
        FieldPanel("year"),
        FieldPanel("amount"),
        FieldPanel("objectives"),
        FieldPanel("convention"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "feuille de route"
        verbose_name_plural = "feuilles de route"
