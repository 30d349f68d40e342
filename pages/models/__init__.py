"""The models of the site's core, one module per concern; Django finds them here."""

from ..rate_limit import SubmissionCounter
from .base import EditorialPage, SectionPage, SitePage
from .contact import ContactFormField, ContactPage
from .core import HomePage, PresentationPage, SiteMapPage, StandardPage
from .documents import Accessibility, SiteDocument, file_sha256
from .images import SiteImage, SiteRendition
from .site_settings import (
    FooterLink,
    LinkTarget,
    MainMenuItem,
    NavigationSettings,
    QuickLink,
    QuickLinksSettings,
    SiteIdentitySettings,
    SocialLink,
)

__all__ = [
    "Accessibility",
    "ContactFormField",
    "ContactPage",
    "EditorialPage",
    "FooterLink",
    "HomePage",
    "LinkTarget",
    "MainMenuItem",
    "NavigationSettings",
    "PresentationPage",
    "QuickLink",
    "QuickLinksSettings",
    "SiteIdentitySettings",
    "SectionPage",
    "SiteDocument",
    "SiteImage",
    "SiteRendition",
    "file_sha256",
    "SiteMapPage",
    "SitePage",
    "SocialLink",
    "StandardPage",
    "SubmissionCounter",
]
