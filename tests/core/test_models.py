"""The one rule of what is public, shared by every content type through core.models.Content."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.models import Content, Publication
from tests.factories import make_article, make_petition, make_prisoner, make_video

HOUR = timezone.timedelta(hours=1)
MAKERS = {
    "article": make_article,
    "video": make_video,
    "prisoner": make_prisoner,
    "petition": make_petition,
}
STATES = {
    "published": ({"publication": Publication.PUBLISHED, "published_at": -HOUR}, True),
    "scheduled": ({"publication": Publication.PUBLISHED, "published_at": HOUR}, False),
    "draft": ({"publication": Publication.DRAFT, "published_at": -HOUR}, False),
    "draft without a date": ({"publication": Publication.DRAFT, "published_at": None}, False),
}

pytestmark = pytest.mark.django_db


def make(kind: str, state: str):
    fields, _public = STATES[state]
    when = fields["published_at"]
    return MAKERS[kind](
        publication=fields["publication"],
        published_at=None if when is None else timezone.now() + when,
    )


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("kind", MAKERS)
def test_an_item_is_public_when_published_and_its_date_has_come(kind, state):
    item = make(kind, state)

    assert isinstance(item, Content)
    assert item.is_public is STATES[state][1]
    assert (item in type(item).objects.published()) is item.is_public


@pytest.mark.parametrize("kind", MAKERS)
def test_scheduled_items_are_told_apart_from_drafts(kind):
    scheduled = make(kind, "scheduled")
    draft = make(kind, "draft")
    model = type(draft)

    assert scheduled.is_scheduled and not draft.is_scheduled
    assert list(model.objects.scheduled()) == [scheduled]
    assert draft in model.objects.drafts() and scheduled not in model.objects.drafts()


@pytest.mark.parametrize("kind", MAKERS)
def test_publishing_without_a_date_dates_it_now(kind):
    item = make(kind, "draft without a date")

    item.publication = Publication.PUBLISHED
    item.save(update_fields=["publication"])

    item.refresh_from_db()
    assert item.published_at is not None and item.is_public


@pytest.mark.parametrize("kind", MAKERS)
def test_a_lead_image_needs_its_description(kind):
    from tests.factories import make_image_upload

    item = make(kind, "draft")
    item.lead_image = make_image_upload()
    item.lead_image_alt = " "

    with pytest.raises(ValidationError) as error:
        item.full_clean()

    assert "lead_image_alt" in error.value.message_dict


@pytest.mark.parametrize("kind", MAKERS)
def test_the_translation_constraints_carry_each_models_own_name(kind):
    model = type(make(kind, "draft"))
    prefix = f"{model._meta.app_label}_{model._meta.model_name}"

    names = {constraint.name for constraint in model._meta.constraints}

    assert {
        f"{prefix}_one_translation_per_language",
        f"{prefix}_not_a_translation_of_itself",
        f"{prefix}_published_has_date",
    } <= names
