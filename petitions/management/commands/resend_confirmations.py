from django.core.management.base import BaseCommand
from django.utils import timezone

from petitions.models import Signature
from petitions.services import MAX_EMAILS_PER_SIGNATURE, resend_confirmations


class Command(BaseCommand):
    help = (
        "Queue a fresh confirmation email to every signature still pending (for example "
        f"after the mail server was down), at most {MAX_EMAILS_PER_SIGNATURE} emails each."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than-minutes",
            type=int,
            default=15,
            help="Only signatures made at least this long ago (default 15).",
        )
        parser.add_argument("--petition", help="Only this petition (its slug).")

    def handle(self, *args, older_than_minutes, petition=None, **options):
        cutoff = timezone.now() - timezone.timedelta(minutes=older_than_minutes)
        signatures = Signature.objects.filter(created_at__lte=cutoff)
        if petition:
            signatures = signatures.filter(petition__slug=petition)
        sent = resend_confirmations(signatures=signatures)
        self.stdout.write(f"Queued {sent} confirmation emails.")
