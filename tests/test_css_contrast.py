"""Control borders stand out from every background they are drawn on (WCAG 1.4.11, RGAA 3.3:
3:1 for the parts of a control). axe checks text contrast, not this."""

import re
from pathlib import Path

import pytest

CSS = (Path(__file__).resolve().parent.parent / "static" / "css" / "main.css").read_text()
TOKENS = dict(re.findall(r"--(color-[\w-]+):\s*(#[0-9a-fA-F]{6})", CSS))


def luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first, second):
    light, dark = sorted([luminance(first), luminance(second)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_ratio_is_computed_as_wcag_does():
    assert contrast("#ffffff", "#000000") == pytest.approx(21)
    assert contrast("#8a939e", "#f2f5f8") == pytest.approx(2.84, abs=0.01)  # the old border


@pytest.mark.parametrize(
    "background", ["color-bg", "color-surface", "color-primary-light", "color-accent-light"]
)
def test_control_borders_reach_3_to_1_on_every_background(background):
    assert contrast(TOKENS["color-border"], TOKENS[background]) >= 3
