from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "core"

    def ready(self):
        from core import page_cache, roles

        page_cache.connect_signals()
        # Once per migrate, after every app's migrations (sender: this config only).
        post_migrate.connect(roles.sync_roles, sender=self, dispatch_uid="core_sync_roles")
