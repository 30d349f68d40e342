from django.apps import AppConfig


class EditorialConfig(AppConfig):
    """How the communications team works: roles, the "Validation" workflow, admin panels.

    An app of its own because it spans every content app (news and partners sections get the
    workflow; settings, snippets, images and documents get permissions) and owns the data
    migration that sets the roles up, which belongs to no content model.
    """

    name = "editorial"
    verbose_name = "Travail éditorial"
