"""Every page model has a factory, so every page type can be tested the same way."""

from wagtail.models import Page, get_page_models

import factory

from tests import factories


def page_models_without_factory(namespace):
    """The page models no factory class of `namespace` builds (a module's names)."""
    built = {
        obj._meta.model
        for obj in namespace.values()
        if isinstance(obj, type) and issubclass(obj, factory.Factory) and obj._meta.model
    }
    return sorted(m.__name__ for m in get_page_models() if m is not Page and m not in built)


def test_every_page_model_has_a_factory():
    missing = page_models_without_factory(vars(factories))
    assert not missing, f"page models without a factory in tests/factories.py: {missing}"


def test_a_page_model_without_its_factory_is_reported():
    """The check above counts factories, not the page models tests/factories.py imports."""
    namespace = {k: v for k, v in vars(factories).items() if k != "HomePageFactory"}
    assert "HomePage" in vars(factories), "tests/factories.py imports the model as well"
    assert page_models_without_factory(namespace) == ["HomePage"]
