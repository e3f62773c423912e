"""`make run` prints emails to the console (EMAIL_URL=consolemail://): a newcomer signs a
petition and confirms with the link they read there."""

import io
import re

import pytest

from campaign.console_email import EmailBackend
from tests.factories import make_petition
from tests.petitions.helpers import form_data

pytestmark = pytest.mark.django_db


def test_a_newcomer_reads_the_confirmation_email_in_the_console_and_copies_its_link(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    console = io.StringIO()
    petition = make_petition(title="Свободу Вадиму Курамшину", slug="free-vadim")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/ru/petitions/{petition.slug}/sign/",
            form_data(name="Анна Каренина"),
            REMOTE_ADDR="10.0.0.1",
        )

    # The email the site sent, as consolemail:// prints it.
    EmailBackend(stream=console).send_messages(mailoutbox)
    printed = console.getvalue()
    assert "Content-Transfer-Encoding: base64" not in printed
    assert "Content-Transfer-Encoding: quoted-printable" not in printed
    assert "Subject: " in printed and "Свободу Вадиму Курамшину" in printed
    links = re.findall(r"^\S*(http://\S+/confirm/\S+/)$", printed, re.MULTILINE)
    assert links, printed
    assert links[0] == re.search(r"http://\S+/confirm/\S+/", mailoutbox[0].body)[0]
