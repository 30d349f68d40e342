"""The apps depend on one another one way only (DESIGN.md, "Layout"; docs/architecture.md).

Imports are checked by import-linter's contract in pyproject.toml. What an import check
cannot see is checked here: a model named in a string ("news.NewsPage") and a template or a
hard-coded address of an app higher up.
"""

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
CONTRACT = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
# Lowest first: each layer may name the ones before it.
LAYERS = [layer.split(" | ") for layer in reversed(CONTRACT["contracts"][0]["layers"])]
# The app labels and template folders of each app, where they differ from its package.
LABELS = {"search": "site_search"}
# The templates each app owns; the site-wide ones (base, components, blocks, error pages)
# belong to `pages`.
TEMPLATE_FOLDERS = {"pages": ["pages", "components", "blocks", "."]}
# The addresses the content apps' pages have in the demo: `pages` must not write them down.
CONTENT_ADDRESSES = ["/actualites/", "/espace-presse/", "/partenaires/", "/recherche/"]


def lint_imports(cwd):
    return subprocess.run(
        [LINT_IMPORTS, "--no-cache"], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def apps_above(app):
    position = next(i for i, layer in enumerate(LAYERS) if app in layer)
    same_layer = [other for other in LAYERS[position] if other != app]
    return same_layer + [other for layer in LAYERS[position + 1 :] for other in layer]


def is_composition_root(path):
    """The settings and the root URL configuration put the apps together: they name them."""
    relative = path.relative_to(ROOT).as_posix()
    return relative.startswith("pole_site/settings/") or relative == "pole_site/urls.py"


def source_files(app):
    files = [p for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts]
    for folder in TEMPLATE_FOLDERS.get(app, [app]):
        directory = ROOT / "templates" / folder
        files += directory.glob("*.html") if folder == "." else directory.rglob("*.html")
    files += (ROOT / app).rglob("templates/**/*.html")
    return files


def test_the_apps_import_one_another_one_way():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_an_import_against_the_layers_is_refused(tmp_path):
    """The contract fails when broken: the same code, with `pages` importing a content app."""
    for package in CONTRACT["root_packages"]:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("*.pyc"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    queries = tmp_path / "pages" / "queries.py"
    queries.write_text(queries.read_text() + "\nfrom news.models import NewsPage  # noqa\n")
    result = lint_imports(tmp_path)
    assert result.returncode == 1
    assert "pages.queries -> news.models" in result.stdout


@pytest.mark.parametrize("app", [app for layer in LAYERS for app in layer])
def test_no_app_names_a_model_template_or_address_of_an_app_above_it(app):
    above = apps_above(app)
    if not above:
        return
    names = "|".join(re.escape(LABELS.get(other, other)) for other in above)
    folders = "|".join(re.escape(other) for other in above)
    patterns = [
        # "news.NewsPage", 'partners.partnerpage': a model by its app label.
        re.compile(rf"""["'](?:{names})\.[A-Za-z_]+["']"""),
        # "news/components/news_card.html": another app's template.
        re.compile(rf"""["'](?:{folders})/[\w/.-]+\.html["']"""),
    ]
    addresses = re.compile("|".join(map(re.escape, CONTENT_ADDRESSES)))
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in source_files(app)
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if not is_composition_root(path)
        and (
            any(pattern.search(line) for pattern in patterns)
            or (app in ("pole_site", "pages") and addresses.search(line))
        )
    ]
    assert not found, "\n".join(found)


def test_the_reference_check_sees_a_model_named_in_a_string(tmp_path, monkeypatch):
    """The check above fails when broken: a page type of `pages` naming "news.NewsPage"."""
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "models.py").write_text('subpage_types = ["news.NewsPage"]\n')
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    with pytest.raises(AssertionError, match="news.NewsPage"):
        test_no_app_names_a_model_template_or_address_of_an_app_above_it("pages")
