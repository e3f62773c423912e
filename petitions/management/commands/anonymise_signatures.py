from django.core.management.base import BaseCommand, CommandError

from petitions.retention import anonymise_signatures


class Command(BaseCommand):
    help = (
        "Blank the names, emails, cities, comments and IP hashes of signatures on petitions "
        "closed more than --days days ago. Counts and countries stay."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, required=True)

    def handle(self, *args, days, **options):
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        count = anonymise_signatures(days=days)
        self.stdout.write(f"Anonymised {count} signatures.")
