import datetime
import logging
from http import HTTPMethod

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.text import Truncator

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail import hooks
from wagtail.admin.mail import send_mail
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField, FormMixin
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, Site, get_page_models
from wagtail.search import index

from pole_site.page_cache import remember

from . import images, routing
from .blocks import BodyBlock, KeyFigureBlock
from .forms import (
    AUTOCOMPLETE_CHOICES,
    HONEYPOT_FIELD,
    RATE_LIMIT_MESSAGE,
    RATE_LIMIT_WINDOW,
    ContactFormBuilder,
    allow_submission,
)
from .queries import public, remembered_count
from .rate_limit import SubmissionCounter  # noqa: F401 (a model of this app)

# ---------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------

META_DESCRIPTION_LENGTH = 160
# How many of a listing section's newest items the site map page shows.
SITE_MAP_LATEST_ITEMS = 5


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

    class Meta:
        abstract = True

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
    icon = models.CharField(
        "icône",
        max_length=20,
        choices=QUICK_LINK_ICONS,
        default="lien",
        help_text="Décorative : le libellé seul doit suffire à comprendre le lien.",
    )

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
    address = models.TextField(
        "adresse postale", blank=True, help_text="Affichée dans le pied de page de chaque page."
    )
    email = models.EmailField(
        "courriel de contact",
        blank=True,
        help_text="Affiché dans le pied de page ; les messages du formulaire ont leurs réglages.",
    )
    phone = models.CharField(
        "téléphone", max_length=30, blank=True, help_text="Ex. : 02 35 00 00 00."
    )

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


# ---------------------------------------------------------------------------
# Contact form
# ---------------------------------------------------------------------------

logger = logging.getLogger(__name__)

DEFAULT_NOTIFICATION_SUBJECT = "Nouveau message reçu par le formulaire de contact"


class ContactFormField(AbstractFormField):
    """One field of the contact form: editors choose its label, type, help text and whether
    it is required, and say what it asks for so that browsers can offer to fill it in."""

    page = ParentalKey("ContactPage", on_delete=models.CASCADE, related_name="form_fields")
    autocomplete = models.CharField(
        "remplissage automatique",
        max_length=20,
        blank=True,
        choices=AUTOCOMPLETE_CHOICES,
        help_text=(
            "Ce que le champ demande, pour que le navigateur propose de le remplir "
            "(accessibilité). Un champ de type « E-mail » est reconnu sans réglage."
        ),
    )

    panels = [*AbstractFormField.panels, FieldPanel("autocomplete")]

    class Meta(AbstractFormField.Meta):
        verbose_name = "champ du formulaire"
        verbose_name_plural = "champs du formulaire"


class ContactPage(SitePage, AbstractEmailForm):
    """`/contact/`: a form to write to the Pôle, built with Wagtail's form builder.

    Editors change the fields, their labels and help texts without a developer; every message
    is kept (Formulaires in the admin, exportable as CSV) and, when an address is set, sent to
    the team by e-mail. A message is never lost: if sending the e-mail fails, it is still
    stored and the visitor still sees the thank-you page. Robots are turned away by a honeypot
    field and a per-address rate limit (see pages/forms.py).
    """

    allowed_http_methods = [*SitePage.allowed_http_methods, HTTPMethod.POST]

    intro = models.TextField(
        "introduction",
        blank=True,
        help_text="Affichée au-dessus du formulaire : à quoi il sert, et à qui s'adresser sinon.",
    )
    thank_you_text = RichTextField(
        "texte de remerciement",
        blank=True,
        features=["bold", "italic", "link"],
        help_text=(
            "Affiché une fois le message envoyé. Vide : « Votre message a bien été envoyé "
            "au Pôle Métropolitain. »"
        ),
    )

    form_builder = ContactFormBuilder

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("intro"), FieldPanel("thank_you_text")], heading="Contenu"),
        MultiFieldPanel(
            [
                FormSubmissionsPanel(),
                InlinePanel(
                    "form_fields",
                    label="champ",
                    help_text=(
                        "Chaque champ obligatoire est signalé « (obligatoire) » aux visiteurs. "
                        "Gardez une case à cocher de consentement qui dit à quoi servent "
                        "les données."
                    ),
                ),
            ],
            heading="Champs du formulaire",
        ),
        MultiFieldPanel(
            [
                FieldPanel(
                    "to_address",
                    heading="destinataires",
                    help_text=(
                        "Adresses qui reçoivent chaque message, séparées par des virgules. "
                        "Vide : aucun courriel n'est envoyé, les messages sont seulement "
                        "enregistrés (menu Formulaires)."
                    ),
                ),
                FieldPanel(
                    "from_address",
                    heading="expéditeur",
                    help_text=(
                        "Adresse d'envoi des notifications, acceptée par le serveur de "
                        "messagerie du site. Vide : l'adresse d'envoi du site. « Répondre » "
                        "écrit directement au visiteur."
                    ),
                ),
                FieldPanel(
                    "subject",
                    heading="objet du courriel",
                    help_text=f"Vide : « {DEFAULT_NOTIFICATION_SUBJECT} ».",
                ),
            ],
            heading="Notification par courriel",
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    # One contact form, directly under the home page (the footer links to /contact/);
    # the thank-you page is a view of this page, not a child.
    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "page de contact"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["honeypot_field"] = HONEYPOT_FIELD
        return context

    def serve(self, request, *args, **kwargs):
        """Wagtail's form flow, plus the honeypot, the rate limit and error status codes."""
        if request.method != "POST":
            return super().serve(request, *args, **kwargs)
        if request.POST.get(HONEYPOT_FIELD):
            # A robot: it sees the usual thank-you page, nothing is stored nor sent.
            logger.info("Formulaire de contact : message de robot ignoré (champ piège rempli).")
            return self.render_landing_page(request)
        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        status = 200
        if form.is_valid():
            if allow_submission(request):
                submission = self.process_form_submission(form)
                return self.render_landing_page(request, submission, *args, **kwargs)
            form.add_error(None, RATE_LIMIT_MESSAGE)
            status = 429
        context = self.get_context(request)
        context["form"] = form
        response = TemplateResponse(request, self.get_template(request), context, status=status)
        if status == 429:
            response["Retry-After"] = str(RATE_LIMIT_WINDOW)
        return response

    def process_form_submission(self, form):
        """Store the message first, then notify; a failed e-mail never loses the message."""
        submission = FormMixin.process_form_submission(self, form)
        if self.to_address:
            try:
                self.send_mail(form)
            except Exception:  # SMTP down, refused, timed out…: the message is stored anyway
                logger.exception(
                    "Formulaire de contact : courriel de notification non envoyé "
                    "(message n° %s enregistré, consultable dans l'administration).",
                    submission.pk,
                )
        return submission

    def send_mail(self, form):
        addresses = [address.strip() for address in self.to_address.split(",")]
        # "Reply" in the team's mail client answers the visitor.
        reply_to = [
            value
            for name, value in form.cleaned_data.items()
            if value and isinstance(form.fields[name], forms.EmailField)
        ][:1]
        send_mail(
            self.subject or DEFAULT_NOTIFICATION_SUBJECT,
            self.render_email(form),
            addresses,
            self.from_address,
            reply_to=reply_to or None,
            connection=get_connection(timeout=settings.EMAIL_TIMEOUT),
        )

    def render_email(self, form):
        """The message as "Label : value" lines, in French, and where to find all of them."""
        lines = []
        for field in form:
            value = form.cleaned_data.get(field.name)
            if isinstance(value, bool):
                value = "oui" if value else "non"
            elif isinstance(value, list):
                value = ", ".join(value)
            elif isinstance(value, datetime.datetime):
                value = date_format(value, "SHORT_DATETIME_FORMAT")
            elif isinstance(value, datetime.date):
                value = date_format(value, "SHORT_DATE_FORMAT")
            elif value is None:
                value = ""
            lines.append(f"{field.label} : {value}")
        admin_path = reverse("wagtailforms:list_submissions", args=[self.pk])
        admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + admin_path
        lines += ["", f"Tous les messages reçus : {admin_url}"]
        return "\n".join(lines)

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        response = super().render_landing_page(request, form_submission, *args, **kwargs)
        # A thank-you page has nothing to offer a search engine.
        response.context_data["noindex"] = True
        return response
