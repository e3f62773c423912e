from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from core.registry import crud


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Mailings")
    # Editors see what each mailing achieved; only Moderators, who see signers' addresses,
    # write to them.
    editor_permissions = ["view_mailing"]
    moderator_permissions = [*crud("mailing", "mailingmessage"), "send_mailing"]

    def ready(self):
        # mailing_admin registers itself here rather than from core.admin, whose bases it
        # builds on: importing it from there would make the two modules import each other.
        from core import mailing_admin, page_cache, roles  # noqa: F401

        page_cache.connect_signals()
        # Once per migrate, after every app's migrations (sender: this config only).
        post_migrate.connect(roles.sync_roles, sender=self, dispatch_uid="core_sync_roles")
