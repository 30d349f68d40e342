"""Where image renditions are written: under names that are never used twice.

Wagtail names a rendition after its source file, its filter spec and its focal point. When
an editor replaces an image's file, Wagtail deletes the old renditions and their files, and
the new ones can get exactly the old names again: the new file takes the old file's name
once that is free (a second replacement by a file of the same name), or the random suffix
that told them apart is cut off by the 59-character limit of rendition file names. The
renditions are served as immutable for a year (pole_site/views.py `media`), so an address
must never change content: every rendition file here gets a random suffix of its own.
"""

import os

from django.core.files.storage import FileSystemStorage
from django.utils.crypto import get_random_string


class RenditionStorage(FileSystemStorage):
    """MEDIA_ROOT, as the default storage, with a new random suffix on every file saved."""

    def get_available_name(self, name, max_length=None):
        root, extension = os.path.splitext(name)
        return super().get_available_name(f"{root}_{get_random_string(7)}{extension}", max_length)
