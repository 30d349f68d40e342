from tests.demo_fixtures import _demo_loaded, demo  # noqa: F401 (fixtures for this folder)
