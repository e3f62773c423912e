"""Background jobs: the emails someone who follows a case receives on asking.

On the ``confirmations`` queue, as signers' emails, so a bulk mailing never delays them. A
task gets the follower's id and the seed of their link token, never the address or the
token; a mail server's refusal is logged by its reply code only (its words may quote the
address). The news itself goes out as mailings (``core.mailings``).
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.emails import smtp_reply_code
from core.languages import site_name
from prisoners.models import FOLLOWER_TOKENS, Follower

logger = logging.getLogger(__name__)

SUBJECTS = {
    "confirm": _("Please confirm: updates on the case of %(name)s"),
    "already_following": _("You already follow the case of %(name)s"),
}


@task(queue_name="confirmations")
def send_follow_email(*, follower_id: int, kind: str, seed: str) -> None:
    follower = Follower.objects.select_related("prisoner").filter(pk=follower_id).first()
    if follower is None or not follower.email:
        return
    token = FOLLOWER_TOKENS.current(seed=seed, token_hash=follower.token_hash)
    if token is None:
        # A newer link went out since, or there was nothing to send.
        return
    with translation.override(follower.language):
        prisoner = follower.prisoner.in_language(follower.language)
        context = {
            "prisoner": prisoner,
            "confirm_url": settings.SITE_URL
            + reverse(
                "prisoners:follow_confirm",
                kwargs={"slug": follower.prisoner.slug, "token": token},
            ),
            "profile_url": settings.SITE_URL + prisoner.get_absolute_url(),
            "site_name": site_name(),
        }
        message = EmailMessage(
            subject=str(SUBJECTS[kind]) % {"name": prisoner.name},
            body=render_to_string(f"prisoners/email/{kind}.txt", context),
            to=[follower.email],
        )
        try:
            message.send()
        except OSError as error:
            logger.warning(
                "Could not send the %s email of follower %s (SMTP reply %s)",
                kind,
                follower_id,
                smtp_reply_code(error) or "none",
            )
