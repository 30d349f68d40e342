from django.core.management.base import BaseCommand

from editorial.roles import REVIEWERS, WRITERS, setup_editorial


class Command(BaseCommand):
    help = (
        "Crée ou remet à jour les groupes Rédacteurs et Validateurs, leurs droits et le "
        "circuit « Validation » (sans risque : peut être relancé)."
    )

    def handle(self, *args, **options):
        workflow = setup_editorial()
        pages = workflow.workflow_pages.select_related("page").order_by("page__path")
        sections = ", ".join(item.page.title for item in pages) or "-"
        self.stdout.write(f"Groupes « {WRITERS} » et « {REVIEWERS} » à jour.")
        self.stdout.write(f"Circuit « {workflow.name} » sur : {sections}.")
