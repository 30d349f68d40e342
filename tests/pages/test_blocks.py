"""The block library: every block is documented for editors and renders safely."""

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model

import pytest

from pages.blocks import BodyBlock
from pages.templatetags.pole_tags import document_meta, filesize_fr

BLOCKS = list(BodyBlock().child_blocks.items())


@pytest.mark.parametrize(("name", "block"), BLOCKS, ids=[name for name, _ in BLOCKS])
def test_every_block_has_template_icon_description(name, block):
    assert block.meta.template.startswith("blocks/")
    assert block.meta.icon and block.meta.icon != "placeholder"
    assert block.meta.description


WITHOUT_IMAGE = [(name, block) for name, block in BLOCKS if name != "image"]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "block"), WITHOUT_IMAGE, ids=[n for n, _ in WITHOUT_IMAGE])
def test_preview_value_renders(name, block):
    """Previews render even on an empty library (the image block needs one: see below)."""
    assert block.render(block.get_preview_value()).strip()


@pytest.mark.django_db
def test_image_preview_uses_the_library(demo):
    block = BodyBlock().child_blocks["image"]
    html = block.render(block.get_preview_value())
    assert "<img" in html
    assert "Légende" in html


def test_table_cells_are_escaped():
    block = BodyBlock().child_blocks["table"]
    value = {
        "first_row_is_table_header": True,
        "table_caption": "Test",
        "data": [["Colonne"], ["<script>alert(1)</script>"]],
    }
    html = block.render(block.to_python(value))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert 'role="region" tabindex="0" aria-label="Test"' in html


def test_heading_gets_an_anchor():
    block = BodyBlock().child_blocks["heading"]
    html = block.render(block.to_python({"text": "Nos réalisations", "level": "h3", "anchor": ""}))
    assert html.strip() == '<h3 id="nos-realisations" class="block-heading">Nos réalisations</h3>'


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        (0, "0 octet"),
        (850, "850 octets"),
        (12_400, "12 ko"),
        (1_258_291, "1,2 Mo"),
        (4_750_000, "4,5 Mo"),
        (150 * 1024 * 1024, "150 Mo"),
        (3 * 1024**3, "3,0 Go"),
        (None, ""),
        ("abc", ""),
    ],
)
def test_file_sizes_are_formatted_the_french_way(size, expected):
    assert filesize_fr(size) == expected


@pytest.mark.django_db
def test_document_list_shows_format_size_count_and_total():
    documents = []
    for name, size in [("feuille-de-route.pdf", 1_258_291), ("annexe.odt", 12_400)]:
        document = get_document_model()(title=name.split(".")[0])
        document.file.save(name, ContentFile(b"x" * size), save=True)
        documents.append(document)
    assert document_meta(documents[0]) == "PDF – 1,2 Mo"
    block = BodyBlock().child_blocks["documents"]
    value = block.to_python(
        {"title": "Fichiers", "documents": [d.pk for d in documents], "show_totals": True}
    )
    html = block.render(value)
    assert "Nombre de fichiers</dt><dd>2</dd>" in html
    assert "Taille totale</dt><dd>1,2 Mo</dd>" in html
    assert "(ODT – 12 ko)" in html
