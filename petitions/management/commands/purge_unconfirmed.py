from django.core.management.base import BaseCommand, CommandError

from petitions.retention import purge_unconfirmed


class Command(BaseCommand):
    help = (
        "Delete signatures never confirmed (pending, held or invalidated) that are more than "
        "--days days old. They were never counted, so counts do not change."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, required=True)

    def handle(self, *args, days, **options):
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        count = purge_unconfirmed(days=days)
        self.stdout.write(f"Deleted {count} unconfirmed signatures.")
