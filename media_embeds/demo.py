"""Demo videos: the video reports named on the original campaign site's pages.

The original pages do not give the videos' addresses, so every video here points at an
example id (EXAMPLE…); editors replace the link with the real one. All of them are YouTube
links, the only provider whose ids can read EXAMPLE: any number we gave Vimeo could be a
stranger's real video. Seeding fetches nothing: each poster is drawn here, the title on a
coloured field, rather than copied from the provider.

The pages give no publication dates: the videos are dated when first seeded, a minute
apart in the order the pages list them (newest first), so the list keeps that order.
"""

import datetime
import io

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from media_embeds.models import Video

# What earlier versions of the demo appended to every description; removed from demo
# databases seeded before, since visitors do not need to read it.
_OLD_EXAMPLE_NOTE = "\n\n(Example video id for the demo.)"

POSTER_SIZE = (1280, 720)
# Dark enough for white text to pass WCAG AA at any size.
POSTER_COLOURS = ["#264653", "#1d3557", "#2d6a4f", "#5a189a", "#7f4f24"]

VIDEOS = [
    {
        "slug": "video-report-of-exchanges-in-parliament",
        "title": "Video report of exchanges in parliament",
        "source_url": "https://www.youtube.com/watch?v=EXAMPLE0001",
        "description": (
            "Irish foreign minister challenged over Vadim Kuramshin: Joe Higgins TD says not "
            "enough being done for falsely imprisoned human rights lawyer."
        ),
        "articles": ["irish-foreign-minister-challenged-over-vadim-kuramshin"],
        "prisoners": ["vadim-kuramshin"],
    },
    {
        "slug": "full-video-of-london-commemoration",
        "title": "Full video of London commemoration",
        "source_url": "https://www.youtube.com/watch?v=EXAMPLE0002",
        "description": (
            "The video from Campaign Kazakhstan of the event that the campaign co-hosted with "
            "Article 19 on December 17 2013."
        ),
        "recorded_on": datetime.date(2013, 12, 17),
        "articles": ["full-video-of-london-commemoration"],
    },
    {
        "slug": "south-african-miners-declare-solidarity",
        "title": "South African Miners declare solidarity with Kazakhstan workers",
        "source_url": "https://youtu.be/EXAMPLE0003",
        "description": (
            "A mass gathering of hundreds of miners and other workers, launching the Limpopo "
            "section of the South African 'Workers' And Socialist Party', loudly approved a "
            "message of support and solidarity for all struggling miners and oil-workers in "
            "Kazakhstan."
        ),
    },
    {
        "slug": "video-film-of-mondays-demonstration",
        "title": "Video film of Monday's demonstration",
        "source_url": "https://www.youtube.com/watch?v=EXAMPLE0004",
        "description": (
            "Demonstrators demanding answers from the management and their false friends in "
            "the company union. The workers ask what has happened since they made such huge "
            "efforts to save the whole Karaganda area from ruin."
        ),
    },
    {
        "slug": "video-message-from-paul-murphy-mep",
        "title": "Video message from Paul Murphy for debate in Brussels on 18 April",
        "source_url": "https://www.youtube.com/watch?v=EXAMPLE0005",
        "description": "Member of European Parliament speaks out on human rights.",
    },
]


def poster_png(title: str, colour: str) -> bytes:
    """A 16:9 poster: the title in white on a field of ``colour``, in the upper third so
    that the play button pages put over the middle leaves it readable."""
    image = Image.new("RGB", POSTER_SIZE, colour)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=60)
    margin, line_height = 80, 76
    lines = [""]
    for word in title.split():
        candidate = f"{lines[-1]} {word}".strip()
        if draw.textlength(candidate, font=font) <= POSTER_SIZE[0] - 2 * margin:
            lines[-1] = candidate
        else:
            lines.append(word)
    for number, line in enumerate(lines):
        draw.text((margin, 56 + number * line_height), line, font=font, fill="white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def seed():
    Category = Video.categories.field.related_model
    category, _ = Category.objects.get_or_create(slug="video", defaults={"name": "Video"})
    newest = timezone.now().replace(microsecond=0)
    for position, fields in enumerate(VIDEOS):
        fields = dict(fields)
        article_slugs = fields.pop("articles", [])
        prisoner_slugs = fields.pop("prisoners", [])
        video, created = Video.objects.get_or_create(
            slug=fields.pop("slug"),
            defaults={
                **fields,
                "publication": Video.Publication.PUBLISHED,
                "published_at": newest - datetime.timedelta(minutes=position),
                # The original pages give no dates: ordered as they were, shown undated.
                "date_shown": False,
            },
        )
        if created:
            video.categories.add(category)
            # Articles and prisoners are seeded before videos; link only those that exist.
            video.articles.set(video.articles.model.objects.filter(slug__in=article_slugs))
            video.prisoners.set(video.prisoners.model.objects.filter(slug__in=prisoner_slugs))
        if not video.lead_image or video.description.endswith(_OLD_EXAMPLE_NOTE):
            _finish(video, colour=POSTER_COLOURS[position % len(POSTER_COLOURS)])


def _finish(video: Video, *, colour: str) -> None:
    if not video.lead_image:
        png = poster_png(video.title, colour)
        video.lead_image.save(f"demo-{video.slug}.png", ContentFile(png), save=False)
        video.lead_image_alt = video.title
    video.description = video.description.removesuffix(_OLD_EXAMPLE_NOTE)
    video.save()
