import re

from django.core import mail

LINK = re.compile(r"http://testserver(/petitions/[^\s\"<]+/confirm/[A-Za-z0-9_-]+/)")
WITHDRAW = re.compile(r"http://testserver(/petitions/[^\s\"<]+/withdraw/[A-Za-z0-9_-]+/)")

# The production task queue (TASKS_BACKEND=database): tasks wait in DBTaskResult rows.
DATABASE_TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "confirmations"],
    }
}


def form_data(**overrides):
    data = {
        "name": "Anna Karenina",
        "email": "anna@example.org",
        "country": "GB",
        "city": "London",
        "comment": "",
        "consent_wording": "2026-11",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def confirm_path(message=None) -> str:
    message = message or mail.outbox[-1]
    return LINK.search(message.body)[1]


def withdraw_path(message=None) -> str:
    message = message or mail.outbox[-1]
    return WITHDRAW.search(message.body)[1]


def token_of(path: str) -> str:
    """The token in a confirm or withdraw link."""
    return path.rstrip("/").rsplit("/", 1)[-1]


# The closed petition's page says so at the top; the confirm page's refusal begins the same.
CLOSED_MESSAGE = "This petition is closed"
PAUSED_MESSAGE = "Signing is paused for a short while."


def sign(client, petition, ip="127.0.0.1", **overrides):
    return client.post(f"/petitions/{petition.slug}/sign/", form_data(**overrides), REMOTE_ADDR=ip)


def same_response(first, second):
    assert first.status_code == second.status_code
    assert first.content == second.content
    assert dict(first.items()) == dict(second.items())
    assert cookies_without_clock(first) == cookies_without_clock(second)


def cookies_without_clock(response):
    """The cookies as sent, but for their expiry date, which moves with the clock alone."""
    return re.sub(r"expires=[^;]+; ", "", response.cookies.output())


def record_database_errors(errors):
    """An execute wrapper keeping every error the database raises (a unique violation is
    logged by PostgreSQL with the whole statement, name and address included)."""

    def wrapper(execute, sql, params, many, context):
        try:
            return execute(sql, params, many, context)
        except Exception as error:
            errors.append(error)
            raise

    return wrapper
