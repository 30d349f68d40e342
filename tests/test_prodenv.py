"""Every variable the settings read is one the production environment never inherits."""

import re
from pathlib import Path

from scripts import prodenv

SETTINGS = Path(__file__).resolve().parent.parent / "pole_site" / "settings"
READ = re.compile(r"""(?:environ\.get|environ\[|env_number|env_list)\(?\s*["']([A-Z0-9_]+)["']""")


def variables_read_by_settings():
    return {name for path in SETTINGS.glob("*.py") for name in READ.findall(path.read_text())}


def test_the_pattern_finds_the_settings_variables():
    assert {
        "DJANGO_SECRET_KEY",
        "LOG_LEVEL",
        "PAGE_CACHE_SECONDS",
    } <= variables_read_by_settings()


def test_no_settings_variable_leaks_from_the_callers_shell():
    leaking = {
        name
        for name in variables_read_by_settings()
        if name not in prodenv.APP_VARIABLES and not name.startswith(prodenv.APP_VARIABLE_PREFIXES)
    }
    assert not leaking, f"add to scripts/prodenv.py: {sorted(leaking)}"
