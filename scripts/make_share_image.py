"""Draw static/img/partage.png, the 1200 × 630 card shown when a page without an image is shared.

Kept as a script so the image can be redrawn (new name, new colours) rather than edited by hand:
    .venv/bin/python scripts/make_share_image.py
Editors replace it without a developer in the admin: Paramètres › Identité et coordonnées.
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
PRIMARY, ACCENT, WHITE = "#0a3559", "#006b5b", "#ffffff"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
OUTPUT = Path(__file__).resolve().parent.parent / "static" / "img" / "partage.png"


def main():
    image = Image.new("RGB", (WIDTH, HEIGHT), PRIMARY)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, HEIGHT - 40, WIDTH, HEIGHT], fill=ACCENT)
    title = ImageFont.truetype(FONT, 76)
    subtitle = ImageFont.truetype(FONT, 40)
    draw.text((80, 190), "Pôle Métropolitain", font=title, fill=WHITE)
    draw.text((80, 290), "Rouen Seine Eure", font=title, fill=WHITE)
    draw.text((80, 420), "Économie · Tourisme · Mobilités", font=subtitle, fill=WHITE)
    image.save(OUTPUT, optimize=True)


if __name__ == "__main__":
    main()
