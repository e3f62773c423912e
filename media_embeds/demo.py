"""Demo videos: the video reports named on the original campaign site's pages.

The original pages do not give the videos' addresses, so every video here points at an
example id and says so; editors replace the link with the real one. All of them are YouTube
links, the only provider whose ids can read EXAMPLE: any number we gave Vimeo could be a
stranger's real video. Seeding fetches nothing.
"""

import datetime

from media_embeds.models import Video

EXAMPLE_NOTE = "(Example video id for the demo.)"

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


def seed():
    Category = Video.categories.field.related_model
    category, _ = Category.objects.get_or_create(slug="video", defaults={"name": "Video"})
    for fields in VIDEOS:
        fields = dict(fields)
        fields["description"] = f"{fields['description']}\n\n{EXAMPLE_NOTE}"
        article_slugs = fields.pop("articles", [])
        prisoner_slugs = fields.pop("prisoners", [])
        video, created = Video.objects.get_or_create(
            slug=fields.pop("slug"), defaults={**fields, "publication": Video.Publication.PUBLISHED}
        )
        if created:
            video.categories.add(category)
            # Articles and prisoners are seeded before videos; link only those that exist.
            video.articles.set(video.articles.model.objects.filter(slug__in=article_slugs))
            video.prisoners.set(video.prisoners.model.objects.filter(slug__in=prisoner_slugs))
