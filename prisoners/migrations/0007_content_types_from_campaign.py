"""Profiles moved from the project package (app label "campaign") to this app. Their admin
history, and the permissions the Editors and Moderators groups hold on them, point at the
content types of the old label: renaming those content types keeps both. A fresh database
has none to rename."""

from django.db import migrations

MODELS = ["prisoner", "detention", "charge", "timelineevent"]


def rename_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not ContentType.objects.filter(app_label="prisoners", model=model).exists():
            ContentType.objects.filter(app_label="campaign", model=model).update(
                app_label="prisoners"
            )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("prisoners", "0006_photo_alt_help_says_required"),
    ]

    operations = [migrations.RunPython(rename_content_types, migrations.RunPython.noop)]
