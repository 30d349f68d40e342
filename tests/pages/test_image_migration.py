"""Moving to the site's image model keeps every image a live site has: its id (pages and
blocks name it by id), its file, its date, its tags, its renditions (never made again), and
the credit a news item gave it."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

import pytest

from tests.pages.test_document_migration import migrate, root_collection  # noqa: F401


@pytest.fixture
def tree_root(transactional_db):
    """The page tree's root and the default locale, as the migrations create them: a
    transactional test before this one may have emptied the tables."""
    from django.conf import settings

    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale, Page

    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    return Page.get_first_root_node() or Page.add_root(title="Root", slug="root")


BEFORE = [("pages", "0008_alter_quicklink_icon"), ("news", "0008_site_document")]
AFTER = [("pages", "0009_site_image"), ("news", "0010_image_credit_on_the_image")]


def test_images_keep_their_ids_dates_tags_renditions_and_credits(
    root_collection,  # noqa: F811
    tree_root,
):
    apps = migrate(BEFORE)
    try:
        old = apps.get_model("wagtailimages", "Image")
        collection = apps.get_model("wagtailcore", "Collection").objects.first()
        image = old.objects.create(
            title="Pont Flaubert",
            file="original_images/pont.jpg",
            width=1600,
            height=1000,
            collection=collection,
        )
        old.objects.filter(pk=image.pk).update(created_at="2019-05-02T10:00:00+00:00")
        apps.get_model("wagtailimages", "Rendition").objects.create(
            image=image,
            filter_spec="fill-400x300",
            file="images/pont.fill.jpg",
            width=400,
            height=300,
        )
        content_type = apps.get_model("contenttypes", "ContentType").objects.get_for_model(old)
        tag = apps.get_model("taggit", "Tag").objects.create(name="Seine", slug="seine")
        apps.get_model("taggit", "TaggedItem").objects.create(
            tag=tag, content_type=content_type, object_id=image.pk
        )
        news = apps.get_model("news", "NewsPage").objects.filter(pk__in=[]).model
        page_type = apps.get_model("contenttypes", "ContentType").objects.get_for_model(news)
        index = apps.get_model("wagtailcore", "Page").objects.get(pk=tree_root.pk)
        item = news.objects.create(
            title="Le pont",
            slug="le-pont",
            path=index.path + "0099",
            depth=2,
            content_type=page_type,
            locale_id=index.locale_id,
            date="2021-05-12",
            image=image,
            image_credit="Jeanne Martin",
        )

        apps = migrate(AFTER)
        new = apps.get_model("pages", "SiteImage")
        copied = new.objects.get(pk=image.pk)
        assert (copied.title, copied.file.name, copied.created_at.year) == (
            "Pont Flaubert",
            "original_images/pont.jpg",
            2019,
        )
        assert copied.credit == "Jeanne Martin"
        assert apps.get_model("news", "NewsPage").objects.get(pk=item.pk).image_id == image.pk
        rendition = apps.get_model("pages", "SiteRendition").objects.get(image_id=image.pk)
        assert rendition.file.name == "images/pont.fill.jpg"
        tagged = apps.get_model("taggit", "TaggedItem").objects.get(tag__name="Seine")
        assert (tagged.content_type.app_label, tagged.content_type.model) == ("pages", "siteimage")
        later = new.objects.create(
            title="Suivante",
            file="original_images/b.jpg",
            width=1,
            height=1,
            collection_id=root_collection.pk,
        )
        assert later.pk > image.pk
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
