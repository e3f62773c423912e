import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_category, make_image_upload

pytestmark = pytest.mark.django_db

HOUR = timezone.timedelta(hours=1)


def test_only_published_articles_dated_in_the_past_are_public():
    public = make_article(title="Public")
    make_article(title="Draft", publication=Article.Publication.DRAFT)
    make_article(title="Scheduled", published_at=timezone.now() + HOUR)

    assert list(Article.objects.published()) == [public]


def test_a_scheduled_article_becomes_public_when_its_time_comes():
    scheduled = make_article(published_at=timezone.now() + HOUR)
    assert not scheduled.is_public
    assert scheduled.is_scheduled

    Article.objects.filter(pk=scheduled.pk).update(published_at=timezone.now() - HOUR)

    assert Article.objects.published().get() == scheduled


def test_publishing_without_a_date_dates_the_article_now():
    article = make_article(publication=Article.Publication.DRAFT, published_at=None)

    article.publication = Article.Publication.PUBLISHED
    article.save()

    assert article.published_at is not None
    assert Article.objects.published().get() == article


def test_body_is_sanitised_when_saved():
    article = make_article(
        body='<p onclick="steal()" style="color:red">Hi<script>alert(1)</script></p>'
        '<a href="javascript:alert(1)">bad</a><a href="https://example.org/">good</a>'
    )

    article.refresh_from_db()
    assert article.body == (
        '<p>Hi</p><a rel="noopener noreferrer">bad</a>'
        '<a href="https://example.org/" rel="noopener noreferrer">good</a>'
    )


def test_a_lead_image_needs_a_description():
    article = make_article()
    article.lead_image = make_image_upload()

    with pytest.raises(ValidationError) as error:
        article.full_clean()

    assert "lead_image_alt" in error.value.message_dict


def test_previous_and_next_follow_publication_order_and_skip_hidden_articles():
    now = timezone.now()
    oldest = make_article(published_at=now - 3 * HOUR)
    make_article(publication=Article.Publication.DRAFT, published_at=now - 2 * HOUR)
    middle = make_article(published_at=now - 2 * HOUR)
    newest = make_article(published_at=now - HOUR)
    make_article(published_at=now + HOUR)

    assert middle.get_previous_published() == oldest
    assert middle.get_next_published() == newest
    assert newest.get_next_published() is None
    assert oldest.get_previous_published() is None


def test_related_articles_share_a_category_and_exclude_the_article_itself():
    strikes, prisoners = make_category(name="Strikes"), make_category(name="Prisoners")
    article = make_article(categories=[strikes, prisoners])
    both = make_article(categories=[strikes, prisoners])
    one = make_article(categories=[prisoners])
    make_article(categories=[make_category(name="Other")])

    related = Article.objects.published().related_to(article)

    assert set(related) == {both, one}


def test_featured_articles_come_before_newer_ones():
    featured = make_article(featured=True, published_at=timezone.now() - timezone.timedelta(days=9))
    newer = make_article()

    assert list(Article.objects.published().featured_first().for_listing()) == [featured, newer]
