"""Every environment variable the site reads is documented in .env.example and README.md."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Where the site reads its environment: django-environ in settings, os.environ elsewhere
# (gunicorn.conf.py, the make-run admin command). tests/ and bench/ have their own variables.
APPS = ["campaign", "core", "prisoners", "articles", "media_embeds", "petitions"]
SOURCES = [
    ROOT / "gunicorn.conf.py",
    *(path for app in APPS for path in (ROOT / app).rglob("*.py")),
]
READS = re.compile(
    r"""(?: \benv(?:\.\w+)?\( | \bos\.environ\.get\( | \bos\.environ\[ | \bos\.getenv\( )
        \s* ["']([A-Z][A-Z0-9_]*)["']""",
    re.VERBOSE,
)


def variables_read():
    return {name for path in SOURCES for name in READS.findall(path.read_text())}


def env_example_names():
    text = (ROOT / ".env.example").read_text()
    return set(re.findall(r"^#? ?([A-Z][A-Z0-9_]*)=", text, flags=re.MULTILINE))


def readme_table_names():
    """Names in the first column of README's tables (`A`, `B` rows count for each)."""
    rows = (line for line in (ROOT / "README.md").read_text().splitlines() if line.startswith("|"))
    return {name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]*)`", row.split("|")[1])}


def test_the_parser_finds_reads_through_django_environ_and_os_environ():
    names = variables_read()

    assert {"DATABASE_URL", "ALLOWED_HOSTS", "SECURE_HSTS_SECONDS"} <= names  # env.<type>(…)
    assert {"PORT", "FORWARDED_ALLOW_IPS"} <= names  # gunicorn.conf.py, both quote styles
    assert "ADMIN_PASSWORD" in names  # a management command


def test_every_environment_variable_is_in_env_example():
    missing = sorted(variables_read() - env_example_names())

    assert not missing, f"Read from the environment but missing from .env.example: {missing}"


def test_every_environment_variable_is_in_the_readme_settings_table():
    missing = sorted(variables_read() - readme_table_names())

    assert not missing, f"Read from the environment but missing from README.md's table: {missing}"
