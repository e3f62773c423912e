"""Petition texts typed as plain text with blank lines become HTML paragraphs, once."""

from django.db import migrations

from core.html import paragraphs_migration


class Migration(migrations.Migration):
    dependencies = [
        ('petitions', '0011_letter_greeting_is_the_editors'),
    ]

    operations = [paragraphs_migration("petitions", "Petition", "body")]
