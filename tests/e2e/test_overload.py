"""A signer turned away by a surge (503) gets their form back, and it goes through by itself."""

import time

from django.core import mail
from playwright.sync_api import expect

from petitions.models import Signature
from tests.factories import make_petition


def test_a_shed_signature_is_sent_again_by_itself_and_goes_through(page, settings):
    settings.SIGNATURE_RATE_LIMIT = None
    # Behind a trusted proxy that stamps requests; a short Retry-After keeps the test quick.
    settings.TRUSTED_PROXY_COUNT = 1
    settings.REQUEST_QUEUE_TIMEOUT_MS = 2000
    settings.REQUEST_QUEUE_RETRY_AFTER = 1
    petition = make_petition(title="Free Vadim Kuramshin")
    sign_posts = []

    def proxy(route):
        # The first sign POST looks as if it waited 5 s behind the load balancer.
        sign_posts.append(route.request.method)
        headers = dict(route.request.headers)
        if len(sign_posts) == 1:
            headers["x-request-start"] = f"t={int((time.time() - 5) * 1000)}"
        route.continue_(headers=headers)

    page.route("**/sign/", proxy)
    page.goto(petition.get_absolute_url())
    page.get_by_label("Full name").fill("Anna Karenina")
    page.get_by_role("textbox", name="Email").fill("anna@example.org")
    page.locator("#id_country").select_option("GB")
    page.get_by_role("button", name="Sign the petition").click()

    expect(page.get_by_role("heading", name="Your signature has not been sent yet")).to_be_visible()
    expect(page.get_by_label("Full name")).to_have_value("Anna Karenina")
    expect(page.get_by_text("We will send it again by ourselves")).to_be_visible()
    expect(page.get_by_text("again in 1 second")).to_be_hidden()
    assert not Signature.objects.exists()

    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    assert sign_posts == ["POST", "POST"]
    signature = Signature.objects.get()
    assert (signature.name, signature.email) == ("Anna Karenina", "anna@example.org")
    assert len(mail.outbox) == 1
