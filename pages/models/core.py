"""The page types of the site's core: the home page, the presentation of the Pôle, standard
editorial pages and the site map."""

from django.db import models

from wagtail.admin.panels import (
    FieldPanel,
    MultiFieldPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Page, Site, get_page_models
from wagtail.search import index

from pole_site.page_cache import remember

from .. import images, routing
from ..blocks import KeyFigureBlock
from ..fields import optional_image
from ..panels import HookedPageChooserPanel
from ..queries import public, remembered_count
from ..sections import page_sections
from .base import EditorialPage, SitePage

# How many of a listing section's newest items the site map page shows.
SITE_MAP_LATEST_ITEMS = 5


class HomePage(SitePage):
    """The site's root: what the Pôle is in two lines, its figures, services and latest news.

    The news and partners sections are filled through the `home_page_sections` hook, so that
    this app never imports the apps that build on it (see DESIGN.md, "Layout").
    """

    intro = models.TextField(
        "introduction", blank=True, help_text="Deux ou trois phrases sous le titre principal."
    )
    hero_image = optional_image(
        "image d'en-tête",
        help_text="Facultative ; aussi l'image des partages de l'accueil sur les réseaux sociaux.",
    )
    hero_image_alt = models.CharField(
        "texte alternatif de l'image",
        max_length=250,
        blank=True,
        help_text="Laisser vide si l'image est décorative (ignorée des lecteurs d'écran).",
    )
    key_figures = StreamField(
        [("figure", KeyFigureBlock())],
        verbose_name="chiffres clés",
        blank=True,
        help_text="Trois ou quatre chiffres, chacun avec sa légende et, si possible, sa source.",
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
        HookedPageChooserPanel("featured_news", hook_name="home_page_featured_page_types"),
    ]

    search_fields = [*Page.search_fields, index.SearchField("intro")]
    share_image_field = "hero_image"
    search_type_label = "accueil"

    # Exactly one home page, directly under Wagtail's root; every section hangs from it.
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "page d'accueil"

    def get_html_title(self):
        """« Accueil – <site> », not the site's name twice."""
        return self.seo_title or "Accueil"

    def live_child(self, model, request=None):
        """The first live child page of this type (the presentation, a section's index), in
        its specific form: the home page's children are read in one query, once per worker
        until a page is published, moved or deleted (see pole_site.page_cache.remember)."""
        if "_live_children" not in self.__dict__:
            self._live_children = remember(
                request,
                ("home-children", self.pk),
                lambda: routing.specific_pages(
                    self.get_children().live().order_by("path"), defer_streamfields=True
                ),
            )
        return next((page for page in self._live_children if isinstance(page, model)), None)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.hero_image:
            # The hero's <picture> and its share card: one query, or none once cached.
            hero_specs = images.SIZES["hero"].specs_for(self.hero_image)
            self.hero_image.get_renditions(*hero_specs, self.share_image_filter)
        context["presentation"] = self.live_child(PresentationPage, request)
        sections = page_sections("home_page_sections", self, request)
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
        """The site's live, public pages as nested dicts.

        A listing section (a page type with `site_map_items`, such as the news) shows its
        newest items and how many it holds, not every item: the page stays short and usable
        with ten years of news, and costs one query per such section.
        """
        # The request's site is already read (with its root page) to serve this page.
        site = Site.find_for_request(request) or self.get_site()
        listings = [model for model in get_page_models() if hasattr(model, "site_map_items")]
        items = {item for model in listings for item in model.allowed_subpage_models()}
        # The types shown, rather than "all but the items": the type index then reads the
        # few section pages only.
        shown = [model for model in get_page_models() if model not in items]
        pages = list(
            public(site.root_page.get_descendants(inclusive=True).live())
            .exact_type(*shown)
            .order_by("path")
            .only("id", "title", "path", "depth", "url_path", "content_type_id")
        )
        nodes_by_path = {}
        roots = []
        for page in pages:
            node = {"page": page, "children": []}
            if page.specific_class in listings:
                latest = page.specific_class.site_map_items(page)
                node.update(
                    latest=list(latest[:SITE_MAP_LATEST_ITEMS]), total=remembered_count(latest)
                )
            nodes_by_path[page.path] = node
            parent = nodes_by_path.get(page.path[: -page.steplen])
            (parent["children"] if parent else roots).append(node)
        return roots
