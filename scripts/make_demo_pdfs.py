"""The demo's PDF documents, made from fixtures/pdf/*.html as tagged PDFs (PDF/UA-1).

A scanned PDF is an image that a screen reader cannot read (RGAA 13.3): these are real text,
with their structure (headings, paragraphs, lists) tagged, their language (fr) and a title the
viewer shows. Run `make demo-pdfs` after changing a source; the PDFs are committed in
fixtures/media/documents/ and tests/test_demo_documents.py checks them.
"""

from pathlib import Path

from weasyprint import HTML

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "fixtures" / "pdf"
TARGET = ROOT / "fixtures" / "media" / "documents"


def main():
    for source in sorted(SOURCES.glob("*.html")):
        target = TARGET / f"{source.stem}.pdf"
        HTML(filename=source).write_pdf(target, pdf_variant="pdf/ua-1", uncompressed_pdf=False)
        print(f"{target.relative_to(ROOT)} ({target.stat().st_size // 1024} Kio)")


if __name__ == "__main__":
    main()
