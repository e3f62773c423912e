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
