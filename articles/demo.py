# ruff: noqa: RUF001 -- the pages' own typography (curly quotes, dashes) is kept as written.
"""Demo content for `manage.py seed_demo`, drawn from the original campaign site's pages.

Only what those pages say. The pages give no publication dates, so articles are dated when
first seeded, a minute apart in the order the pages list them (newest first), which keeps
that order on the site; re-running changes nothing.
"""

import datetime

from django.utils import timezone

from articles.models import Article, Category

CATEGORIES = [
    ("News", "news", ""),
    ("Video", "video", ""),
    ("Political prisoners", "political-prisoners", ""),
    ("Workers' struggles", "workers-struggles", ""),
]

ARTICLES = [
    {
        "slug": "irish-foreign-minister-challenged-over-vadim-kuramshin",
        "title": "Irish foreign minister challenged over Vadim Kuramshin",
        "standfirst": (
            "Joe Higgins TD says not enough being done for falsely imprisoned human rights lawyer."
        ),
        "body": "<p>Video report of exchanges in parliament.</p>",
        "categories": ["news", "political-prisoners", "video"],
        "prisoners": ["vadim-kuramshin"],
    },
    {
        "slug": "full-video-of-london-commemoration",
        "title": "Full video of London commemoration",
        "standfirst": "",
        "body": (
            "<p>Below is the video from Campaign Kazakhstan of the event that the campaign "
            "co-hosted with Article 19 on December 17 2013.</p>"
        ),
        "categories": ["video"],
    },
    {
        "slug": "south-african-miners-declare-solidarity-with-kazakhstan-workers",
        "title": "South African Miners declare solidarity with Kazakhstan workers",
        "standfirst": "",
        "body": (
            "<p>A mass gathering of hundreds of miners and other workers, launching the Limpopo "
            "section of the South African ‘Workers’ And Socialist Party’, loudly approved a "
            "message of support and solidarity for all struggling miners and oil-workers in "
            "Kazakhstan.</p>"
        ),
        "categories": ["video", "workers-struggles"],
    },
    {
        "slug": "paul-murphy-mep-expresses-solidarity-with-workers-at-kazakhmys-metal-foundry",
        "title": "Paul Murphy MEP expresses solidarity with workers at KazakhMys metal Foundry",
        "standfirst": (
            "Below is a model message of protest – please send yours to the Kazakhstan "
            "embassy in your country."
        ),
        "body": (
            "<blockquote>"
            "<p>I am writing this letter of protest at the vicious devastation of the community "
            "of workers in Zhezkazgan that the closing down of KazakhMys plants in the area "
            "would mean. This is a plan hatched in the cold and calculating interest of "
            "short-term profit, disregarding the livelihoods of the workers in the area.</p>"
            "<p>I fully support the demands of the workers there for the plant to be "
            "nationalised and taken into democratic workers’ control. It is those workers who "
            "put the work in and who depend on the factory; they should decide on the future "
            "of the plants and what it produces.</p>"
            "<p>The workers in Zhezkazgan are planning a mass demonstration on 6 July. Previous "
            "protests in Kazakhstan have been met with brutal repression and collusion between "
            "government state forces, most infamously the police massacre in Zhanaozen.</p>"
            "<p>Rosa Tulataeva, a leading figure in the peaceful workers’ protests in Zhanaozen "
            "is still in jail, sentenced for many years, and denied proper access to medicine. "
            "Vadim Kuramshin was locked away effectively without trial. Aron Atabek is in "
            "solitary confinement because of his political opposition to the regime, alongside "
            "many other political prisoners.</p>"
            "<p>Much as President Nazarbayev tries to deny it, his regime has a record of "
            "locking away and quashing dissent – we won’t let it happen this time.</p>"
            "<p>We will be keeping a close eye on developments on Saturday and will do "
            "everything in our power to stop another brutal blood-letting organised between "
            "business and government. Across Europe the profile of Kazakhstan is high because "
            "of recent visits by EC president Barroso and British PM Cameron. If anything "
            "happens to the protestors in Zhezkazgan this publicity will translate into much "
            "more opposition to your regime, and Campaign Kazakhstan will be a vital part of "
            "that.</p>"
            "<p>Yours in protest,</p>"
            "</blockquote>"
        ),
        "categories": ["workers-struggles", "political-prisoners"],
        "prisoners": ["rosa-tulataeva", "vadim-kuramshin", "aron-atabek"],
    },
    {
        "slug": "angry-protests-erupt-in-zhezkazgan",
        "title": "Angry protests erupt in Zhezkazgan",
        "standfirst": "Workers demand nationalisation not ‘conservation’ of KazakhMys",
        "body": (
            "<p>On the morning of 24 June, hundreds of angry Zhezkazgan residents gathered "
            "outside the metal foundry of London-based company KazakMys. They feared for the "
            "future of their town on hearing that the corporation had decided to “place the "
            "plant in conservation”. The workers see this as management planning to close the "
            "factory. In response, they demanded that it, and other companies owned by "
            "KazakhMys in Zhezkazgan and Satpaev, be nationalised, to prevent these two towns "
            "being turned into ghost towns.</p>"
            "<p>“Just as smoke from a house chimney is a sign of life in the home, so the smoke "
            "from its factory chimneys is the sign of life in Zhezkazgan”, wrote Berik "
            "Zhagiparov, a local member of the Socialist Movement Kazakhstan. (Berik was editor "
            "of the paper ‘Molodezhnaya Gazeta’ before it was closed down this year and has "
            "been arrested and detained twice in the last few months for being involved in "
            "protest demonstrations.)</p>"
            "<p>Just over a week ago, the General Director of the holding company, KazakhMys "
            "Smelting, announced that the factory was to shut on 1 September. He said that 200 "
            "white collar staff would be given work in another town, Balhash, 500 workers would "
            "remain in the factory and 800 would be made redundant. This was taken to mean that "
            "those left at work would have the job of dismantling the plant. Local residents "
            "see this as meaning the closure of Zhezkazgan, particularly given rumours already "
            "circulating of the closure of the enrichment plant in Satpaev. This would leave "
            "another 1,000 workers on the streets. A total, with families, of 15,000 people "
            "will be affected.</p>"
            "<p>Video film of Monday’s demonstration shows demonstrators demanding answers "
            "from the management and their false friends in the company union. The workers ask "
            "what has happened since they made such huge efforts to save the whole Karaganda "
            "area from ruin. They do not accept that they should be asked now to make these "
            "huge sacrifices because of some problem with the price of copper on the world "
            "markets.</p>"
            "<h2>Bosses and workers’ ‘representatives’ get a rough ride</h2>"
            "<p>The director of the factory, Tanenov, and deputy Mayor of the City, Beibut "
            "Akhanov, addressed the workers and claimed that there were no plans to ‘conserve’ "
            "the factory; the bulk of workers would remain and work on reconstruction, at least "
            "part-time and on 50% of their present income. Naturally, nobody believed his "
            "words, as they contradicted both last week’s statement and the plans revealed in "
            "2011, which said that KazakhMys was planning the demolition of their factories and "
            "the transfer of production to Balhash.</p>"
            "<p>Having no satisfactory answer from the bosses, the workers demanded that "
            "Torekozh Tlemisov speak. He is president of the in-house trade union. But he just "
            "repeated what the bosses had said. The workers quickly accused him of just being "
            "the Director’s advocate. They asked him openly why he had not been amongst the "
            "workers, but had instead come out with the bosses and ignored his members. Another "
            "speaker insisted that none of the local representatives had shown any concern for "
            "the plant and suggested they should all be recalled and in their place, new "
            "representatives be elected to act in their interests.</p>"
            "<p>During the protest, the workers drew up an appeal to the President to "
            "nationalise the factories to maintain production and the life of these cities. "
            "Now tactics and methods of struggle are being discussed. Understanding that no-one "
            "is listening to them, they have decided to take their struggle further. Plans "
            "include rallies, strikes and other protest action to defend their factory and "
            "their future. The workforce is convinced that the local population, whose "
            "livelihoods depend on the plants, will support their demands. There will be a new "
            "gathering of all concerned on 6 July.</p>"
            "<p>Solidarity messages from around the world would give tremendous courage to the "
            "working people of Zhezkazgan.</p>"
        ),
        "categories": ["news", "workers-struggles"],
        "featured": True,
    },
]


def seed():
    categories = {}
    for name, slug, description in CATEGORIES:
        categories[slug], _ = Category.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
    newest = timezone.now().replace(microsecond=0)
    for position, entry in enumerate(ARTICLES):
        fields = dict(entry)
        slugs = fields.pop("categories")
        prisoner_slugs = fields.pop("prisoners", [])
        article, created = Article.objects.get_or_create(
            slug=fields.pop("slug"),
            defaults={
                **fields,
                "publication": Article.Publication.PUBLISHED,
                "published_at": newest - datetime.timedelta(minutes=position),
                # The original pages give no dates: ordered as they were, shown undated.
                "date_shown": False,
            },
        )
        if created:
            article.categories.set(categories[slug] for slug in slugs)
            # The prisoners app is seeded first; link only the prisoners that exist.
            article.prisoners.set(article.prisoners.model.objects.filter(slug__in=prisoner_slugs))
