import pytest
from django.utils import timezone

from articles.models import Article
from core.models import Publication
from core.services import publish, unpublish
from core.signals import publication_changed
from petitions.models import Petition
from tests.factories import make_article, make_petition

HOUR = timezone.timedelta(hours=1)

pytestmark = pytest.mark.django_db


def test_publish_keeps_future_dates_and_unpublish_returns_to_draft():
    draft = make_article(publication=Publication.DRAFT, published_at=None)
    future = make_article(publication=Publication.DRAFT, published_at=timezone.now() + HOUR)

    assert publish(queryset=Article.objects.filter(pk__in=[draft.pk, future.pk])) == 2

    assert list(Article.objects.published()) == [Article.objects.get(pk=draft.pk)]
    assert Article.objects.get(pk=future.pk).is_scheduled

    assert unpublish(queryset=Article.objects.all()) == 2
    assert not Article.objects.published().exists()
    assert Article.objects.get(pk=draft.pk).published_at is not None, "its date is kept"


def test_publishing_touches_the_updated_date_of_models_that_keep_one():
    article = make_article(publication=Publication.DRAFT, published_at=None)
    Article.objects.filter(pk=article.pk).update(updated_at=timezone.now() - 24 * HOUR)

    publish(queryset=Article.objects.filter(pk=article.pk))

    assert Article.objects.get(pk=article.pk).updated_at > timezone.now() - HOUR


def test_publishing_says_so_with_a_signal_once_the_rows_are_changed():
    petition = make_petition(publication=Publication.DRAFT)
    received = []

    def receiver(sender, pks, publication, **kwargs):
        received.append((sender, pks, publication, Petition.objects.published().count()))

    publication_changed.connect(receiver)
    try:
        publish(queryset=Petition.objects.with_counts())
    finally:
        publication_changed.disconnect(receiver)

    assert received == [(Petition, [petition.pk], Publication.PUBLISHED, 1)]


def test_an_empty_selection_changes_nothing_and_says_nothing():
    received = []

    def receiver(sender, **kwargs):
        received.append(sender)

    publication_changed.connect(receiver)
    try:
        assert publish(queryset=Article.objects.none()) == 0
    finally:
        publication_changed.disconnect(receiver)
    assert received == []
