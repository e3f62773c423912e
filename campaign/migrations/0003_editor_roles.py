"""The Editors and Moderators groups.

Django creates permissions in a post_migrate signal, after every migration has run, so on a
fresh database they do not exist yet when this migration runs: it creates them first with
``create_permissions`` (idempotent, the same function the signal calls). The dependencies
name the latest migration of every app whose models the groups get rights on, so the
historical models (and their custom permissions) are all there.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT = {
    "articles": ["article", "category"],
    "media_embeds": ["video"],
    "campaign": ["prisoner", "detention", "charge", "timelineevent"],
    "petitions": ["petition", "embassy"],
}
CRUD = ["add", "change", "delete", "view"]

EDITORS = [
    *[(app, f"{action}_{model}") for app, models in CONTENT.items() for model in models for action in CRUD],
    ("petitions", "view_signature"),
    ("petitions", "export_signatures"),
    ("petitions", "view_petitionsettings"),
]
# Moderators decide who may sign: held and offensive signatures, blocked domains and the
# kill switch that stops every petition at once.
MODERATORS = [
    *EDITORS,
    ("petitions", "moderate_signature"),
    *[("petitions", f"{action}_blockedemaildomain") for action in CRUD],
    ("petitions", "add_petitionsettings"),
    ("petitions", "change_petitionsettings"),
]
ROLES = {"Editors": EDITORS, "Moderators": MODERATORS}


def create_roles(apps, schema_editor):
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, apps=apps, using=schema_editor.connection.alias)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, rights in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in rights:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("campaign", "0002_prisoner_profiles"),
        ("articles", "0002_article_content_search"),
        ("media_embeds", "0002_video_details"),
        ("petitions", "0003_blocked_domains_and_moderation_permissions"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
