"""Publishing content: the one way, for every content type, whether an editor uses a list
action or a script publishes in bulk."""

from django.db import models, transaction
from django.utils import timezone

from core.models import Publication
from core.signals import publication_changed


def _set_publication(queryset, publication: str) -> int:
    model = queryset.model
    # The primary keys first: an admin list's queryset may carry annotations and prefetches
    # an update() has no use for.
    pks = list(queryset.values_list("pk", flat=True))
    if not pks:
        return 0
    now = timezone.now()
    rows = model._base_manager.filter(pk__in=pks)
    # Fields saved with auto_now (an article's "updated") are not set by update() itself.
    touched = {
        field.name: now
        for field in model._meta.concrete_fields
        if isinstance(field, models.DateTimeField) and field.auto_now
    }
    with transaction.atomic():
        if publication == Publication.PUBLISHED:
            rows.filter(published_at__isnull=True).update(published_at=now)
        changed = rows.update(publication=publication, **touched)
    publication_changed.send(sender=model, pks=pks, publication=publication)
    return changed


def publish(*, queryset) -> int:
    """Publish these items now; those given a future date stay scheduled for it. Returns
    how many were changed."""
    return _set_publication(queryset, Publication.PUBLISHED)


def unpublish(*, queryset) -> int:
    """Move these items back to draft: hidden from every public page, their date kept."""
    return _set_publication(queryset, Publication.DRAFT)
