"""Every content type is published the same way in the admin (core.admin.ContentAdmin)."""

import pytest
from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.test import Client
from django.urls import reverse

from core.models import Publication
from tests.factories import (
    make_action,
    make_article,
    make_page,
    make_petition,
    make_prisoner,
    make_video,
)

pytestmark = pytest.mark.django_db

MAKERS = {
    "article": make_article,
    "video": make_video,
    "prisoner": make_prisoner,
    "petition": make_petition,
    "page": make_page,
    "action": make_action,
}
# The kinds with a public list (a written page is linked from the site's footer or text).
LISTINGS = {
    "article": "/news/",
    "video": "/videos/",
    "prisoner": "/prisoners/",
    "petition": "/petitions/",
}


def admin_url(item, view: str, *args) -> str:
    return reverse(f"admin:{item._meta.app_label}_{item._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("kind", MAKERS)
def test_the_change_form_has_the_publication_fields_right_after_the_main_ones(admin_client, kind):
    item = MAKERS[kind]()

    response = admin_client.get(admin_url(item, "change", item.pk))

    fieldsets = list(response.context["adminform"])
    assert fieldsets[1].name == "Publication"
    assert list(fieldsets[1].fields)[:2] == ["publication", "published_at"]
    assert '<select name="publication"' in response.text
    assert 'name="is_published"' not in response.text


@pytest.mark.parametrize("kind", MAKERS)
def test_the_list_has_the_same_publish_actions_column_and_filter(admin_client, kind):
    item = MAKERS[kind](publication=Publication.DRAFT)

    response = admin_client.get(admin_url(item, "changelist"))

    html = response.text
    plural = item._meta.verbose_name_plural
    assert f'<option value="publish">Publish the selected {plural}</option>' in html
    assert (
        f'<option value="unpublish">Unpublish the selected {plural} (back to draft)</option>'
    ) in html
    # Beside the name, where a laptop screen shows it whatever the list's width.
    assert response.context["cl"].list_display[2] == "publication_state"
    assert "?publication=scheduled" in html
    listed = admin_client.get(admin_url(item, "changelist") + "?publication=draft")
    assert list(listed.context["cl"].result_list) == [item]


@pytest.mark.parametrize("kind", LISTINGS)
def test_publishing_from_the_list_makes_the_page_public_and_fresh_for_visitors(admin_client, kind):
    item = MAKERS[kind]()
    visitor = Client()
    listing = LISTINGS[kind]
    # An anonymous copy of the list is cached with the item in it...
    assert item.get_absolute_url() in visitor.get(listing).text
    assert visitor.get(listing)["X-Page-Cache"] == "hit"

    admin_client.post(
        admin_url(item, "changelist"), {"action": "unpublish", "_selected_action": [item.pk]}
    )
    # ...and is not served once the item went back to draft, nor after it is published again.
    assert item.get_absolute_url() not in visitor.get(listing).text
    assert visitor.get(item.get_absolute_url()).status_code == 404

    response = admin_client.post(
        admin_url(item, "changelist"),
        {"action": "publish", "_selected_action": [item.pk]},
        follow=True,
    )

    assert "1 page published" in response.text
    item.refresh_from_db()
    assert item.is_public
    assert item.get_absolute_url() in visitor.get(listing).text
    assert visitor.get(item.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("kind", MAKERS)
def test_staff_preview_a_draft_with_the_same_banner(admin_client, client, kind):
    item = MAKERS[kind](publication=Publication.DRAFT)

    change_page = admin_client.get(admin_url(item, "change", item.pk)).text
    preview = admin_client.get(item.get_absolute_url())

    assert "View on site" in change_page
    assert "Not published — only logged-in editors see this page" in preview.text
    assert client.get(item.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("kind", MAKERS)
def test_a_scheduled_preview_says_when_it_will_be_public(admin_client, kind):
    from django.utils import timezone

    item = MAKERS[kind](published_at=timezone.now() + timezone.timedelta(days=2))

    preview = admin_client.get(item.get_absolute_url()).text

    assert "scheduled for" in preview


def test_every_content_admin_is_a_content_admin():
    from core.admin import ContentAdmin
    from core.models import Content

    content_admins = {
        model: model_admin
        for model, model_admin in admin.site._registry.items()
        if issubclass(model, Content)
    }
    assert len(content_admins) == len(MAKERS)
    assert all(isinstance(model_admin, ContentAdmin) for model_admin in content_admins.values())


def change_form_data(response) -> dict:
    """What the browser posts back from a change form left as it is, inlines included."""
    data = form_data(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in management.fields:
            data[management[name].html_name] = management[name].value()
        for form in inline.formset.initial_forms:
            data.update(form_data(form))
    return data


def form_data(form) -> dict:
    data = {}
    for bound in form:
        widget = bound.field.widget
        while isinstance(widget, RelatedFieldWidgetWrapper):
            widget = widget.widget
        if isinstance(widget, forms.FileInput):
            continue
        context = widget.get_context(bound.html_name, bound.value(), {})["widget"]
        for part in context.get("subwidgets") or [context]:
            if isinstance(widget, forms.CheckboxInput):
                if part["attrs"].get("checked"):
                    data[part["name"]] = "on"
            elif part["value"] is not None:
                data[part["name"]] = part["value"]
    return data


@pytest.mark.parametrize("kind", MAKERS)
def test_save_and_preview_saves_then_opens_the_draft_with_its_banner(admin_client, kind):
    item = MAKERS[kind](publication=Publication.DRAFT)
    url = admin_url(item, "change", item.pk)
    form = admin_client.get(url)
    assert 'value="Save and preview" name="_preview"' in form.text
    data = change_form_data(form)
    title_field = "name" if kind == "prisoner" else "title"
    data[title_field] = "Changed before the preview"

    response = admin_client.post(url, {**data, "_preview": "Save and preview"})

    assert response.status_code == 302
    assert response["Location"] == item.get_absolute_url()
    preview = admin_client.get(response["Location"])
    assert "Changed before the preview" in preview.text
    assert "Not published — only logged-in editors see this page" in preview.text


@pytest.mark.parametrize("kind", MAKERS)
def test_the_list_says_when_a_scheduled_item_goes_live(admin_client, kind):
    from django.utils import timezone

    goes_live = timezone.make_aware(timezone.datetime(2099, 12, 3, 9, 0))
    MAKERS[kind](published_at=goes_live)

    response = admin_client.get(admin_url(MAKERS[kind](), "changelist"))

    assert '<td class="field-publication_state">Scheduled for 3 December 2099, 09:00</td>' in (
        response.text
    )
