import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from bench.data import Command
from media_embeds.models import Video
from petitions.models import Petition, Signature
from prisoners.models import Charge, Prisoner

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

SMALL = {"articles": 30, "videos": 6, "prisoners": 5, "petitions": 4, "signatures": 250}


def test_bench_data_builds_pages_that_work_and_a_count_equal_to_its_rows(client):
    call_command(Command(), **SMALL)

    assert Article.objects.published().count() == 30
    assert Video.objects.published().count() == 6
    assert Prisoner.objects.published().count() == 5
    assert Charge.objects.exists()
    featured = Petition.objects.with_counts().get(slug="free-the-strikers")
    assert featured.signature_count == 250
    assert Signature.objects.confirmed().filter(petition=featured).count() == 250

    article = client.get("/news/strike-report-3/")
    assert article.status_code == 200
    assert 'srcset="' in article.text
    for path in ("/", "/videos/interview-2/", "/prisoners/prisoner-001/", "/petitions/"):
        assert client.get(path).status_code == 200, path
    assert client.get("/petitions/free-the-strikers/count.json").json()["count"] == 250


def test_bench_data_refuses_a_database_with_content():
    call_command(Command(), **SMALL)
    with pytest.raises(CommandError):
        call_command(Command(), **SMALL)
