"""Prisoner texts typed as plain text with blank lines become HTML paragraphs, once: the
rich-text editor and the page would otherwise show them as one block."""

from django.db import migrations

from core.html import paragraphs_from_plain_text


def convert_plain_text(apps, schema_editor):
    Prisoner = apps.get_model("prisoners", "Prisoner")
    for pk, text in Prisoner.objects.exclude(biography="").values_list("pk", "biography").iterator():
        converted = paragraphs_from_plain_text(text)
        if converted != text:
            Prisoner.objects.filter(pk=pk).update(biography=converted)


class Migration(migrations.Migration):
    dependencies = [
        ('prisoners', '0009_stored_search_document'),
    ]

    operations = [migrations.RunPython(convert_plain_text, migrations.RunPython.noop)]
