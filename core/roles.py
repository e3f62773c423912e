"""The Editors and Moderators groups, kept in step with what each app declares
(``core.registry.role_permissions``) after every ``migrate``.

Permissions are only added, never taken away: a right an administrator gave a group by hand
stays. Django creates permissions in its own post_migrate handler, one app at a time, so
this one creates them all first (``create_permissions`` is idempotent)."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db.models import Q

from core.registry import role_permissions


def sync_roles(sender, *, using, apps=global_apps, **kwargs) -> None:
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, apps=apps, using=using)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, rights in role_permissions().items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.using(using).filter(
                _any_of(rights), content_type__app_label__in={label for label, _ in rights}
            )
        )


def _any_of(rights):
    query = Q(pk__in=[])
    for app_label, codename in rights:
        query |= Q(content_type__app_label=app_label, codename=codename)
    return query
