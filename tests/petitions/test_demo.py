import pytest

from petitions import demo
from petitions.models import Embassy, Petition
from tests.factories import make_prisoner

pytestmark = pytest.mark.django_db


def test_demo_content_is_idempotent_and_links_the_prisoner(client):
    prisoner = make_prisoner(name="Vadim Kuramshin", slug="vadim-kuramshin")
    demo.seed()
    demo.seed()
    vadim = Petition.objects.get(slug="free-vadim-kuramshin")
    assert vadim.is_open and list(vadim.prisoners.all()) == [prisoner]
    assert "Yours in protest," in vadim.letter_body
    assert [p.current_status for p in Petition.objects.all()].count("closed") == 1
    assert Petition.objects.count() == 2
    assert Embassy.objects.count() >= 3
    assert all(e.is_example and e.email.endswith("@example.org") for e in Embassy.objects.all())
    page = client.get(vadim.get_absolute_url(), {"country": "GB"})
    assert "not a real embassy address" in page.text
