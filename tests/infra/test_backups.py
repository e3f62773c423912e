"""The backup commands README gives: a dump restored into an empty database has every
signature."""

import os
import shutil
import subprocess
import uuid

import psycopg
import pytest
from django.db import connection
from psycopg import sql

from petitions.models import Signature
from tests.conftest import CI_REQUIRES_EVERYTHING
from tests.factories import make_petition, make_signature


@pytest.fixture
def pg_tools(postgres):
    tools = {name: shutil.which(name) for name in ("pg_dump", "pg_restore")}
    missing = [name for name, path in tools.items() if path is None]
    if missing:
        message = (
            f"backup test needs {' and '.join(missing)} on PATH (apt install postgresql-client)"
        )
        if CI_REQUIRES_EVERYTHING:
            pytest.fail(message)
        pytest.skip(message)
    return tools


@pytest.fixture
def empty_database(pg_tools):
    db = connection.settings_dict
    name = f"{db['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    server = {
        "host": db["HOST"] or "127.0.0.1",
        "port": db["PORT"] or 5432,
        "user": db["USER"],
        "password": db["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield name, server
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.mark.django_db(transaction=True)
def test_a_dump_restored_into_an_empty_database_has_every_signature(
    pg_tools, empty_database, tmp_path
):
    petition = make_petition()
    for _ in range(5):
        make_signature(petition=petition)
    make_signature(petition=petition, state=Signature.State.PENDING, token_hash="f" * 64)
    expected = set(Signature.objects.values_list("email", "state"))
    restored, server = empty_database
    db = connection.settings_dict
    client = ["-h", str(server["host"]), "-p", str(server["port"]), "-U", server["user"]]
    env = {**os.environ, "PGPASSWORD": server["password"] or ""}
    dump = tmp_path / "campaign.dump"

    subprocess.run(
        [pg_tools["pg_dump"], "-Fc", *client, "-f", str(dump), db["NAME"]],
        env=env,
        check=True,
        timeout=120,
    )
    subprocess.run(
        [pg_tools["pg_restore"], "--no-owner", "--exit-on-error", *client, "-d", restored, dump],
        env=env,
        check=True,
        timeout=120,
    )

    with psycopg.connect(dbname=restored, **server) as copy:
        rows = copy.execute(
            sql.SQL("SELECT email, state FROM {}").format(sql.Identifier(Signature._meta.db_table))
        ).fetchall()
    assert set(rows) == expected
    assert len(rows) == 6
