"""Article texts typed as plain text with blank lines become HTML paragraphs, once: the
rich-text editor and the page would otherwise show them as one block."""

from django.db import migrations

from core.html import paragraphs_from_plain_text


def convert_plain_text(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    for pk, text in Article.objects.exclude(body="").values_list("pk", "body").iterator():
        converted = paragraphs_from_plain_text(text)
        if converted != text:
            Article.objects.filter(pk=pk).update(body=converted)


class Migration(migrations.Migration):
    dependencies = [
        ('articles', '0005_content_model'),
    ]

    operations = [migrations.RunPython(convert_plain_text, migrations.RunPython.noop)]
