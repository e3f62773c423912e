from django.core.management.base import BaseCommand, CommandError

from core.mailings import purge_deliveries


class Command(BaseCommand):
    help = (
        "Delete the delivery rows of mailings finished more than --days days ago; each "
        "mailing keeps its counts (sent, bounced, …). Unsubscribes are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, required=True)

    def handle(self, *args, days, **options):
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        count = purge_deliveries(days=days)
        self.stdout.write(f"Deleted {count} mailing deliveries.")
