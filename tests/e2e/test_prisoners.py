import re

import pytest
from playwright.sync_api import expect

from tests.factories import make_petition, make_prisoner

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_visitor_goes_from_the_home_page_to_an_urgent_case_and_its_petition(page):
    prisoner = make_prisoner(name="Vadim Kuramshin", is_urgent=True, summary="Human rights lawyer")
    petition = make_petition(title="Urgent action for Vadim Kuramshin")
    petition.prisoners.add(prisoner)

    page.goto("/")
    page.get_by_role("region", name="Urgent case").get_by_role(
        "link", name="Vadim Kuramshin"
    ).click()

    expect(page).to_have_url(re.compile(r"/prisoners/vadim-kuramshin/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Vadim Kuramshin")
    take_action = page.get_by_role("complementary", name="Take action")
    expect(take_action).to_contain_text("Be the first to sign")
    take_action.get_by_role("link", name=re.compile("Sign the petition")).click()

    expect(page).to_have_url(re.compile(rf"{re.escape(petition.get_absolute_url())}#sign$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Urgent action for Vadim Kuramshin")
