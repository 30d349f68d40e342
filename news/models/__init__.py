"""The news app's models, one module per concern; Django finds them here."""

from .article import (
    LISTING_ORDER,
    NewsDocument,
    NewsPage,
    NewsPageTag,
    NewsType,
    at_editorial_hour,
    latest_news,
    published_news,
)
from .photos import PhotoLibraryPage, library_photos
from .press_kit import (
    PressKitDocument,
    PressKitImage,
    PressKitPage,
    PressKitRelease,
)
from .sections import (
    NEWS_PER_PAGE,
    NewsIndexPage,
    PressRoomContact,
    PressRoomDocument,
    PressRoomPage,
    press_room_url,
)
from .snippets import PressContact, Theme

__all__ = [
    "LISTING_ORDER",
    "NEWS_PER_PAGE",
    "NewsDocument",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "NewsType",
    "PhotoLibraryPage",
    "PressContact",
    "PressKitDocument",
    "PressKitImage",
    "PressKitPage",
    "PressKitRelease",
    "PressRoomContact",
    "PressRoomDocument",
    "PressRoomPage",
    "Theme",
    "at_editorial_hour",
    "latest_news",
    "library_photos",
    "press_room_url",
    "published_news",
]
