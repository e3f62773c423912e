import pytest
from django.core.exceptions import ImproperlyConfigured

from campaign.email_url import mailer_from_url


def test_console_is_the_development_default():
    assert mailer_from_url("consolemail://") == {
        "BACKEND": "campaign.console_email.EmailBackend",
        "OPTIONS": {},
    }


def test_smtp_with_starttls_and_credentials():
    mailer = mailer_from_url("smtp://user%40example.org:p%40ss@mail.example.org:587/?tls=True")

    assert mailer["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert mailer["OPTIONS"] == {
        "host": "mail.example.org",
        "port": 587,
        "username": "user@example.org",
        "password": "p@ss",
        "use_ssl": False,
        "use_tls": True,
        "timeout": 10,
    }


def test_smtps_means_implicit_tls_on_port_465():
    options = mailer_from_url("smtps://u:p@mail.example.org")["OPTIONS"]

    assert (options["port"], options["use_ssl"], options["use_tls"]) == (465, True, False)


def test_filemail_keeps_the_absolute_folder():
    assert mailer_from_url("filemail:///var/mail/campaign")["OPTIONS"] == {
        "file_path": "/var/mail/campaign"
    }


def test_unknown_scheme_is_refused_with_the_accepted_ones_named():
    with pytest.raises(ImproperlyConfigured, match="smtp"):
        mailer_from_url("gopher://mail.example.org")
