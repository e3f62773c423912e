from django.core.management.base import BaseCommand

from core.mailings import resume_stalled_mailings


class Command(BaseCommand):
    help = (
        "Queue again every mailing that is sending but that no worker is sending (its "
        "worker was killed, or retries were due while the queue could not wait). Safe to "
        "run at any time: a mailing a worker holds is left alone, and nobody gets an email "
        "twice."
    )

    def handle(self, *args, **options):
        count = resume_stalled_mailings()
        self.stdout.write(f"Queued {count} mailings.")
