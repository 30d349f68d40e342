"""What editors manage once for the whole site, per site: "Vos services en 1 clic", the menus
and the footer, and who publishes the site (logo, contact details, social networks)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable

from ..fields import optional_image


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
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
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
    ("agenda", "Agenda / événements"),
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

    logo = optional_image("logo", help_text="Laisser vide pour le logo fourni avec le site.")
    share_image = optional_image(
        "image de partage par défaut",
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
