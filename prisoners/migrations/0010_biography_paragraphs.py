"""Prisoner texts typed as plain text with blank lines become HTML paragraphs, once."""

from django.db import migrations

from core.html import paragraphs_migration


class Migration(migrations.Migration):
    dependencies = [
        ('prisoners', '0009_stored_search_document'),
    ]

    operations = [paragraphs_migration("prisoners", "Prisoner", "biography")]
