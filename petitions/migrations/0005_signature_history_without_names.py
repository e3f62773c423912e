from django.db import migrations
from django.db.models import F, TextField, Value
from django.db.models.functions import Concat


def forget_signer_names(apps, schema_editor):
    """The admin's history named each signature by its signer, and anonymising never reached
    it: name those entries by the signature's number instead."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    LogEntry = apps.get_model("admin", "LogEntry")
    content_type = ContentType.objects.filter(app_label="petitions", model="signature").first()
    if content_type is not None:
        LogEntry.objects.filter(content_type=content_type).update(
            object_repr=Concat(Value("Signature "), F("object_id"), output_field=TextField())
        )


class Migration(migrations.Migration):
    dependencies = [
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("petitions", "0004_merge_content_language_and_blocked_domains"),
    ]

    operations = [migrations.RunPython(forget_signer_names, migrations.RunPython.noop)]
