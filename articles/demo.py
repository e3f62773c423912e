"""Demo content for `manage.py seed_demo`, drawn from the original campaign site's pages."""

from articles.models import Category

CATEGORIES = [
    ("News", "news", ""),
    ("Video", "video", ""),
    ("Political prisoners", "political-prisoners", ""),
    ("Workers' struggles", "workers-struggles", ""),
]


def seed():
    for name, slug, description in CATEGORIES:
        Category.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
