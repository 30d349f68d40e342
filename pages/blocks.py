"""The shared StreamField block library, used by every editorial page of the site.

Each block has a template, an icon, a description and a preview value so that editors see
what they insert before they insert it. Rich text is deliberately limited: no raw HTML,
no headings above h3 (the page owns h1, and h2 comes from the heading block).
"""

from django.conf import settings
from django.utils.text import slugify

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "link", "document-link", "ol", "ul"]
SHORT_RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]

LOREM = (
    "Le Pôle Métropolitain favorise par le dialogue les synergies et les projets communs "
    "de la Métropole Rouen Normandie et de l'Agglomération Seine-Eure."
)


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="texte", max_length=160)
    level = blocks.ChoiceBlock(
        label="niveau",
        choices=[
            ("h2", "Titre de section (h2)"),
            ("h3", "Sous-titre (h3)"),
            ("h4", "Niveau 4 (h4)"),
        ],
        default="h2",
        help_text="Respectez la hiérarchie : un h3 suit un h2, un h4 suit un h3.",
    )
    anchor = blocks.CharBlock(
        label="ancre",
        required=False,
        max_length=60,
        help_text="Identifiant pour un lien direct (#ancre) ; vide : déduit du texte.",
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor_id"] = slugify(value.get("anchor") or value.get("text"))
        return context

    class Meta:
        icon = "title"
        label = "Titre"
        template = "blocks/heading.html"
        description = "Un titre de section, avec une ancre pour y faire un lien direct."
        preview_value = {"text": "Réalisations", "level": "h2"}


class RichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = "Texte"
        template = "blocks/rich_text.html"
        description = "Paragraphes avec gras, italique, liens, listes et intertitres h3/h4."
        preview_value = f"<p>{LOREM}</p>"


class TitledBlock(blocks.StructBlock):
    """A block that may have a title of its own, which its template shows as an h2."""

    title = blocks.CharBlock(label="titre", required=False, max_length=120)


class KeyFigureBlock(blocks.StructBlock):
    number = blocks.CharBlock(label="chiffre", max_length=20, help_text="Ex. : 560 000")
    label = blocks.CharBlock(label="libellé", max_length=120, help_text="Ex. : habitants")
    source = blocks.CharBlock(label="source", required=False, max_length=160)

    class Meta:
        icon = "order"
        label = "Chiffre clé"


class KeyFiguresBlock(TitledBlock):
    figures = blocks.ListBlock(KeyFigureBlock(), label="chiffres", min_num=1, max_num=8)

    class Meta:
        icon = "order"
        label = "Chiffres clés"
        template = "blocks/key_figures.html"
        description = "Une série de chiffres marquants, chacun avec son libellé et sa source."
        preview_value = {
            "title": "Le Pôle en chiffres",
            "figures": [
                {"number": "560 000", "label": "habitants", "source": ""},
                {"number": "107", "label": "communes", "source": ""},
            ],
        }


class TimelineEventBlock(blocks.StructBlock):
    year = blocks.IntegerBlock(
        label="année",
        required=False,
        min_value=1900,
        max_value=2100,
        help_text="Laisser vide si la date n'est pas connue.",
    )
    title = blocks.CharBlock(label="titre", max_length=160)
    text = blocks.RichTextBlock(label="texte", features=SHORT_RICH_TEXT_FEATURES)

    class Meta:
        icon = "date"
        label = "Étape"


class TimelineBlock(TitledBlock):
    events = blocks.ListBlock(TimelineEventBlock(), label="étapes", min_num=1)

    class Meta:
        icon = "history"
        label = "Frise chronologique"
        template = "blocks/timeline.html"
        description = "Des étapes datées (année, titre, texte), dans l'ordre où vous les saisissez."
        preview_value = {
            "title": "Réalisations",
            "events": [
                {
                    "year": 2017,
                    "title": "Partenariat avec Polepharma",
                    "text": "<p>8 000 emplois de la filière sur le territoire.</p>",
                }
            ],
        }


class ImageBlock(blocks.StructBlock):
    """An image with everything RGAA asks of it: alternative text or an explicit "decorative"."""

    image = ImageChooserBlock(label="image")
    alt = blocks.CharBlock(
        label="texte alternatif",
        required=False,
        max_length=250,
        help_text=(
            "Ce que l'image apporte au texte, pour qui ne la voit pas. Laisser vide pour "
            "reprendre la description de l'image ; cocher « décorative » si elle n'apporte rien."
        ),
    )
    decorative = blocks.BooleanBlock(label="image décorative", required=False)
    caption = blocks.CharBlock(label="légende", required=False, max_length=250)
    credit = blocks.CharBlock(label="crédit", required=False, max_length=120)

    class Meta:
        icon = "image"
        label = "Image"
        template = "blocks/image.html"
        description = "Une image avec texte alternatif, légende et crédit."

    def get_preview_value(self):
        """The newest image of the library: a preview needs a real file."""
        image = get_image_model().objects.order_by("-created_at").first()
        return self.to_python(
            {"image": image.pk if image else None, "caption": "Légende", "credit": "Crédit"}
        )


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label="citation")
    attribution = blocks.CharBlock(label="auteur", required=False, max_length=120)
    role = blocks.CharBlock(label="fonction", required=False, max_length=160)

    class Meta:
        icon = "openquote"
        label = "Citation"
        template = "blocks/quote.html"
        description = "Une citation, avec son auteur et sa fonction."
        preview_value = {
            "quote": "Favoriser par le dialogue les synergies et les projets communs.",
            "attribution": settings.WAGTAIL_SITE_NAME,
            "role": "",
        }


class LinkBlock(blocks.StructBlock):
    """A link to a page of the site or to an external address — exactly one of them."""

    page = blocks.PageChooserBlock(label="page du site", required=False)
    url = blocks.URLBlock(label="adresse externe", required=False)

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ["Choisissez une page du site ou une adresse externe."]}
            )
        return value

    class Meta:
        icon = "link"
        form_classname = "link-block"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="titre", max_length=120)
    text = blocks.TextBlock(label="texte", required=False, max_length=400)
    link = LinkBlock(label="lien")
    button_label = blocks.CharBlock(
        label="libellé du bouton",
        max_length=60,
        help_text="Dites où mène le lien : « Découvrir les partenaires », pas « Cliquez ici ».",
    )

    class Meta:
        icon = "link-external"
        label = "Appel à l'action"
        template = "blocks/call_to_action.html"
        description = "Un encadré qui invite à suivre un lien."
        preview_value = {
            "title": "Découvrir le Pôle",
            "text": "Son histoire, sa vocation et ses réalisations.",
            "link": {"url": "https://example.org/"},
            "button_label": "Découvrir le Pôle",
        }


class DocumentListBlock(TitledBlock):
    documents = blocks.ListBlock(DocumentChooserBlock(label="document"), label="documents")
    show_totals = blocks.BooleanBlock(
        label="afficher le nombre de fichiers et la taille totale",
        required=False,
        default=True,
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        # A document deleted from the library leaves an empty choice behind.
        context["documents"] = [doc for doc in value["documents"] if doc]
        return context

    class Meta:
        icon = "doc-full"
        label = "Liste de documents"
        template = "blocks/document_list.html"
        description = "Des documents à télécharger, chacun avec son format et sa taille."

    def get_preview_value(self):
        """The two newest documents of the library: a preview needs real files."""
        ids = get_document_model().objects.order_by("-created_at").values_list("pk", flat=True)
        return self.to_python({"title": "Documents", "documents": list(ids[:2])})


class AccordionItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="titre", max_length=160)
    content = blocks.RichTextBlock(label="contenu", features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "list-ul"
        label = "Volet"


class AccordionBlock(TitledBlock):
    items = blocks.ListBlock(AccordionItemBlock(), label="volets", min_num=1)

    class Meta:
        icon = "collapse-down"
        label = "Accordéon"
        template = "blocks/accordion.html"
        description = "Des volets repliables (questions/réponses…), lisibles sans JavaScript."
        preview_value = {
            "items": [
                {"title": "Qu'est-ce que le Pôle Métropolitain ?", "content": f"<p>{LOREM}</p>"}
            ]
        }


class SafeTableBlock(TableBlock):
    """Wagtail's table with its default "text" renderer: cells are escaped, never HTML."""

    class Meta:
        icon = "table"
        label = "Tableau"
        template = "blocks/table.html"
        description = "Un tableau de données avec sa légende ; cochez la ligne d'en-tête."
        preview_value = {
            "first_row_is_table_header": True,
            "table_caption": "Les deux intercommunalités",
            "data": [
                ["EPCI", "Département"],
                ["Métropole Rouen Normandie", "Seine-Maritime"],
                ["Agglomération Seine-Eure", "Eure"],
            ],
        }


class BodyBlock(blocks.StreamBlock):
    """Everything an editorial page body may contain."""

    heading = HeadingBlock()
    paragraph = RichTextBlock()
    key_figures = KeyFiguresBlock()
    timeline = TimelineBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    documents = DocumentListBlock()
    accordion = AccordionBlock()
    table = SafeTableBlock()
