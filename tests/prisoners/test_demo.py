import pytest

from prisoners import demo
from prisoners.models import Charge, Prisoner, TimelineEvent

pytestmark = pytest.mark.django_db


def test_demo_prisoners_state_only_what_the_seed_pages_say():
    demo.seed()
    demo.seed()

    prisoners = {p.slug: p for p in Prisoner.objects.published()}
    assert set(prisoners) == {"vadim-kuramshin", "rosa-tulataeva", "vladimir-kozlov", "aron-atabek"}
    assert "solitary confinement" in prisoners["aron-atabek"].biography
    assert prisoners["vadim-kuramshin"].is_urgent
    assert prisoners["rosa-tulataeva"].status == Prisoner.Status.SENTENCED
    assert prisoners["vladimir-kozlov"].status == Prisoner.Status.UNKNOWN
    for prisoner in prisoners.values():
        assert all(d.detained_on is None for d in prisoner.detentions.all())
        assert prisoner.days_behind_bars_text() == ""
        assert not prisoner.public_letters_address
        assert not prisoner.lead_image
    assert not Charge.objects.exists()
    assert not TimelineEvent.objects.exists()
