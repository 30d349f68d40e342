"""A meeting (séance) of the Conseil syndical or the Bureau: when and where, its agenda, the
délibérations it examined and, once adopted, its procès-verbal."""

from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from pages.fields import optional_document
from pages.models import SitePage
from pages.sections import page_sections
from pages.templatetags.pole_tags import date_fr


class Body(models.TextChoices):
    COUNCIL = "conseil", "Conseil syndical"
    BUREAU = "bureau", "Bureau"


class MeetingPage(SitePage):
    """One séance. Its délibérations are the acts that name it: the list shows them as they
    go online, which the law asks within a week of the meeting (CGCT L2121-25)."""

    body = models.CharField("instance", max_length=20, choices=Body.choices, default=Body.COUNCIL)
    date = models.DateField("date de la séance", default=timezone.localdate, db_index=True)
    time = models.TimeField("heure", null=True, blank=True)
    place = models.CharField("lieu", max_length=250, blank=True)
    agenda = RichTextField(
        "ordre du jour",
        blank=True,
        features=["ol", "ul", "bold", "italic", "link"],
        help_text="Les points inscrits, dans l'ordre de la convocation.",
    )
    minutes = optional_document(
        "procès-verbal",
        help_text=(
            "Le procès-verbal signé, en PDF, mis en ligne dans la semaine qui suit son adoption "
            "à la séance suivante (CGCT L2121-15)."
        ),
    )
    minutes_adopted_on = models.DateField("procès-verbal adopté le", null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("body"), FieldPanel("date"), FieldPanel("time")]),
        FieldPanel("place"),
        FieldPanel("agenda"),
        MultiFieldPanel(
            [FieldPanel("minutes"), FieldPanel("minutes_adopted_on")], heading="Procès-verbal"
        ),
        HelpPanel(
            "La liste des délibérations examinées se construit seule : chaque délibération "
            "publiée qui nomme cette séance y apparaît. La loi demande qu'elle soit en ligne "
            "dans la semaine qui suit la séance. Pour annoncer la séance au public, ajoutez "
            "dans l'Agenda un événement qui la nomme : la page de la séance le signalera."
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("agenda")]
    serve_select_related = ("minutes",)
    search_type_label = "séance"
    # Unpublishing a séance hides the record of its délibérations: a Validateur does it,
    # with a reason kept in the history (editorial's hooks).
    unpublish_needs_reason = True

    parent_page_types = ["acts.ActsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "séance"
        ordering = ["-date"]

    def get_summary_text(self):
        """What search engines and shares show: the editor's description, else the séance."""
        place = f", {self.place}" if self.place else ""
        return self.search_description or (
            f"Séance du {self.get_body_display()} du {date_fr(self.date)}{place} : ordre du jour,"
            " délibérations examinées et procès-verbal."
        )

    @property
    def is_upcoming(self):
        return self.date >= timezone.localdate()

    def get_context(self, request, *args, **kwargs):
        from .act import published_acts

        context = super().get_context(request, *args, **kwargs)
        context["acts"] = list(published_acts().filter(meeting=self).order_by("number", "pk"))
        # Rendered below the séance's own content (its event in the agenda…).
        context["sections"] = page_sections("meeting_page_sections", self, request)
        return context
