"""Rules that write several rows of a prisoner's profile."""

from django.db import transaction

from prisoners.models import Charge, Detention


def replace_charges(*, detention: Detention, charges: list[Charge]) -> list[Charge]:
    """Make the unsaved ``charges`` the detention's charges, in place of those it had."""
    with transaction.atomic():
        detention.charges.all().delete()
        for charge in charges:
            charge.detention = detention
        return Charge.objects.bulk_create(charges)
