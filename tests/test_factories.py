"""Every page model has a factory, so every page type can be tested the same way."""

from wagtail.models import Page, get_page_models

from tests import factories


def test_every_page_model_has_a_factory():
    factory_models = {
        getattr(obj, "_meta", None) and obj._meta.model
        for obj in vars(factories).values()
        if isinstance(obj, type) and hasattr(obj, "_meta")
    }
    missing = [m.__name__ for m in get_page_models() if m is not Page and m not in factory_models]
    assert not missing, f"page models without a factory in tests/factories.py: {missing}"
