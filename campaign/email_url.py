"""EMAIL_URL → one entry of Django 6.1's MAILERS setting.

django-environ's email_url predates MAILERS and loses the leading slash of filemail paths,
so the few schemes we document are read here.
"""

from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtps": "django.core.mail.backends.smtp.EmailBackend",
    "consolemail": "campaign.console_email.EmailBackend",
    "filemail": "django.core.mail.backends.filebased.EmailBackend",
    "memorymail": "django.core.mail.backends.locmem.EmailBackend",
    "dummymail": "django.core.mail.backends.dummy.EmailBackend",
}
TRUE_VALUES = {"1", "true", "yes", "on"}


def mailer_from_url(url: str, *, timeout: int = 10) -> dict:
    parts = urlsplit(url)
    backend = BACKENDS.get(parts.scheme)
    if backend is None:
        raise ImproperlyConfigured(
            f"EMAIL_URL scheme {parts.scheme!r} is not one of: {', '.join(sorted(BACKENDS))}."
        )
    options = {}
    if parts.scheme in {"smtp", "smtps"}:
        query = {key: values[-1].lower() for key, values in parse_qs(parts.query).items()}
        use_ssl = parts.scheme == "smtps" or query.get("ssl") in TRUE_VALUES
        options = {
            "host": parts.hostname or "localhost",
            "port": parts.port or (465 if use_ssl else 25),
            "username": unquote(parts.username) if parts.username else None,
            "password": unquote(parts.password) if parts.password else None,
            "use_ssl": use_ssl,
            "use_tls": not use_ssl and query.get("tls") in TRUE_VALUES,
            "timeout": timeout,
        }
    elif parts.scheme == "filemail":
        options = {"file_path": unquote(parts.path)}
    return {"BACKEND": backend, "OPTIONS": options}
