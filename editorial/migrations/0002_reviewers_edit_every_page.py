"""Validateurs edit and publish every page from the home page (the legal pages, the
accessibility statement among them). Its `setup_editorial` run is now 0003's (see 0001)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_roles_and_workflow"),
        ("pages", "0006_site_document"),
        ("news", "0008_site_document"),
        ("partners", "0005_site_document"),
    ]
    operations = []
