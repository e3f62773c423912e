"""Retention: how long signers' data is kept, and the count kept true to the rows.

Each rule is one statement or one transaction per petition, so an interrupted run leaves
nothing half done; the management commands of the same names run them.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from core.page_cache import bump_content_version
from petitions.models import SLOT_COUNT, Petition, Signature, SignatureCountSlot


def anonymise_signatures(*, days: int) -> int:
    """Blank the personal data of signatures on petitions closed more than ``days`` ago.

    Rows stay (with their state and country), so counts and country statistics stay right;
    a message on the solidarity wall goes with the comment.
    """
    cutoff = timezone.now() - timezone.timedelta(days=days)
    petitions = Petition.objects.closed_before(cutoff)
    anonymised = Signature.objects.filter(
        petition__in=petitions, anonymised_at__isnull=True
    ).update(
        name="",
        email="",
        email_normalised="",
        city="",
        comment="",
        publish_comment=False,
        comment_review=Signature.CommentReview.PENDING,
        comment_reviewed_at=None,
        comment_reviewed_by=None,
        ip_hash="",
        token_hash=None,
        show_name=False,
        anonymised_at=timezone.now(),
    )
    if anonymised:
        # Cached pages may still show their names and messages.
        bump_content_version()
    return anonymised


def purge_unconfirmed(*, days: int) -> int:
    """Delete signatures never confirmed (pending, held or invalidated) after ``days`` days.

    None of them is counted, so the counts do not change.
    """
    cutoff = timezone.now() - timezone.timedelta(days=days)
    deleted, _ = Signature.objects.unconfirmed().filter(created_at__lt=cutoff).delete()
    return deleted


@dataclass(frozen=True)
class Recount:
    petition: Petition
    stored: int
    actual: int

    @property
    def differs(self) -> bool:
        return self.stored != self.actual


def recount_signatures(*, repair: bool = True) -> list[Recount]:
    """Compare each petition's slots with its confirmed rows; repair differences.

    Locking the slot rows first means a confirmation racing with the repair waits, then adds
    its one on top of the corrected total.
    """
    results = []
    for petition in Petition.objects.order_by("pk").iterator():
        with transaction.atomic():
            slots = list(SignatureCountSlot.objects.select_for_update().filter(petition=petition))
            stored = sum(slot.count for slot in slots)
            actual = Signature.objects.confirmed().filter(petition=petition).count()
            result = Recount(petition=petition, stored=stored, actual=actual)
            if result.differs and repair:
                SignatureCountSlot.objects.filter(petition=petition).delete()
                SignatureCountSlot.objects.bulk_create(
                    SignatureCountSlot(
                        petition=petition, slot=slot, count=actual if slot == 0 else 0
                    )
                    for slot in range(SLOT_COUNT)
                )
            results.append(result)
    return results
