"""Every public page makes the same, small number of queries however much content there is.

The pages are asked once with a little content, then again after ten times as much has been
linked to the same article, video, prisoner, category and petition. The page cache is off
here: these are the queries of a first visit (and of every staff visit). Lazy loads raise
during these requests (see the fetch-mode guard in tests/conftest.py).
"""

import datetime

import pytest
from django.core.cache import cache
from django.core.exceptions import FieldFetchBlocked
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import path, reverse

from actions.models import LetterCount, LetterTarget
from campaign.urls import urlpatterns as site_urlpatterns
from petitions.models import PetitionSettings
from prisoners.models import Detention
from tests.factories import (
    make_action,
    make_article,
    make_category,
    make_charge,
    make_detention,
    make_petition,
    make_prisoner,
    make_signature,
    make_timeline_event,
    make_video,
)

# 9 since the article, video and profile pages read the petition they lead to, with its count;
# 10 since profiles also read the solidarity wall of the petitions about them.
QUERY_BUDGET = 10

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


class Hub:
    """One article, video, prisoner, category and petition that everything else links to."""

    def __init__(self):
        self.category = make_category()
        self.article = make_article(title="Hub article", categories=[self.category])
        self.video = make_video(title="Hub video")
        self.prisoner = make_prisoner(name="Hub prisoner", is_urgent=True)
        self.petition = make_petition(title="Hub petition", featured=True)
        self.action = make_action(title="Hub action", petition=self.petition)
        self.target = LetterTarget.objects.get(action=self.action)
        self.countries = iter(["DE", "FR", "GB", "IE", "BE", "NL", "PL", "SE", "NO", "FI", "DK"])
        # Made on the first visit of any petition page otherwise, which would count here.
        PetitionSettings.load()

    def add(self, count: int) -> None:
        for _ in range(count):
            article = make_article(categories=[self.category])
            article.prisoners.add(self.prisoner)
            article.videos.add(self.video)
            self.article.prisoners.add(make_prisoner(is_urgent=True))
            video = make_video()
            video.categories.add(self.category)
            video.articles.add(self.article)
            video.prisoners.add(self.prisoner)
            self.video.prisoners.add(make_prisoner())
            self.article.videos.add(video)
            detention = make_detention(self.prisoner, detained_on=datetime.date(2020, 1, 1))
            make_charge(detention)
            make_timeline_event(self.prisoner, article=article)
            petition = make_petition()
            petition.prisoners.add(self.prisoner)
            self.petition.prisoners.add(make_prisoner())
            make_signature(petition=self.petition, show_name=True)
            LetterCount.objects.create(target=self.target, country=next(self.countries), count=5)

    def urls(self) -> list[str]:
        slug = {"slug": self.petition.slug}
        return [
            reverse("pages:home"),
            reverse("articles:list"),
            self.article.get_absolute_url(),
            self.category.get_absolute_url(),
            reverse("media_embeds:list"),
            self.video.get_absolute_url(),
            reverse("prisoners:list"),
            self.prisoner.get_absolute_url(),
            reverse("petitions:list"),
            self.petition.get_absolute_url(),
            reverse("petitions:count", kwargs=slug),
            reverse("petitions_json"),
            reverse("petitions:data", kwargs=slug),
            reverse("petitions:thanks", kwargs=slug),
            self.action.get_absolute_url(),
            reverse("search") + "?q=hub",
        ]


def queries_per_page(client, urls) -> dict[str, int]:
    counts = {}
    for url in urls:
        # A first visit: nothing kept in the cache by the pass before (counts by country).
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(captured.captured_queries)
    return counts


def test_every_public_page_keeps_its_query_budget_as_content_grows(client):
    hub = Hub()
    hub.add(1)
    few = queries_per_page(client, hub.urls())
    hub.add(10)
    many = queries_per_page(client, hub.urls())

    assert many == few
    over_budget = {url: count for url, count in many.items() if count > QUERY_BUDGET}
    assert not over_budget


def _lazy_view(request):
    return HttpResponse(str(Detention.objects.first()))


urlpatterns = [path("lazy/", _lazy_view), *site_urlpatterns]


def test_a_page_that_loads_a_relation_lazily_fails_in_tests(client, settings):
    settings.ROOT_URLCONF = __name__
    make_detention(detained_on=datetime.date(2020, 1, 1))
    with pytest.raises(FieldFetchBlocked):
        client.get("/lazy/")
