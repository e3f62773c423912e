"""Who a mailing about a case can go to (declared on ``PrisonersConfig``, sent by
``core.mailings``).

- ``prisoners.followers``: the confirmed followers of one case (``scope_id``: the profile
  its versions share, see ``services.followed_case``), in the language they followed in.
"""

from collections.abc import Iterator

from django.utils.translation import gettext

from core.mailings import Recipient
from prisoners.models import Follower, Prisoner

CHUNK = 2000


def case_followers(*, scope_id: int | None) -> Iterator[Recipient]:
    rows = (
        Follower.objects.confirmed()
        .filter(prisoner_id=scope_id)
        .exclude(email="")
        .order_by("pk")
        .values_list("email", "language")
    )
    for email, language in rows.iterator(chunk_size=CHUNK):
        yield Recipient(email=email, language=language)


def audience_choices() -> Iterator[tuple[str, int | None, str]]:
    """What moderators can choose in the admin: the followers of one case."""
    originals = Prisoner.objects.filter(translation_of__isnull=True).order_by("name")
    for pk, name in originals.values_list("pk", "name"):
        yield (
            "prisoners.followers",
            pk,
            gettext("Followers of the case of %(name)s") % {"name": name},
        )
