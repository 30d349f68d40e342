from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import strip_tags
from django.utils.text import Truncator

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .blocks import BodyBlock, KeyFigureBlock
from .queries import public

# ---------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------

META_DESCRIPTION_LENGTH = 160


class SitePage(Page):
    """What every page of the site shares: how search engines and social networks see it.

    An abstract base rather than fields on each type, so that the "hide from search engines"
    switch, the description and the share image work the same way on every page, and a new
    page type gets them by inheriting from it.
    """

    hide_from_search_engines = models.BooleanField(
        "masquer aux moteurs de recherche",
        default=False,
        help_text=(
            "La page reste visible sur le site et dans sa recherche, mais les moteurs "
            "(Google, Qwant…) ne l'indexent pas et elle sort du fichier sitemap.xml."
        ),
    )

    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("slug"),
                FieldPanel("seo_title"),
                FieldPanel("search_description"),
                FieldPanel("hide_from_search_engines"),
            ],
            heading="Référencement et partage",
        ),
        MultiFieldPanel([FieldPanel("show_in_menus")], heading="Menus"),
    ]

    # The image a share card shows, by field name; the site's default image otherwise.
    share_image_field = None
    # Logos must not be cropped; photos fill the 1.91:1 card that networks expect.
    share_image_filter = "fill-1200x630"
    og_type = "website"
    search_type_label = "page"

    class Meta:
        abstract = True

    def get_sitemap_urls(self, request=None):
        return [] if self.hide_from_search_engines else super().get_sitemap_urls(request)

    def get_summary_text(self):
        """The search description an editor wrote, else the page's own summary, as plain text."""
        text = self.search_description or getattr(self, "intro", "") or getattr(self, "summary", "")
        return " ".join(strip_tags(str(text)).split())

    def get_meta_description(self):
        return Truncator(self.get_summary_text()).chars(META_DESCRIPTION_LENGTH)

    def get_search_type_label(self):
        """What the site search calls this kind of page ("Actualité", "Pôle de compétitivité")."""
        return self.search_type_label

    def get_share_image(self):
        return getattr(self, self.share_image_field) if self.share_image_field else None


class EditorialPage(SitePage):
    """An introduction and a body built from the shared blocks: the shape of editorial text."""

    intro = models.TextField("introduction", blank=True)
    body = StreamField(BodyBlock(), verbose_name="contenu", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        abstract = True


class HomePage(SitePage):
    """The site's root: what the Pôle is in two lines, its figures, services and latest news.

    The news and partners sections are filled through the `home_page_sections` hook, so that
    this app never imports the apps that build on it (see DESIGN.md, "Layout").
    """

    intro = models.TextField(
        "introduction", blank=True, help_text="Deux ou trois phrases sous le titre principal."
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="image d'en-tête",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image_alt = models.CharField(
        "texte alternatif de l'image",
        max_length=250,
        blank=True,
        help_text="Laisser vide si l'image est décorative (ignorée des lecteurs d'écran).",
    )
    key_figures = StreamField(
        [("figure", KeyFigureBlock())], verbose_name="chiffres clés", blank=True
    )
    featured_news = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="actualité épinglée",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Facultatif : affichée en premier, avant les dernières actualités.",
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("intro"), FieldPanel("hero_image"), FieldPanel("hero_image_alt")],
            heading="En-tête",
        ),
        FieldPanel("key_figures"),
        PageChooserPanel("featured_news", page_type="news.NewsPage"),
    ]

    search_fields = [*Page.search_fields, index.SearchField("intro")]
    share_image_field = "hero_image"
    search_type_label = "accueil"

    # Exactly one home page, directly under Wagtail's root; every section hangs from it.
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "page d'accueil"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.hero_image:
            # The hero (as in home_page.html) and its share card: one query, or none once cached.
            self.hero_image.get_renditions("fill-720x480", self.share_image_filter)
        context["presentation"] = PresentationPage.objects.child_of(self).live().first()
        sections = []
        for hook in hooks.get_hooks("home_page_sections"):
            section = hook(self, request)
            if section:
                sections.append(section)
        context["home_sections"] = sorted(sections, key=lambda section: section["order"])
        return context


class PresentationPage(EditorialPage):
    """`/le-pole/`: who the Pôle is, its vocation, its domains and its achievements."""

    # One presentation of the Pôle, under the home page; it may have editorial sub-pages.
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.StandardPage"]
    max_count = 1

    # Wagtail derives a template name per concrete class: both share one.
    template = "pages/editorial_page.html"

    class Meta:
        verbose_name = "présentation du Pôle"


class StandardPage(EditorialPage):
    """Any editorial page: legal notice, accessibility statement, privacy, topic pages."""

    # Usable anywhere in the editorial tree, and may nest (a topic with sub-pages).
    parent_page_types = ["pages.HomePage", "pages.PresentationPage", "pages.StandardPage"]
    subpage_types = ["pages.StandardPage"]

    template = "pages/editorial_page.html"

    class Meta:
        verbose_name = "page standard"
        verbose_name_plural = "pages standard"


class SiteMapPage(SitePage):
    """`/plan-du-site/`: the live tree of public pages, generated (RGAA asks for one)."""

    intro = models.TextField("introduction", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    # One site map, directly under the home page, with no children of its own.
    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "plan du site"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["tree"] = self.build_tree(request)
        return context

    def build_tree(self, request):
        """The site's live, public pages as nested dicts, in one query."""
        site_root = self.get_site().root_page
        pages = list(
            public(site_root.get_descendants(inclusive=True).live())
            .order_by("path")
            .only("id", "title", "path", "depth", "url_path")
        )
        nodes_by_path = {}
        roots = []
        for page in pages:
            node = {"page": page, "children": []}
            nodes_by_path[page.path] = node
            parent = nodes_by_path.get(page.path[: -page.steplen])
            (parent["children"] if parent else roots).append(node)
        return roots


# ---------------------------------------------------------------------------
# Links editors manage once for the whole site (settings)
# ---------------------------------------------------------------------------


class LinkTarget(models.Model):
    """A link to a page of the site, a document, or an external address: exactly one."""

    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="page du site",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    link_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="document",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    link_url = models.URLField(
        "adresse externe",
        blank=True,
        help_text="Une adresse complète (https://…), seulement si ni page ni document.",
    )

    link_panels = [
        FieldRowPanel(
            [PageChooserPanel("link_page"), FieldPanel("link_document"), FieldPanel("link_url")],
            heading="Cible (une seule)",
        )
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        chosen = [t for t in (self.link_page_id, self.link_document_id, self.link_url) if t]
        if len(chosen) != 1:
            message = "Choisissez exactement une cible : une page, un document ou une adresse."
            raise ValidationError({"link_url": message})

    @property
    def is_external(self):
        return bool(self.link_url) and not (self.link_page_id or self.link_document_id)

    def get_url(self, site=None):
        if self.link_page_id:
            return self.link_page.get_url()
        if self.link_document_id:
            return self.link_document.url
        return self.link_url


QUICK_LINK_ICONS = [
    ("presentation", "Présentation / institution"),
    ("actualites", "Actualités"),
    ("presse", "Presse"),
    ("partenaires", "Partenaires / entreprises"),
    ("economie", "Économie / emploi"),
    ("tourisme", "Tourisme"),
    ("mobilites", "Mobilités / vélo"),
    ("environnement", "Environnement"),
    ("documents", "Documents"),
    ("contact", "Contact"),
    ("carte", "Territoire / carte"),
    ("lien", "Lien générique"),
]


@register_setting(icon="grip", name="vos-services")
class QuickLinksSettings(ClusterableModel, BaseSiteSetting):
    """ "Vos services en 1 clic": one ordered list, shown in every header and on the home page."""

    panels = [
        InlinePanel(
            "quick_links",
            label="lien",
            heading="Liens « Vos services en 1 clic »",
            help_text="Glissez les liens pour les réordonner.",
        )
    ]

    class Meta:
        verbose_name = "Vos services en 1 clic"


class QuickLink(Orderable, LinkTarget):
    setting = ParentalKey(QuickLinksSettings, on_delete=models.CASCADE, related_name="quick_links")
    label = models.CharField("libellé", max_length=60)
    description = models.CharField(
        "description courte", max_length=140, blank=True, help_text="Affichée sur l'accueil."
    )
    icon = models.CharField("icône", max_length=20, choices=QUICK_LINK_ICONS, default="lien")

    panels = [
        FieldPanel("label"),
        FieldPanel("description"),
        FieldPanel("icon"),
        *LinkTarget.link_panels,
    ]

    class Meta(Orderable.Meta):
        verbose_name = "lien rapide"
        verbose_name_plural = "liens rapides"

    def __str__(self):
        return self.label


@register_setting(icon="list-ul", name="navigation")
class NavigationSettings(ClusterableModel, BaseSiteSetting):
    """The main menu and the footer links."""

    panels = [
        InlinePanel("main_menu_items", label="entrée", heading="Menu principal"),
        InlinePanel("footer_links", label="lien", heading="Liens du pied de page"),
    ]

    class Meta:
        verbose_name = "menus"


class MainMenuItem(Orderable, LinkTarget):
    setting = ParentalKey(
        NavigationSettings, on_delete=models.CASCADE, related_name="main_menu_items"
    )
    label = models.CharField(
        "libellé",
        max_length=40,
        blank=True,
        help_text="Laisser vide pour reprendre le titre de la page.",
    )

    panels = [FieldPanel("label"), *LinkTarget.link_panels]

    class Meta(Orderable.Meta):
        verbose_name = "entrée du menu principal"

    def __str__(self):
        return self.get_label()

    def get_label(self):
        return self.label or (self.link_page.title if self.link_page_id else self.link_url)


class FooterLink(Orderable, LinkTarget):
    setting = ParentalKey(NavigationSettings, on_delete=models.CASCADE, related_name="footer_links")
    label = models.CharField(
        "libellé", max_length=80, help_text="Ex. : « Accessibilité : partiellement conforme »."
    )

    panels = [FieldPanel("label"), *LinkTarget.link_panels]

    class Meta(Orderable.Meta):
        verbose_name = "lien du pied de page"

    def __str__(self):
        return self.label


@register_setting(icon="site", name="identite")
class SiteIdentitySettings(ClusterableModel, BaseSiteSetting):
    """Who publishes the site: logo, postal address and contact details, social networks."""

    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="logo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Laisser vide pour le logo fourni avec le site.",
    )
    share_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="image de partage par défaut",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "Montrée quand une page sans image est partagée sur un réseau social "
            "(idéalement 1200 × 630 pixels). Vide : l'image fournie avec le site."
        ),
    )
    address = models.TextField("adresse postale", blank=True)
    email = models.EmailField("courriel de contact", blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)

    panels = [
        FieldPanel("logo"),
        FieldPanel("share_image"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("email"), FieldPanel("phone")],
            heading="Coordonnées (pied de page)",
        ),
        InlinePanel("social_links", label="réseau", heading="Réseaux sociaux"),
    ]

    class Meta:
        verbose_name = "identité et coordonnées"


SOCIAL_NETWORKS = [
    ("linkedin", "LinkedIn"),
    ("facebook", "Facebook"),
    ("x", "X"),
    ("bluesky", "Bluesky"),
    ("mastodon", "Mastodon"),
    ("youtube", "YouTube"),
    ("instagram", "Instagram"),
]


class SocialLink(Orderable):
    setting = ParentalKey(
        SiteIdentitySettings, on_delete=models.CASCADE, related_name="social_links"
    )
    network = models.CharField("réseau", max_length=20, choices=SOCIAL_NETWORKS)
    url = models.URLField("adresse du compte")

    panels = [FieldPanel("network"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = "réseau social"
