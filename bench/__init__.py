"""The load benchmark: see bench/README.md."""

import os

import django
from django.apps import apps

# `python -m bench.data` imports the site's models at the top of its module, so the apps
# are loaded here first (under pytest they already are).
if not apps.ready:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "campaign.settings")
    django.setup()
