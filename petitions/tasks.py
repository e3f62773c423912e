"""Background jobs: the emails a signer receives.

They run on the ``confirmations`` queue so a bulk mailing on ``default`` never delays them.
The task gets the raw token as an argument because only its hash is stored.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from petitions.models import Signature

SUBJECTS = {
    "confirm": _("Please confirm your signature: %(title)s"),
    "already_signed": _("You have already signed: %(title)s"),
}


@task(queue_name="confirmations")
def send_signature_email(*, signature_id: int, kind: str, token: str) -> None:
    signature = Signature.objects.select_related("petition").filter(pk=signature_id).first()
    if signature is None or not signature.email:
        # Withdrawn or anonymised before the worker got to it: nobody to write to.
        return
    # The email, and the links in it, are in the language the signer signed in.
    with translation.override(signature.language):
        _send(signature, kind, token)


def _send(signature: Signature, kind: str, token: str) -> None:
    petition = signature.petition.in_language(signature.language)
    slug = signature.petition.slug
    context = {
        "signature": signature,
        "petition": petition,
        "kind": kind,
        "confirm_url": settings.SITE_URL
        + reverse("petitions:confirm", kwargs={"slug": slug, "token": token}),
        "withdraw_url": settings.SITE_URL
        + reverse("petitions:withdraw", kwargs={"slug": slug, "token": token}),
        "petition_url": settings.SITE_URL + petition.get_absolute_url(),
        "site_name": settings.SITE_NAME,
    }
    message = EmailMultiAlternatives(
        subject=str(SUBJECTS[kind]) % {"title": petition.title},
        body=render_to_string(f"petitions/email/{kind}.txt", context),
        to=[signature.email],
    )
    message.attach_alternative(
        render_to_string(f"petitions/email/{kind}.html", context), "text/html"
    )
    message.send()
