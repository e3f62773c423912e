from django.db import migrations

# Signers' names and email addresses are for Moderators only. core/roles.py only ever adds
# permissions to a role, so the Editors group of an existing database keeps what it was
# given before unless it is taken away here.
MODERATORS_ONLY = ["view_signature", "export_signatures"]


def editors_no_longer_see_signatures(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name="Editors").first()
    if editors is not None:
        editors.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="petitions", codename__in=MODERATORS_ONLY
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("petitions", "0005_signature_history_without_names"),
    ]

    operations = [
        migrations.RunPython(editors_no_longer_see_signatures, migrations.RunPython.noop)
    ]
