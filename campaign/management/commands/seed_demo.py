from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Load demo content drawn from the original campaign site. Idempotent: running it "
        "again creates no duplicates. Each app contributes through a `seed()` in its demo.py."
    )

    def handle(self, *args, **options):
        for app_config in apps.get_app_configs():
            module_name = f"{app_config.name}.demo"
            if find_spec(module_name) is None:
                continue
            with transaction.atomic():
                import_module(module_name).seed()
            self.stdout.write(f"Demo content ready: {app_config.verbose_name}")
