from django.core.management.base import BaseCommand

from prisoners.retention import forget_unsubscribed_followers


class Command(BaseCommand):
    help = (
        "Delete the followers of a case who stopped its updates (or every mailing), or whose "
        "address cannot be delivered to."
    )

    def handle(self, *args, **options):
        count = forget_unsubscribed_followers()
        self.stdout.write(f"Deleted {count} followers who stopped the updates.")
