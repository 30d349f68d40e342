"""An act of the Pôle (délibération, arrêté, décision) as the law has it published: the whole
signed act, in a PDF whose fingerprint anyone can check, with the date the site put it online,
and the earlier versions kept when it is corrected (CGCT L2131-1, R2131-1)."""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.html import strip_tags

from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from pages.models import SitePage, file_sha256
from pages.queries import public
from pages.templatetags.pole_tags import date_fr

from ..forms import ActPageForm
from .meeting import MeetingPage
from .register import Matter

logger = logging.getLogger(__name__)

# Newest first; the act table's own columns, so that its index gives the order.
REGISTER_ORDER = ("-adopted_on", "-page_ptr_id")


class ActKind(models.TextChoices):
    DELIBERATION = "deliberation", "Délibération"
    ORDER = "arrete", "Arrêté"
    DECISION = "decision", "Décision"


def published_acts():
    """Live, public acts with what a line of the register shows, in a fixed number of queries:
    their matière and séance joined, their current version prefetched."""
    return (
        public(ActPage.objects.live())
        .select_related("matter", "meeting")
        .prefetch_related(
            Prefetch("versions", ActVersion.objects.order_by("-number"), to_attr="version_list")
        )
        .order_by(*REGISTER_ORDER)
    )


class ActPage(RoutablePageMixin, SitePage):
    """One act. Rédacteurs prepare it, a Validateur publishes it after checking that personal
    data are removed; from then on the site keeps what it published."""

    kind = models.CharField(
        "nature de l'acte", max_length=20, choices=ActKind.choices, default=ActKind.DELIBERATION
    )
    number = models.CharField(
        "numéro",
        max_length=40,
        blank=True,
        help_text="Le numéro d'ordre de l'acte dans le registre (par exemple « 2021-12 »).",
    )
    adopted_on = models.DateField(
        "date d'adoption ou de signature",
        default=timezone.localdate,
        db_index=True,
        help_text="La date de la séance pour une délibération, de la signature sinon.",
    )
    meeting = models.ForeignKey(
        MeetingPage,
        verbose_name="séance",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="acts",
        help_text="Obligatoire pour une délibération : la séance qui l'a adoptée.",
    )
    matter = models.ForeignKey(
        Matter,
        verbose_name="matière ACTES",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="acts",
        help_text=(
            "La matière de la nomenclature ACTES déclarée lors de la transmission au préfet ; "
            "elle classe le registre et l'export open data (schéma SCDL)."
        ),
    )
    decision = RichTextField(
        "résumé de la décision",
        blank=True,
        features=["bold", "italic", "ol", "ul", "link"],
        help_text=(
            "Ce que l'acte décide, en quelques phrases : la version lisible de tous, à côté du "
            "PDF signé qui fait foi."
        ),
    )
    signatory_first_name = models.CharField("prénom du signataire", max_length=80, blank=True)
    signatory_last_name = models.CharField("nom du signataire", max_length=80, blank=True)
    signatory_title = models.CharField(
        "qualité du signataire",
        max_length=120,
        blank=True,
        help_text=(
            "Le prénom, le nom et la qualité de l'auteur de l'acte doivent être lisibles "
            "(CRPA L212-1) : ils figurent dans le PDF et sont repris sur la page."
        ),
    )
    prefecture_sent_on = models.DateField(
        "transmis au représentant de l'État le",
        null=True,
        blank=True,
        help_text=(
            "La date de l'accusé de réception de la préfecture. Un acte soumis au contrôle de "
            "légalité n'est exécutoire qu'une fois publié et transmis (CGCT L2131-1)."
        ),
    )
    prefecture_receipt = models.CharField(
        "identifiant de l'accusé de réception",
        max_length=80,
        blank=True,
        help_text="Par exemple 076-200012345-20210512-2021_12-DE.",
    )
    budget_year = models.CharField(
        "exercice budgétaire",
        max_length=9,
        blank=True,
        validators=[RegexValidator(r"^\d{4}(/\d{4})?$", "Une année (2021) ou deux (2021/2022).")],
        help_text="Si l'acte a un effet budgétaire (colonne BUDGET_ANNEE de l'export).",
    )
    budget_name = models.CharField(
        "budget concerné", max_length=120, blank=True, help_text="Par exemple « Budget principal »."
    )
    votes_in_office = models.PositiveSmallIntegerField("membres en exercice", null=True, blank=True)
    votes_present = models.PositiveSmallIntegerField(
        "présents ou représentés", null=True, blank=True
    )
    votes_for = models.PositiveSmallIntegerField("pour", null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField("contre", null=True, blank=True)
    votes_abstention = models.PositiveSmallIntegerField("abstentions", null=True, blank=True)
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name="acte signé (PDF)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "L'acte entier, signé, en PDF (un format non modifiable, CGCT R2131-1). À la "
            "publication, le site en garde sa propre copie et son empreinte : pour corriger un "
            "acte publié, choisissez ici le PDF rectifié et donnez le motif ci-dessous."
        ),
    )
    correction_reason = models.CharField(
        "motif de la rectification",
        max_length=250,
        blank=True,
        help_text=(
            "Obligatoire quand le PDF d'un acte déjà publié change : la version rectifiée est "
            "mise en ligne datée, avec ce motif, et la précédente reste consultable."
        ),
    )
    personal_data_removed = models.BooleanField(
        "données personnelles occultées",
        default=False,
        help_text=(
            "À cocher par le Validateur après avoir vérifié le PDF : les données personnelles "
            "(adresses, situations individuelles…) doivent être occultées avant la mise en "
            "ligne (CRPA L312-1-2). Aucun acte n'est publié sans cette confirmation."
        ),
    )
    # Set by the site at first publication, and never by anyone (acts.publication).
    online_at = models.DateTimeField("mis en ligne le", null=True, editable=False, db_index=True)
    # The current PDF's text, for the register's search and the site search.
    document_text = models.TextField(blank=True, editable=False)

    content_panels = [
        FieldPanel("title", heading="Objet"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("number"), FieldPanel("adopted_on")]),
        FieldRowPanel([FieldPanel("meeting"), FieldPanel("matter")]),
        FieldPanel("decision"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("signatory_first_name"),
                        FieldPanel("signatory_last_name"),
                        FieldPanel("signatory_title"),
                    ]
                ),
            ],
            heading="Signataire",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("votes_in_office"),
                        FieldPanel("votes_present"),
                        FieldPanel("votes_for"),
                        FieldPanel("votes_against"),
                        FieldPanel("votes_abstention"),
                    ]
                ),
            ],
            heading="Votes (délibérations)",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("prefecture_sent_on"), FieldPanel("prefecture_receipt")]),
                FieldRowPanel([FieldPanel("budget_year"), FieldPanel("budget_name")]),
            ],
            heading="Contrôle de légalité et budget",
        ),
        MultiFieldPanel(
            [
                FieldPanel("document"),
                FieldPanel("correction_reason"),
                HelpPanel(template="acts/admin/published_versions.html"),
            ],
            heading="Acte signé",
        ),
        FieldPanel("personal_data_removed"),
    ]
    base_form_class = ActPageForm
    search_fields = [
        *Page.search_fields,
        index.SearchField("number"),
        index.SearchField("decision"),
        index.SearchField("document_text"),
        index.FilterField("kind"),
        index.FilterField("matter"),
        index.FilterField("meeting"),
        index.FilterField("adopted_on"),
    ]
    serve_select_related = ("matter", "meeting")
    # What the site recorded (the online date, the PDF's text) is written by acts.publication
    # alone: whatever instance is saved (a revision's, an editor's form), the database's stay.
    site_recorded_fields = ("online_at", "document_text")
    search_type_label = "acte"
    # Acts stay online: only a Validateur unpublishes one, giving a reason kept in the
    # history, and once online none is deleted (editorial's hooks).
    unpublish_needs_reason = True
    never_deleted_once_online = True
    # The check a Validateur confirms when approving it in the workflow (editorial.models).
    publication_confirmation = ("personal_data_removed", "Données personnelles occultées")

    parent_page_types = ["acts.ActsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "acte"
        indexes = [models.Index(fields=["adopted_on", "page_ptr"], name="acts_register_order")]

    def clean(self):
        super().clean()
        errors = {}
        if self.kind == ActKind.DELIBERATION and self.meeting_id is None:
            errors["meeting"] = "Une délibération est adoptée en séance : choisissez laquelle."
        votes = [self.votes_for, self.votes_against, self.votes_abstention]
        if self.kind != ActKind.DELIBERATION and any(v is not None for v in votes):
            errors["votes_for"] = "Seules les délibérations sont votées."
        cast = sum(v or 0 for v in votes)
        if self.votes_present is not None and cast > self.votes_present:
            errors["votes_present"] = (
                f"Pour, contre et abstentions font {cast} voix, plus que les présents ou "
                "représentés."
            )
        if None not in (self.votes_present, self.votes_in_office) and (
            self.votes_present > self.votes_in_office
        ):
            errors["votes_present"] = "Plus de présents ou représentés que de membres en exercice."
        if self.document_id and not self.document.file.name.lower().endswith(".pdf"):
            errors["document"] = "L'acte se publie en PDF, un format qui ne se modifie pas."
        if self.expire_at:
            errors["expire_at"] = (
                "Un acte reste en ligne sans limite de durée : il n'a pas de date d'expiration."
            )
        if self.live and not self.personal_data_removed:
            errors["personal_data_removed"] = (
                "Avant la mise en ligne, confirmez que les données personnelles sont occultées."
            )
        if errors:
            raise ValidationError(errors)

    def get_frontend_cache_dependents(self):
        """Besides the register, its séance lists it (pole_site/frontend_cache.py)."""
        return [self.meeting] if self.meeting_id else []

    def get_summary_text(self):
        """What search engines and shares show: the editor's description, else the decision."""
        text = self.search_description or strip_tags(self.decision)
        return " ".join(text.split()) or f"{self.get_kind_display()} du {date_fr(self.adopted_on)}"

    @property
    def signatory(self):
        name = " ".join(filter(None, [self.signatory_first_name, self.signatory_last_name]))
        return ", ".join(filter(None, [name, self.signatory_title]))

    @property
    def votes(self):
        """The vote as a table shows it, only the counts that were entered."""
        rows = [
            ("Membres en exercice", self.votes_in_office),
            ("Présents ou représentés", self.votes_present),
            ("Pour", self.votes_for),
            ("Contre", self.votes_against),
            ("Abstentions", self.votes_abstention),
        ]
        return [(label, value) for label, value in rows if value is not None]

    @property
    def enforceable_since(self):
        """The day the act became enforceable when it was published and transmitted; None
        when it was not transmitted (or not yet published)."""
        if self.online_at is None or self.prefecture_sent_on is None:
            return None
        return max(timezone.localtime(self.online_at).date(), self.prefecture_sent_on)

    def current_versions(self):
        """Newest first: the version in force, then the ones it corrected."""
        if hasattr(self, "version_list"):
            return self.version_list
        if self.pk is None:
            return []
        return list(self.versions.order_by("-number"))

    @property
    def current_version(self):
        versions = self.current_versions()
        return versions[0] if versions else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["versions"] = self.current_versions()
        return context

    @path("")
    def act(self, request):
        return self.render(request)

    @path("document/<int:number>/", name="document")
    def serve_version(self, request, number):
        """The PDF of one version, after checking it is still the file that was published."""
        version = self.versions.filter(number=number).first()
        if version is None:
            raise Http404
        if not version.file_is_intact():
            logger.error(
                "Acte %s, version %s : le fichier ne correspond plus à son empreinte %s",
                self.pk,
                number,
                version.sha256,
            )
            return render(
                request, "acts/integrity_error.html", {"page": self, "version": version}, status=503
            )
        response = FileResponse(
            version.file.open("rb"), content_type="application/pdf", filename=version.filename
        )
        response["Content-Disposition"] = response["Content-Disposition"].replace(
            "attachment", "inline"
        )
        response["ETag"] = f'"{version.sha256}"'
        return response


class ActVersion(models.Model):
    """A PDF the site put online for an act: its own copy of the file, its fingerprint and the
    date it went online. Versions are only added (a correction is a new one); none is ever
    changed, so every version stays listed and downloadable."""

    act = models.ForeignKey(ActPage, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField("version")
    file = models.FileField("fichier", upload_to="actes/")
    sha256 = models.CharField("empreinte SHA-256", max_length=64)
    file_size = models.PositiveIntegerField("taille")
    online_at = models.DateTimeField("mise en ligne le")
    reason = models.CharField("motif de la rectification", max_length=250, blank=True)

    class Meta:
        verbose_name = "version publiée"
        verbose_name_plural = "versions publiées"
        constraints = [
            models.UniqueConstraint(fields=["act", "number"], name="acts_one_number_per_version")
        ]

    def __str__(self):
        return f"{self.act} – version {self.number}"

    @property
    def filename(self):
        suffix = f"-v{self.number}" if self.number > 1 else ""
        return f"{self.act.slug}{suffix}.pdf"

    def get_url(self, request=None):
        return self.act.get_url(request) + self.act.reverse_subpage("document", args=[self.number])

    def file_is_intact(self):
        try:
            with self.file.open("rb") as handle:
                return file_sha256(handle) == self.sha256
        except (FileNotFoundError, OSError):
            return False
