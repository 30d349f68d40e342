import pytest

from tests.factories import ContactPageFactory


@pytest.fixture
def contact(home):
    """The contact page with the demo's five fields, under a home page with nothing else."""
    return ContactPageFactory(parent=home)
