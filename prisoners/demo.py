"""Demo prisoners, stating only what the original campaign pages say about them
(/work/shared/seed/campaign-kazakhstan-pages.txt). Dates, sentences, places and charges the
pages do not give are left blank rather than guessed."""

from prisoners.models import Detention, Prisoner

PRISONERS = [
    {
        "slug": "vadim-kuramshin",
        "name": "Vadim Kuramshin",
        "role": "Human rights lawyer",
        "summary": "Human rights lawyer, locked away effectively without trial.",
        "biography": (
            "<p>Vadim Kuramshin is a human rights lawyer whom the campaign describes as "
            "falsely imprisoned and “locked away effectively without trial”.</p>"
            "<p>Joe Higgins TD challenged the Irish foreign minister over his case, saying "
            "not enough was being done for him. The campaign called for urgent action for "
            "Vadim Kuramshin.</p>"
        ),
        "is_urgent": True,
    },
    {
        "slug": "rosa-tulataeva",
        "name": "Rosa Tulataeva",
        "role": "Workers' protest leader",
        "summary": "Leading figure in the peaceful workers' protests in Zhanaozen, still in jail.",
        "biography": (
            "<p>Rosa Tulataeva, a leading figure in the peaceful workers' protests in "
            "Zhanaozen, is still in jail, sentenced for many years, and denied proper access "
            "to medicine.</p>"
        ),
        "status": Prisoner.Status.SENTENCED,
        "detention": {"sentence_text": "Sentenced for many years (exact term not stated)"},
    },
    {
        "slug": "vladimir-kozlov",
        "name": "Vladimir Kozlov",
        "summary": "The campaign calls: Free Vladimir Kozlov!",
        "biography": "<p>“Free Vadim Kuramshin, Rosa Tulataeva and Vladimir Kozlov!”</p>",
    },
    {
        "slug": "aron-atabek",
        "name": "Aron Atabek",
        "summary": "In solitary confinement because of his political opposition to the regime.",
        "biography": (
            "<p>Aron Atabek is in solitary confinement because of his political opposition "
            "to the regime, alongside many other political prisoners.</p>"
        ),
    },
]


def seed():
    for entry in PRISONERS:
        fields = dict(entry)
        slug = fields.pop("slug")
        detention = fields.pop("detention", None)
        fields.setdefault("status", Prisoner.Status.UNKNOWN)
        fields["publication"] = Prisoner.Publication.PUBLISHED
        prisoner, _ = Prisoner.objects.get_or_create(slug=slug, defaults=fields)
        if detention and not prisoner.detentions.exists():
            Detention.objects.create(prisoner=prisoner, **detention)
