import pytest
from django.core.cache import cache

from petitions.counts import signatures_by_country
from petitions.models import Signature
from tests.factories import make_petition, make_signature

pytestmark = pytest.mark.django_db


def sign(petition, country, times, **fields):
    for _ in range(times):
        make_signature(petition=petition, country=country, **fields)


def test_by_country_counts_confirmed_signatures_of_every_language_version():
    petition = make_petition()
    russian = make_petition(language="ru", translation_of=petition)
    sign(petition, "DE", 3)
    sign(petition, "KZ", 2)
    sign(petition, "DE", 2, state=Signature.State.PENDING, confirmed_at=None)
    sign(petition, "DE", 1, state=Signature.State.HELD, confirmed_at=None)
    sign(make_petition(), "DE", 4)

    assert list(Signature.objects.by_country(russian)) == [("DE", 3), ("KZ", 2)]


def test_by_country_is_read_from_the_cache_until_it_expires(django_assert_num_queries):
    petition = make_petition()
    sign(petition, "DE", 5)
    with django_assert_num_queries(1):
        assert signatures_by_country(petition) == [("DE", 5)]
    sign(petition, "DE", 1)
    with django_assert_num_queries(0):
        assert signatures_by_country(petition) == [("DE", 5)]
    cache.clear()
    assert signatures_by_country(petition) == [("DE", 6)]


def test_without_a_cache_by_country_is_counted_every_time(settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
    petition = make_petition()
    sign(petition, "DE", 5)
    assert signatures_by_country(petition) == [("DE", 5)]
    sign(petition, "DE", 1)
    assert signatures_by_country(petition) == [("DE", 6)]


@pytest.mark.parametrize(
    ("prefix", "germany", "kazakhstan"),
    [
        ("", "Germany", "Kazakhstan"),
        ("/ru", "Германия", "Казахстан"),
        ("/kk", "Германия", "Қазақстан"),
    ],
)
def test_the_page_shows_where_support_comes_from_in_its_language(
    client, prefix, germany, kazakhstan
):
    petition = make_petition()
    sign(petition, "DE", 5)
    sign(petition, "KZ", 4)
    sign(petition, "FR", 3, state=Signature.State.PENDING, confirmed_at=None)

    page = client.get(prefix + petition.get_absolute_url()).text

    section = page[page.index('id="support-heading"') :]
    section = section[: section.index("</section>")]
    assert germany in section
    assert kazakhstan not in section
    assert "France" not in section and "Франция" not in section
    assert 'class="world-map__shade--5"' in section
    assert '<span class="country-counts__number">5</span>' in section
    assert "4" in section[section.index('class="country-counts__others"') :][:80]
    assert "style=" not in section


def test_a_petition_without_signatures_has_no_support_section(client):
    page = client.get(make_petition().get_absolute_url()).text
    assert "support-heading" not in page


def test_the_page_counts_by_country_once_and_then_reads_the_cache(
    client, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0
    petition = make_petition()
    sign(petition, "DE", 5)
    url = petition.get_absolute_url()
    client.get(url)
    cache.delete(f"petitions:by-country:{petition.pk}")
    # The petition, the settings, its events, its counts by country, its translations, the
    # latest signers, its solidarity wall, its prisoners.
    with django_assert_num_queries(8) as counted:
        client.get(url)
    with django_assert_num_queries(len(counted.captured_queries) - 1):
        response = client.get(url)
    assert "Germany" in response.text
    for country in ("FR", "IE", "KZ"):
        sign(petition, country, 5)
    cache.delete(f"petitions:by-country:{petition.pk}")
    with django_assert_num_queries(len(counted.captured_queries)):
        response = client.get(url)
    assert "Ireland" in response.text
