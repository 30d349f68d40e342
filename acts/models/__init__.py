from .act import REGISTER_ORDER, ActKind, ActPage, ActVersion, published_acts
from .index import ActsIndexPage
from .meeting import Body, MeetingPage
from .register import ActsSettings, Matter

__all__ = [
    "REGISTER_ORDER",
    "ActKind",
    "ActPage",
    "ActVersion",
    "ActsIndexPage",
    "ActsSettings",
    "Body",
    "Matter",
    "MeetingPage",
    "published_acts",
]
