"""What every page of the site shares: its SEO and sharing fields, and the shape of
editorial text."""

from http import HTTPMethod

from django.db import models
from django.http import Http404
from django.utils.html import strip_tags
from django.utils.text import Truncator

from wagtail.admin.panels import (
    FieldPanel,
    MultiFieldPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .. import images, routing
from ..admin_forms import SitePageForm
from ..blocks import BodyBlock

META_DESCRIPTION_LENGTH = 160


class SitePage(Page):
    """What every page of the site shares: how search engines and social networks see it.

    An abstract base rather than fields on each type, so that the "hide from search engines"
    switch, the description and the share image work the same way on every page, and a new
    page type gets them by inheriting from it.
    """

    # Pages are read, not written to: DELETE, PUT or PATCH get a 405, and OPTIONS says so.
    allowed_http_methods = [HTTPMethod.GET, HTTPMethod.HEAD, HTTPMethod.OPTIONS]

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
    share_image_filter = images.SHARE_PHOTO
    og_type = "website"
    search_type_label = "page"
    # Foreign keys the page's template always reads: joined when the page is served, and when
    # search results and the sitemap read pages of every type (see pages/routing.py).
    serve_select_related = ()
    base_form_class = SitePageForm
    # Image fields shown without a credit (a logo): every other image a page shows needs one
    # to be published (pages.admin_forms).
    uncredited_image_fields = ()
    # Fields the site writes itself, outside any form or revision (an act's online date, an
    # event's iCalendar sequence): `save` keeps the database's values whatever instance is
    # saved, so that publishing an older revision or an editor's form never brings back a
    # value the site has since recorded.
    site_recorded_fields = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.site_recorded_fields and self.pk:
            recorded = (
                type(self).objects.filter(pk=self.pk).values(*self.site_recorded_fields).first()
            )
            if recorded:
                for field, value in recorded.items():
                    setattr(self, field, value)
        return super().save(*args, **kwargs)

    def route(self, request, path_components):
        """Wagtail's routing, with the pages along the address read in one query."""
        if not path_components:
            return super().route(request, path_components)
        child = routing.child_for_route(self, request, path_components)
        if child is None:
            raise Http404
        # As Wagtail does: get_parent() then costs no query.
        child._cached_parent_obj = self
        return child.route(request, path_components[1:])

    def get_view_restrictions(self):
        """Read with the ancestors the breadcrumb lists: no query of its own."""
        return routing.view_restrictions(self)

    def get_sitemap_urls(self, request=None):
        return [] if self.hide_from_search_engines else super().get_sitemap_urls(request)

    def get_html_title(self):
        """The first words of the window's title, before the site's name."""
        return self.seo_title or self.title

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

    intro = models.TextField(
        "introduction",
        blank=True,
        help_text="Le chapô sous le titre ; repris par les moteurs de recherche et les partages.",
    )
    body = StreamField(
        BodyBlock(),
        verbose_name="contenu",
        blank=True,
        help_text="Ajoutez des blocs avec « + » ; chacun montre un aperçu avant d'être choisi.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        abstract = True


class SectionPage(SitePage):
    """The home page of a section of the site (the news, the press room, the partners): one
    of each, directly under the home page, introduced by a few lines above its listing."""

    intro = models.TextField("introduction", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    search_type_label = "rubrique"
    parent_page_types = ["pages.HomePage"]
    max_count = 1

    class Meta:
        abstract = True
