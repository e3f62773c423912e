"""A database the size of a busy campaign, for bench/ (see bench/README.md):
`python -m bench.data [--signatures N]` with the site's environment. Not a command of the
site's own, so production cannot run it by mistake.

Fast by design: rows go in with bulk_create (signatures with COPY on PostgreSQL), and all
rows share a few image files whose renditions are made once. Not for a live database.
"""

import datetime
import io
import os
import random
import sys

import django
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from PIL import Image

if __name__ == "__main__":
    # Run as `python -m bench.data`: Django must be set up before the models are imported.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "campaign.settings")
    django.setup()

from articles.models import Article, Category
from core.images import create_renditions
from media_embeds.models import Video
from petitions.models import (
    SLOT_COUNT,
    Embassy,
    Petition,
    PetitionSettings,
    Signature,
    SignatureCountSlot,
)
from prisoners.models import Charge, Detention, Prisoner, TimelineEvent

PARAGRAPH = (
    "<p>Workers at the oil field gathered again on the square in Zhanaozen after the court "
    "refused to hear the appeal of the union's lawyer, who has spent more than two years in "
    "a colony for organising a strike the authorities called illegal. Their families say "
    "letters from abroad are the one thing that reaches the prisoners.</p>"
)
REGIONS = ["Mangystau", "Almaty", "Astana", "Atyrau", "Karaganda", "Shymkent"]
COUNTRIES = ["GB", "DE", "FR", "KZ", "US", "NL", "SE", "PL", "IT", "ES"]
SIGNATURE_COLUMNS = [
    "petition_id",
    "name",
    "email",
    "email_normalised",
    "country",
    "city",
    "comment",
    "show_name",
    "contact_consent",
    "contact_consent_wording",
    "state",
    "created_at",
    "confirmed_at",
    "ip_hash",
    "email_count",
    "language",
    # COPY fills what it is not given with NULL, not with the model's default.
    "publish_comment",
    "comment_review",
]


def _image_names(count: int) -> list[tuple[str, int, int]]:
    """A few stored JPEGs with their renditions: (name, width, height)."""
    images = []
    for index in range(count):
        buffer = io.BytesIO()
        colour = (60 + 60 * index, 40, 140 - 30 * index)
        Image.new("RGB", (1600, 900), colour).save(buffer, "JPEG", quality=85)
        name = default_storage.save(f"bench/image-{index}.jpg", ContentFile(buffer.getvalue()))
        create_renditions(name)
        images.append((name, 1600, 900))
    return images


class Command(BaseCommand):
    help = (
        "Fill an empty database with benchmark content: 2,000 articles, 200 videos, 100 "
        "prisoners, 20 petitions, one of them with 200,000 confirmed signatures."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=2000)
        parser.add_argument("--videos", type=int, default=200)
        parser.add_argument("--prisoners", type=int, default=100)
        parser.add_argument("--petitions", type=int, default=20)
        parser.add_argument("--signatures", type=int, default=200_000)

    def handle(self, *args, **options):
        if Article.objects.exists() or Petition.objects.exists():
            raise CommandError("bench.data fills an empty database; this one has content.")
        random.seed(2026)
        self.now = timezone.now()
        self.images = _image_names(3)
        with transaction.atomic():
            categories = Category.objects.bulk_create(
                Category(name=f"Topic {n}", slug=f"topic-{n}") for n in range(10)
            )
            articles = self._articles(options["articles"], categories)
            prisoners = self._prisoners(options["prisoners"], articles)
            self._videos(options["videos"], categories, articles, prisoners)
            petitions = self._petitions(options["petitions"], prisoners)
            Embassy.objects.get_or_create(
                country="GB",
                defaults={"name": "Embassy in the United Kingdom", "email": "gb@example.org"},
            )
            PetitionSettings.load()
        self._signatures(petitions[0], options["signatures"])
        self.stdout.write(
            f"Benchmark data ready: {len(articles)} articles, {options['videos']} videos, "
            f"{len(prisoners)} prisoners, {len(petitions)} petitions, "
            f"{options['signatures']} signatures on {petitions[0].slug!r}."
        )

    def _image(self, index: int) -> dict:
        name, width, height = self.images[index % len(self.images)]
        return {"name": name, "width": width, "height": height}

    def _articles(self, count: int, categories) -> list[Article]:
        rows = []
        for n in range(count):
            image = self._image(n)
            rows.append(
                Article(
                    title=f"Strike report {n}: workers hold the square for another day",
                    slug=f"strike-report-{n}",
                    standfirst="Oil workers in Mangystau refuse to leave until the union is free.",
                    body=PARAGRAPH * 12,
                    lead_image=image["name"],
                    lead_image_alt="Workers on the square",
                    lead_image_width=image["width"],
                    lead_image_height=image["height"],
                    author_name="Campaign editors",
                    featured=n % 50 == 0,
                    publication=Article.Publication.PUBLISHED,
                    published_at=self.now - datetime.timedelta(hours=n * 12 + 1),
                )
            )
        articles = Article.objects.bulk_create(rows, batch_size=500)
        Article.objects.refresh_search_documents()
        through = Article.categories.through
        through.objects.bulk_create(
            (
                through(article_id=article.pk, category_id=category.pk)
                for index, article in enumerate(articles)
                for category in {categories[index % 10], categories[(index * 3 + 1) % 10]}
            ),
            batch_size=2000,
        )
        return articles

    def _prisoners(self, count: int, articles) -> list[Prisoner]:
        prisoners = Prisoner.objects.bulk_create(
            Prisoner(
                name=f"Prisoner {n:03}",
                slug=f"prisoner-{n:03}",
                summary="Trade union lawyer jailed for organising a strike.",
                biography=PARAGRAPH * 6,
                role="Lawyer" if n % 2 else "Trade unionist",
                region=REGIONS[n % len(REGIONS)],
                status=Prisoner.Status.SENTENCED if n % 3 else Prisoner.Status.PRE_TRIAL,
                is_urgent=n % 10 == 0,
                lead_image=self._image(n)["name"],
                lead_image_width=1600,
                lead_image_height=900,
                lead_image_alt="Portrait",
                photo_consent=True,
                publication=Prisoner.Publication.PUBLISHED,
                published_at=self.now - datetime.timedelta(days=n + 1),
            )
            for n in range(count)
        )
        Prisoner.objects.refresh_search_documents()
        detentions = Detention.objects.bulk_create(
            Detention(
                prisoner=prisoner,
                detained_on=datetime.date(2020 + d, 1 + n % 12, 1 + n % 28),
                released_on=datetime.date(2021 + d, 1, 1) if d == 0 and n % 2 else None,
                place="Colony No. 7, Aktau",
                sentence_text="7 years in a general-regime colony",
                sentence_months=84,
            )
            for n, prisoner in enumerate(prisoners)
            for d in range(1 + n % 2)
        )
        Charge.objects.bulk_create(
            Charge(detention=detention, article=str(164 + c), part=str(1 + c), description="x")
            for detention in detentions
            for c in range(2)
        )
        TimelineEvent.objects.bulk_create(
            TimelineEvent(
                prisoner=prisoner,
                date=datetime.date(2021, 1 + e, 1),
                kind=TimelineEvent.Kind.TRIAL,
                description="Hearing adjourned again.",
                article=articles[(n * 5 + e) % len(articles)],
            )
            for n, prisoner in enumerate(prisoners)
            for e in range(4)
        )
        through = Article.prisoners.through
        through.objects.bulk_create(
            through(article_id=articles[(n * 7 + a) % len(articles)].pk, prisoner_id=prisoner.pk)
            for n, prisoner in enumerate(prisoners)
            for a in range(5)
        )
        return prisoners

    def _videos(self, count: int, categories, articles, prisoners) -> None:
        videos = Video.objects.bulk_create(
            Video(
                title=f"Interview {n}: a striker's wife speaks",
                slug=f"interview-{n}",
                description="Recorded outside the court in Aktau. " * 5,
                source_url=f"https://www.youtube.com/watch?v=bench{n:06d}",
                provider=Video.Provider.YOUTUBE,
                video_id=f"bench{n:06d}",
                lead_image=self._image(n)["name"],
                lead_image_alt="A crowd outside the court",
                lead_image_width=1600,
                lead_image_height=900,
                duration=datetime.timedelta(minutes=4, seconds=n % 60),
                publication=Video.Publication.PUBLISHED,
                published_at=self.now - datetime.timedelta(hours=n * 30 + 2),
            )
            for n in range(count)
        )
        Video.objects.refresh_search_documents()
        for field, column, targets in (
            ("categories", "category_id", categories),
            ("articles", "article_id", articles),
            ("prisoners", "prisoner_id", prisoners),
        ):
            through = getattr(Video, field).through
            through.objects.bulk_create(
                through(video_id=video.pk, **{column: targets[(n * 3) % len(targets)].pk})
                for n, video in enumerate(videos)
            )

    def _petitions(self, count: int, prisoners) -> list[Petition]:
        petitions = []
        for n in range(count):
            petition = Petition.objects.create(
                title=f"Free the Mangystau strikers ({n})",
                slug="free-the-strikers" if n == 0 else f"petition-{n}",
                target="The President of Kazakhstan",
                summary="Release everyone jailed for the strikes.",
                body=PARAGRAPH * 4,
                status=Petition.Status.CLOSED if n % 4 == 3 else Petition.Status.OPEN,
                publication=Petition.Publication.PUBLISHED,
                featured=n == 0,
                letter_subject="Release the strikers",
                letter_body="Please release the jailed workers.",
            )
            petition.prisoners.add(prisoners[n % len(prisoners)])
            petitions.append(petition)
        return petitions

    def _signatures(self, petition: Petition, count: int) -> None:
        """``count`` confirmed signatures, and slot counters that add up to them."""
        rows = (self._signature_row(petition.pk, n) for n in range(count))
        with transaction.atomic():
            if connection.vendor == "postgresql":
                columns = ", ".join(SIGNATURE_COLUMNS)
                with (
                    connection.cursor() as cursor,
                    cursor.cursor.copy(f"COPY petitions_signature ({columns}) FROM STDIN") as copy,
                ):
                    for row in rows:
                        copy.write_row(row)
            else:
                Signature.objects.bulk_create(
                    (Signature(**dict(zip(SIGNATURE_COLUMNS, row, strict=True))) for row in rows),
                    batch_size=1000,
                )
            share, rest = divmod(count, SLOT_COUNT)
            for slot in range(SLOT_COUNT):
                SignatureCountSlot.objects.filter(petition=petition, slot=slot).update(
                    count=share + (1 if slot < rest else 0)
                )

    def _signature_row(self, petition_id: int, n: int) -> tuple:
        signed = self.now - datetime.timedelta(seconds=n * 3 + 60)
        email = f"signer{n}@example.org"
        return (
            petition_id,
            f"Signer {n} Example",
            email,
            email,
            COUNTRIES[n % len(COUNTRIES)],
            "London",
            "",
            n % 3 == 0,
            False,
            "",
            Signature.State.CONFIRMED,
            signed,
            signed + datetime.timedelta(minutes=5),
            "",
            1,
            "en",
            False,
            Signature.CommentReview.PENDING,
        )


if __name__ == "__main__":
    call_command(Command(), *sys.argv[1:])
