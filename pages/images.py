"""The sizes images are shown at, named once for the templates and for the listings' prefetches.

Each size lists the renditions a `<picture>` offers: AVIF, then WebP (browsers take the first
format they support), then a fallback every browser reads, each in a few widths so that a
phone and a desktop screen each download about what they display. `sizes` says how wide the
image is drawn at each breakpoint of static/css/main.css, so that the browser picks the
width before it has laid out the page. The specs of the share card that social networks show
are named here too.
"""

from dataclasses import dataclass

from django.db.models import Prefetch

from wagtail.images import get_image_model

PHOTO_FORMATS = ("avif", "webp", "jpeg")
# Logos keep their transparency in the fallback.
LOGO_FORMATS = ("avif", "webp", "png")


@dataclass(frozen=True)
class ImageSize:
    # Resize operations; the first gives the <img> its src, width and height, so that the
    # page keeps the image's place before it loads.
    resizes: tuple
    formats: tuple
    sizes: str

    @property
    def specs(self):
        """The filter specs, as Wagtail stores them in `Rendition.filter_spec`."""
        return [f"{resize}|format-{fmt}" for resize in self.resizes for fmt in self.formats]

    @property
    def svg_spec(self):
        """SVG logos are resized but not converted: no raster format applies to them."""
        return self.resizes[0]

    def specs_for(self, image):
        """The specs a <picture> of this image shows (a plain <img> for an SVG)."""
        return [self.svg_spec] if image.is_svg() else self.specs

    def fallback_spec(self, image):
        """The spec of the <img> inside the <picture> (its src, width and height)."""
        return self.svg_spec if image.is_svg() else f"{self.resizes[0]}|format-{self.formats[-1]}"


# The card (1.91:1) that social networks show for a shared page: a photo fills it, a logo fits
# inside it uncropped.
SHARE_PHOTO = "fill-1200x630"
# A photo journalists download for the web (the photothèque, press kits): a JPEG at most
# 1920 pixels wide or high, enough for an article online.
WEB_PHOTO_PIXELS = 1920
WEB_PHOTO = f"max-{WEB_PHOTO_PIXELS}x{WEB_PHOTO_PIXELS}|format-jpeg|jpegquality-85"
SHARE_LOGO = "max-1200x630"

SIZES = {
    # Home page hero: the 2fr column of .hero__inner from 56em, else the container's width,
    # never wider than the 720 px of the <img>.
    "hero": ImageSize(
        resizes=("fill-720x480", "fill-480x320"),
        formats=PHOTO_FORMATS,
        sizes=(
            "(min-width: 72em) 426px, (min-width: 56em) calc(40vw - 2.2rem), "
            "(min-width: 48em) 720px, calc(100vw - 2rem)"
        ),
    ),
    # News cards fill a .grid--3 cell (3, 2 or 1 columns) less the card's padding and border;
    # in the press room's .grid--2 they are within a few pixels of that.
    "card": ImageSize(
        resizes=("fill-640x360", "fill-320x180"),
        formats=PHOTO_FORMATS,
        sizes=(
            "(min-width: 72em) 297px, (min-width: 64em) calc(33.3vw - 5.5rem), "
            "(min-width: 48em) calc(50vw - 5.9rem), (min-width: 40em) calc(50vw - 4.9rem), "
            "calc(100vw - 5.1rem)"
        ),
    ),
    # Article image and image block: the width of .prose (42rem), less on a phone.
    "prose": ImageSize(
        resizes=("width-1200", "width-720"),
        formats=PHOTO_FORMATS,
        sizes="(min-width: 44em) 42rem, calc(100vw - 2rem)",
    ),
    # Partner logos: at most 12rem wide (cards, partner page) or 10rem (home page strip).
    "logo": ImageSize(
        resizes=("max-320x160", "max-480x240"),
        formats=LOGO_FORMATS,
        sizes="12rem",
    ),
    "logo-strip": ImageSize(
        resizes=("max-320x160", "max-480x240"),
        formats=LOGO_FORMATS,
        sizes="10rem",
    ),
}


def rendition_specs(*names):
    """Every filter spec the named sizes use, SVG ones included, without repeats."""
    specs = []
    for name in names:
        for spec in [*SIZES[name].specs, SIZES[name].svg_spec]:
            if spec not in specs:
                specs.append(spec)
    return specs


def prefetch_renditions(lookup, *names):
    """A Prefetch of the renditions the named sizes show: one query for a whole listing."""
    renditions = (
        get_image_model()
        .get_rendition_model()
        .objects.filter(filter_spec__in=rendition_specs(*names))
    )
    return Prefetch(lookup, queryset=renditions)


def picture_renditions(image, name):
    """The renditions `{% responsive_image %}` shows for this image, created if missing: one
    query for all of them (none when prefetched or cached)."""
    return image.get_renditions(*SIZES[name].specs_for(image))
