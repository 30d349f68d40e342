"""What kind of event it is: a séance of the Conseil, a signature, a forum…"""

from pages.snippets import Category


class EventCategory(Category):
    """A category of the agenda: the listing's filter, and a calendar people subscribe to on
    its own (only the Conseil's séances, say). Editors manage the list in Fragments."""

    class Meta(Category.Meta):
        verbose_name = "catégorie d'événement"
        verbose_name_plural = "catégories d'événements"
