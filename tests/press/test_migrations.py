"""The press room's documents about the Pôle move to their table with the press kits' arrival
(news 0010): every row kept, in its order, and back again if the migration is reversed."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

import pytest

BEFORE = [("news", "0012_press_contact_mobile_and_family_name")]
AFTER = [("news", "0013_press_room_documents")]


def migrate(targets):
    """Migrate the news app to `targets`; the models as they are then, with the documents
    library as it is now (the database's, which the news migrations leave alone)."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    library = [node for node in executor.loader.graph.leaf_nodes() if node[0] == "pages"]
    return executor.loader.project_state([*targets, *library]).apps


def made(apps, label, **fields):
    """A row the migrations make, made again when missing: a transactional test before this
    one may have emptied every table."""
    model = apps.get_model(*label.split("."))
    lookup = {key: value for key, value in fields.items() if key != "defaults"}
    return model.objects.get_or_create(**lookup, defaults=fields.get("defaults", {}))[0]


def press_room(apps):
    """A press room page row as the tree holds one, written without Wagtail's tree API (the
    historical models have none)."""
    return apps.get_model("news", "PressRoomPage").objects.create(
        title="Espace presse",
        slug="espace-presse",
        path="00019999",
        depth=2,
        content_type=made(
            apps, "contenttypes.ContentType", app_label="news", model="pressroompage"
        ),
        locale=made(apps, "wagtailcore.Locale", language_code="fr-fr"),
    )


def documents_of(apps, model):
    rows = apps.get_model("news", model).objects.order_by("sort_order")
    return [(row.page_id, row.document.title, row.sort_order) for row in rows]


@pytest.mark.django_db(transaction=True)
def test_the_press_rooms_documents_keep_their_rows_and_order():
    apps = migrate(BEFORE)
    try:
        room = press_room(apps)
        library = apps.get_model("pages", "SiteDocument")
        collection = made(
            apps,
            "wagtailcore.Collection",
            path="0001",
            defaults={"depth": 1, "numchild": 0, "name": "Root"},
        )
        second, first = (
            library.objects.create(title=title, file=file, collection=collection)
            for title, file in [("Chiffres clés", "documents/b.pdf"), ("Le Pôle en bref", "a.pdf")]
        )
        for position, document in enumerate([first, second]):
            apps.get_model("news", "PressKitDocument").objects.create(
                page_id=room.pk, document=document, sort_order=position
            )
        expected = [(room.pk, "Le Pôle en bref", 0), (room.pk, "Chiffres clés", 1)]

        apps = migrate(AFTER)
        assert documents_of(apps, "PressRoomDocument") == expected

        apps = migrate(BEFORE)
        assert documents_of(apps, "PressKitDocument") == expected
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
