"""What every page of the site must pass in Chromium: axe-core's WCAG rules, and reflow.

Each browser module checks its pages with these rather than its own copy, so the levels the
site commits to, and how a failure is reported, are the same everywhere.
"""

import pytest

from tests.browser.conftest import Axe, expect

# The levels the site commits to (RGAA 4 / WCAG 2.1 AA), plus the WCAG 2.2 AA additions.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    },
    "resultTypes": ["violations"],
}

# The elements sticking out past the right edge of the viewport, to name them in a failure.
OVERFLOWING_ELEMENTS_JS = """(width) => [...document.body.querySelectorAll("*")]
    .filter((element) => element.getBoundingClientRect().right > width + 0.5)
    .map((element) => {
        const classes = (element.getAttribute("class") || "").trim().split(/\\s+/).join(".");
        const right = Math.round(element.getBoundingClientRect().right);
        const name = element.tagName.toLowerCase() + (classes ? "." + classes : "");
        return `${name} (bord droit à ${right} px)`;
    })"""


def format_axe_violations(url, violations):
    """A report a developer can act on without opening axe's JSON."""
    lines = [f"axe-core : {len(violations)} règle(s) WCAG non respectée(s) sur {url}"]
    for violation in violations:
        lines.append(
            f"\n[{violation['id']}] impact {violation['impact']} : {violation['help']}"
            f"\n  {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            target = " ".join(str(selector) for selector in node["target"])
            lines.append(f"  - {target}\n      {node['html']}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n        ")
            if summary:
                lines.append(f"      {summary}")
    return "\n".join(lines)


def assert_no_axe_violations(page):
    """Run axe-core on the page as rendered and fail on any WCAG A/AA violation.

    axe is injected with `page.evaluate`, which goes through the DevTools protocol and is not
    subject to the page's CSP, so the site needs no exception to its policy for the tests.
    """
    results = Axe().run(page, options=AXE_OPTIONS)
    violations = results.response["violations"]
    if violations:
        width = page.viewport_size["width"]
        pytest.fail(format_axe_violations(f"{page.url} ({width} px)", violations), pytrace=False)


def assert_no_horizontal_overflow(page):
    """Content reflows to the window instead of making the reader scroll sideways (WCAG
    1.4.10); a failure names the elements sticking out."""
    width = page.viewport_size["width"]
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, (
        f"La page fait {scroll_width} px de large pour un écran de {width} px ; dépassent : "
        + ", ".join(page.evaluate(OVERFLOWING_ELEMENTS_JS, width))
    )


def assert_page_passes(page, url):
    """Open `url` and check what every public page owes a visitor: it answers 200, has one
    h1, no axe violation, and nothing wider than the window. Returns the response."""
    response = page.goto(url)
    assert response.status == 200
    expect(page.locator("h1")).to_have_count(1)
    assert_no_axe_violations(page)
    assert_no_horizontal_overflow(page)
    return response
