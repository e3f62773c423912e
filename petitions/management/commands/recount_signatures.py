from django.core.management.base import BaseCommand

from petitions.retention import recount_signatures


class Command(BaseCommand):
    help = (
        "Compare every petition's stored count with its confirmed signatures; repair and "
        "report any difference (with --check, only report). Exits 1 if --check finds one."
    )

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Report only; change nothing.")

    def handle(self, *args, check=False, **options):
        results = recount_signatures(repair=not check)
        wrong = [result for result in results if result.differs]
        for result in wrong:
            verb = "differs" if check else "repaired"
            self.stdout.write(
                f"{result.petition.slug}: stored {result.stored}, "
                f"confirmed signatures {result.actual} ({verb})"
            )
        self.stdout.write(
            f"Checked {len(results)} petitions: {len(wrong)} {'differ' if check else 'repaired'}."
        )
        if check and wrong:
            raise SystemExit(1)
