"""Queries per request for each benchmarked page, first visit (page cache off) and repeat
visit (page cache on), printed as JSON. Run by bench/run.py with the benchmark's settings."""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "campaign.settings")


def main(paths: list[str]) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    def count(path: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = Client().get(path, HTTP_HOST="127.0.0.1")
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        return len(captured.captured_queries)

    seconds = settings.PAGE_CACHE_SECONDS
    settings.PAGE_CACHE_SECONDS = 0
    first = {path: count(path) for path in paths}
    settings.PAGE_CACHE_SECONDS = seconds
    for path in paths:
        count(path)
    repeat = {path: count(path) for path in paths}
    print(json.dumps({"first": first, "repeat": repeat}))


if __name__ == "__main__":
    main(sys.argv[1:])
