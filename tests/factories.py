"""Small helpers that make saved model instances for tests: `make_article(title="…")`."""

import itertools

from django.utils import timezone

_sequence = itertools.count(1)


def unique(prefix: str) -> str:
    return f"{prefix}-{next(_sequence)}"


# ---- articles ----


def make_category(**fields):
    from articles.models import Category

    name = fields.pop("name", unique("Category"))
    fields.setdefault("slug", name.lower().replace(" ", "-"))
    return Category.objects.create(name=name, **fields)


def make_article(**fields):
    from articles.models import Article

    fields.setdefault("title", unique("Article"))
    fields.setdefault("slug", fields["title"].lower().replace(" ", "-"))
    fields.setdefault("status", Article.Status.PUBLISHED)
    fields.setdefault("published_at", timezone.now() - timezone.timedelta(hours=1))
    return Article.objects.create(**fields)


# ---- videos ----


def make_video(**fields):
    from media_embeds.models import Video

    fields.setdefault("title", unique("Video"))
    fields.setdefault("slug", fields["title"].lower().replace(" ", "-"))
    fields.setdefault("is_published", True)
    fields.setdefault("published_at", timezone.now() - timezone.timedelta(hours=1))
    return Video.objects.create(**fields)


# ---- prisoners ----


def make_prisoner(**fields):
    from campaign.models import Prisoner

    fields.setdefault("name", unique("Prisoner"))
    fields.setdefault("slug", fields["name"].lower().replace(" ", "-"))
    fields.setdefault("is_published", True)
    fields.setdefault("published_at", timezone.now() - timezone.timedelta(hours=1))
    return Prisoner.objects.create(**fields)


# ---- petitions ----


def make_petition(**fields):
    from petitions.models import Petition

    fields.setdefault("title", unique("Petition"))
    fields.setdefault("slug", fields["title"].lower().replace(" ", "-"))
    fields.setdefault("status", Petition.Status.OPEN)
    return Petition.objects.create(**fields)


def make_signature(**fields):
    """A signature row as the sign/confirm services would leave it (confirmed by default),
    with the petition's count kept in step."""
    from petitions.models import Signature, SignatureCountSlot
    from petitions.services import normalise_email

    petition = fields.pop("petition", None) or make_petition()
    fields.setdefault("name", unique("Signer"))
    fields.setdefault("email", f"{unique('signer')}@example.org")
    fields.setdefault("email_normalised", normalise_email(fields["email"]))
    fields.setdefault("country", "GB")
    fields.setdefault("state", Signature.State.CONFIRMED)
    if fields["state"] == Signature.State.CONFIRMED:
        fields.setdefault("confirmed_at", timezone.now())
    signature = Signature.objects.create(petition=petition, **fields)
    if signature.state == Signature.State.CONFIRMED:
        SignatureCountSlot.add(petition.pk, 1)
    return signature


def make_embassy(**fields):
    from petitions.models import Embassy

    fields.setdefault("country", "GB")
    fields.setdefault("name", "Embassy of Kazakhstan in the United Kingdom")
    fields.setdefault("email", "embassy-gb@example.org")
    return Embassy.objects.create(**fields)
