"""Every PDF the demo ships is accessible (RGAA 13.3): real text, tagged structure, French
language, a title the viewer shows. `make demo-pdfs` makes them (scripts/make_demo_pdfs.py)."""

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = sorted((ROOT / "fixtures" / "media" / "documents").glob("*.pdf"))
SOURCES = ROOT / "fixtures" / "pdf"


def structure_roles(node, roles):
    """The tags (H1, P, L…) of a structure tree, depth first."""
    node = node.get_object()
    if isinstance(node, list):
        for child in node:
            structure_roles(child, roles)
    elif hasattr(node, "get"):
        if "/S" in node:
            roles.add(str(node["/S"]))
        if "/K" in node:
            structure_roles(node["/K"], roles)
    return roles


def test_the_demo_ships_its_documents():
    assert {path.name for path in DOCUMENTS} >= {
        "accord-cadre-mel.pdf",
        "accord-cadre-amiens.pdf",
        "accord-cadre-dunkerque.pdf",
        "pole-metropolitain-en-bref.pdf",
    }


@pytest.mark.parametrize("path", DOCUMENTS, ids=[path.name for path in DOCUMENTS])
def test_every_demo_pdf_is_tagged_text_in_french_with_its_title(path):
    reader = PdfReader(path)
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert str(catalog["/Lang"]).startswith("fr")
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    source = (SOURCES / f"{path.stem}.html").read_text()
    title = re.search(r"<title>(.*?)</title>", source).group(1)
    assert reader.metadata.title == title
    roles = structure_roles(catalog["/StructTreeRoot"], set())
    assert {"/H1", "/P"} <= roles, roles
    for page in reader.pages:
        assert len(page.extract_text().split()) > 30, "a page without text is a scan"
