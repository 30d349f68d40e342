"""Moving to the site's document model keeps every document a live site has: its id (links,
lists and blocks name it by id), its file, its date, its tags, and what points to it."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

import pytest

BEFORE = [
    ("pages", "0005_submission_counter"),
    ("news", "0007_category_help_text"),
    ("partners", "0004_category_help_text"),
]
AFTER = [
    ("pages", "0006_site_document"),
    ("news", "0008_site_document"),
    ("partners", "0005_site_document"),
]


@pytest.fixture
def root_collection(transactional_db):
    """The collections' root, as the migrations create it: a transactional test before this
    one may have emptied the table, and the roles set up again on the way back need it."""
    from wagtail.models import Collection

    return Collection.get_first_root_node() or Collection.add_root(name="Root")


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_documents_keep_their_ids_dates_tags_and_links(root_collection):
    apps = migrate(BEFORE)
    try:
        old = apps.get_model("wagtaildocs", "Document")
        collection = apps.get_model("wagtailcore", "Collection").objects.first()
        document = old.objects.create(
            title="Rapport d'activité", file="documents/rapport.pdf", collection=collection
        )
        old.objects.filter(pk=document.pk).update(created_at="2019-05-02T10:00:00+00:00")
        content_type = apps.get_model("contenttypes", "ContentType").objects.get_for_model(old)
        tag = apps.get_model("taggit", "Tag").objects.create(name="bilan", slug="bilan")
        apps.get_model("taggit", "TaggedItem").objects.create(
            tag=tag, content_type=content_type, object_id=document.pk
        )

        apps = migrate(AFTER)
        new = apps.get_model("pages", "SiteDocument")
        copied = new.objects.get(pk=document.pk)
        assert copied.title == "Rapport d'activité"
        assert copied.file.name == "documents/rapport.pdf"
        assert copied.created_at.year == 2019
        assert copied.accessibility == "inconnu"
        item = apps.get_model("taggit", "TaggedItem").objects.get(tag__name="bilan")
        assert (item.content_type.app_label, item.content_type.model) == ("pages", "sitedocument")
        assert item.object_id == document.pk
        # A document uploaded afterwards takes the next id, not one already used.
        later = new.objects.create(
            title="Suivant", file="documents/suivant.pdf", collection_id=root_collection.pk
        )
        assert later.pk > document.pk
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
