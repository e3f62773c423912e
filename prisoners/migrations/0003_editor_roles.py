"""Once created the Editors and Moderators groups; they are now kept in step with what
each app declares after every migrate (core.roles), so this step does nothing any more.
It stays so that databases migrated before the prisoner models moved here keep their
history."""

from django.db import migrations


class Migration(migrations.Migration):
    replaces = [("campaign", "0003_editor_roles")]

    dependencies = [("prisoners", "0002_prisoner_profiles")]

    operations = []
