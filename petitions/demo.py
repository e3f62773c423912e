"""Demo petitions, the seed's model protest letter and example embassies for `seed_demo`.

Text about real people and events is quoted from the original campaign site's pages only.
The embassy addresses are examples on example.org, flagged ``is_example`` so the site warns.
"""

from pathlib import Path

from django.utils import timezone

from petitions.models import Embassy, Petition, PetitionSettings

# Quoted verbatim from the seed pages ("Below is a model message of protest…").
MODEL_LETTER = (Path(__file__).parent / "demo_model_letter.txt").read_text(encoding="utf-8")

VADIM = {
    "title": "Free Vadim Kuramshin",
    "summary": "Urgent action for Vadim Kuramshin.",
    "body": (
        "<p>Urgent action for Vadim Kuramshin.</p>"
        "<p>Below is a model message of protest \u2013 please send yours to the Kazakhstan "
        "embassy in your country.</p>"
    ),
    "status": Petition.Status.OPEN,
    "publication": Petition.Publication.PUBLISHED,
    "featured": True,
    "letter_subject": "Letter of protest",
    "letter_body": MODEL_LETTER,
}

ZHEZKAZGAN = {
    "title": "Solidarity with the workers of Zhezkazgan",
    "summary": (
        "Solidarity messages from around the world would give tremendous courage to the "
        "working people of Zhezkazgan."
    ),
    "body": (
        "<p>Solidarity messages from around the world would give tremendous courage to the "
        "working people of Zhezkazgan.</p>"
    ),
    "status": Petition.Status.CLOSED,
    "publication": Petition.Publication.PUBLISHED,
}

EXAMPLE_EMBASSIES = [
    ("GB", "Embassy of Kazakhstan in the United Kingdom (example)"),
    ("IE", "Embassy of Kazakhstan in Ireland (example)"),
    ("DE", "Embassy of Kazakhstan in Germany (example)"),
    ("FR", "Embassy of Kazakhstan in France (example)"),
    ("BE", "Embassy of Kazakhstan in Belgium (example)"),
]


def seed():
    vadim, _ = Petition.objects.get_or_create(slug="free-vadim-kuramshin", defaults=VADIM)
    prisoner = Petition.prisoners.field.related_model.objects.filter(slug="vadim-kuramshin").first()
    if prisoner:
        vadim.prisoners.add(prisoner)
    Petition.objects.get_or_create(
        slug="solidarity-with-zhezkazgan-workers",
        defaults={**ZHEZKAZGAN, "closed_at": timezone.now()},
    )
    for country, name in EXAMPLE_EMBASSIES:
        Embassy.objects.get_or_create(
            country=country,
            defaults={
                "name": name,
                "email": f"kazakhstan-embassy-{country.lower()}@example.org",
                "is_example": True,
            },
        )
    site = PetitionSettings.load()
    if not site.fallback_embassy_email:
        site.fallback_embassy_name = "Campaign Kazakhstan (example address)"
        site.fallback_embassy_email = "letters@example.org"
        site.save()
