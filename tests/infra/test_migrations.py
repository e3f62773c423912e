"""Databases made before the prisoner profiles moved out of the project package into their
own app keep every row: a dump taken at that migration head (data/, made with the code of
commit bf48363 and filled with a profile and everything linked to it) is migrated by today's
code, and the profile, its history and the editors' rights on it are all there."""

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from psycopg import sql

from tests.conftest import CI_REQUIRES_EVERYTHING

pytestmark = pytest.mark.slow

DUMP = Path(__file__).parent / "data" / "database_at_2026_12_01_head.sql"
ROOT = Path(settings.BASE_DIR)


@pytest.fixture
def database_at_old_head(postgres):
    psql = shutil.which("psql")
    if psql is None:
        message = "the migration test needs psql on PATH (apt install postgresql-client)"
        if CI_REQUIRES_EVERYTHING:
            pytest.fail(message)
        pytest.skip(message)
    db = connection.settings_dict
    name = f"{db['NAME']}_old_head_{uuid.uuid4().hex[:8]}"
    server = {
        "host": db["HOST"] or "127.0.0.1",
        "port": str(db["PORT"] or 5432),
        "user": db["USER"],
        "password": db["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    environment = {**os.environ, "PGPASSWORD": server["password"] or ""}
    where = ["-h", server["host"], "-p", server["port"], "-U", server["user"], "-d", name]
    subprocess.run(
        [psql, "-q", "-v", "ON_ERROR_STOP=1", *where, "-f", str(DUMP)],
        check=True,
        env=environment,
        capture_output=True,
    )
    yield name, server
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


def run_in(name: str, server: dict, code: str) -> str:
    user = server["user"] + (f":{server['password']}" if server["password"] else "")
    environment = {
        **os.environ,
        "DATABASE_URL": f"postgres://{user}@{server['host']}:{server['port']}/{name}",
        "SECRET_KEY": "tests-only-not-a-secret",
        "LOG_LEVEL": "WARNING",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", *code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


CHECK = """
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from prisoners.models import Charge, Prisoner

rosa = Prisoner.objects.get(slug="rosa-example")
detention = rosa.detentions.get()
event = rosa.timeline_events.get()
print("detention", detention.place, detention.detained_on)
print("charge", Charge.objects.get(detention=detention).label)
print("event", event.description, event.article.slug)
print("article", [a.slug for a in rosa.articles.all()])
print("video", [v.slug for v in rosa.videos.all()])
print("petition", [p.slug for p in rosa.petitions.all()])
print("translation", [t.slug for t in rosa.translations.all()])
print("history", sorted(str(e.get_edited_object()) for e in LogEntry.objects.all()))
editor = User.objects.get(username="editor")
rights = ("prisoners.change_prisoner", "prisoners.add_charge")
print("rights", *(editor.has_perm(right) for right in rights))
"""


@pytest.mark.django_db(transaction=True)
def test_a_database_at_the_old_head_keeps_every_prisoner_row(database_at_old_head):
    name, server = database_at_old_head

    run_in(name, server, ["migrate", "--noinput", "-v0"])
    report = run_in(name, server, ["shell", "-v0", "-c", CHECK])

    assert "detention Colony 1 2012-01-05" in report
    assert "charge Article 164 part 1" in report
    assert "event Sentenced rosa-in-court" in report
    assert "article ['rosa-in-court']" in report
    assert "video ['rosa-video']" in report
    assert "petition ['free-rosa']" in report
    assert "translation ['roza-primer']" in report
    assert "history ['Rosa Example', 'Rosa Example, detained 2012-01-05']" in report
    assert "rights True True" in report
    assert "[ ]" not in run_in(name, server, ["showmigrations", "prisoners"])
