"""Article texts typed as plain text with blank lines become HTML paragraphs, once."""

from django.db import migrations

from core.html import paragraphs_migration


class Migration(migrations.Migration):
    dependencies = [
        ('articles', '0005_content_model'),
    ]

    operations = [paragraphs_migration("articles", "Article", "body")]
