from django.core.management.base import BaseCommand, CommandError

from prisoners.retention import purge_unconfirmed_followers


class Command(BaseCommand):
    help = "Delete requests to follow a case that were not confirmed within --days days."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, required=True)

    def handle(self, *args, days, **options):
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        count = purge_unconfirmed_followers(days=days)
        self.stdout.write(f"Deleted {count} unconfirmed followers.")
