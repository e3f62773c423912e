"""Who a mailing about petitions can go to (declared on ``PetitionsConfig``, sent by
``core.mailings``).

- ``petitions.signers``: the confirmed signers of one petition (``scope_id``, in any of its
  languages), for updates about that petition, which signing leads people to expect;
- ``petitions.news``: everyone who ticked "email me campaign news" on a confirmed
  signature, once per mailbox, in the language they signed in last.
"""

from collections.abc import Iterator

from django.utils.translation import gettext

from core.mailings import Recipient
from petitions.models import Petition, Signature

SIGNERS_AUDIENCE = "petitions.signers"
NEWS_AUDIENCE = "petitions.news"
CHUNK = 2000


def confirmed_signers(*, scope_id: int | None) -> Iterator[Recipient]:
    petition = Petition.objects.filter(pk=scope_id).only("translation_of").first()
    if petition is None:
        return
    rows = (
        Signature.objects.confirmed()
        .filter(petition_id=petition.counted_petition_id)
        .exclude(email="")
        .order_by("pk")
        .values_list("email", "language", "name")
    )
    for email, language, name in rows.iterator(chunk_size=CHUNK):
        yield Recipient(email=email, language=language, name=name)


def news_subscribers(*, scope_id: int | None = None) -> Iterator[Recipient]:
    rows = (
        Signature.objects.confirmed()
        .filter(contact_consent=True)
        .exclude(email="")
        .order_by("email_normalised", "-created_at", "-pk")
        .values_list("email_normalised", "email", "language", "name")
    )
    previous = None
    for normalised, email, language, name in rows.iterator(chunk_size=CHUNK):
        if normalised != previous:
            yield Recipient(email=email, language=language, name=name)
        previous = normalised


def audience_choices() -> Iterator[tuple[str, int | None, str]]:
    """What moderators can choose in the admin: campaign news, or one petition's signers."""
    yield NEWS_AUDIENCE, None, gettext("Everyone who agreed to campaign news")
    originals = Petition.objects.filter(translation_of__isnull=True).order_by("-pk")
    for pk, title in originals.values_list("pk", "title"):
        yield (
            SIGNERS_AUDIENCE,
            pk,
            gettext("Confirmed signers of “%(title)s” (updates about it)") % {"title": title},
        )
