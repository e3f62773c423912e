"""What the Editors and Moderators groups (kept in step with what each app declares after
every migrate) may do in the admin."""

import importlib
import io
import os

import pytest
from django.apps import apps as django_apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.models import Article
from petitions.abuse import email_domain_blocked
from petitions.models import BlockedEmailDomain, PetitionSettings, Signature
from tests.factories import (
    make_article,
    make_category,
    make_petition,
    make_prisoner,
    make_signature,
    make_video,
)

pytestmark = pytest.mark.django_db


def staff_in(group_name: str) -> User:
    user = User.objects.create_user(group_name.lower(), password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(client):
    user = staff_in("Editors")
    client.force_login(user)
    return user


@pytest.fixture
def moderator(client):
    user = staff_in("Moderators")
    client.force_login(user)
    return user


def run_action(client, model_admin: str, action: str, objects):
    return client.post(
        reverse(f"admin:{model_admin}_changelist"),
        {"action": action, "_selected_action": [obj.pk for obj in objects]},
    )


def history(obj) -> list[str]:
    return list(
        LogEntry.objects.filter(object_id=str(obj.pk), action_flag=CHANGE)
        .order_by("pk")
        .values_list("change_message", flat=True)
    )


def test_an_editor_writes_an_article_and_publishes_it(client, editor):
    category = make_category(name="Strikes", slug="strikes")
    response = client.post(
        reverse("admin:articles_article_add"),
        {
            "title": "Oil workers strike in Zhanaozen",
            "slug": "oil-workers-strike",
            "standfirst": "Thousands stop work",
            "body": "<p>The strike began at dawn.</p>",
            "publication": "draft",
            "language": "en",
            "categories": [category.pk],
        },
    )
    assert response.status_code == 302
    article = Article.objects.get(slug="oil-workers-strike")
    assert 'href="/news/oil-workers-strike/"' not in client.get("/news/").text

    response = run_action(client, "articles_article", "publish", [article])

    assert response.status_code == 302
    assert 'href="/news/oil-workers-strike/"' in client.get("/news/").text
    assert history(article) == ["Published"]


def test_an_editor_writes_an_urgent_article_and_previews_it_before_publishing(client, editor):
    response = client.post(
        reverse("admin:articles_article_add"),
        {
            "title": "Night arrests in Zhanaozen",
            "slug": "night-arrests",
            "body": "<p>Police came at midnight.</p>",
            "publication": "draft",
            "language": "en",
            "_preview": "Save and preview",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == "/news/night-arrests/"
    preview = client.get(response["Location"]).text
    assert "Police came at midnight." in preview
    assert "Not published — only logged-in editors see this page" in preview


def test_an_editor_cannot_open_user_or_group_admin(client, editor):
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_user_change", args=[editor.pk])).status_code == 403
    index = client.get(reverse("admin:index")).text
    assert "Users" not in index
    assert "Blocked email domains" not in index


def test_an_editor_sees_no_signer_and_cannot_export_signatures(client, editor):
    """Editors write content; who signed (names, emails, cities) is for Moderators."""
    petition = make_petition(title="Free Vadim")
    signature = make_signature(petition=petition, name="Anna Karenina", show_name=True)

    changelist = client.get(reverse("admin:petitions_signature_changelist"))
    change = client.get(reverse("admin:petitions_signature_change", args=[signature.pk]))
    petitions = client.get(reverse("admin:petitions_petition_changelist")).text
    export = run_action(client, "petitions_petition", "export_confirmed", [petition])
    index = client.get(reverse("admin:index")).text

    assert changelist.status_code == 403
    assert change.status_code == 403
    assert "Free Vadim" in petitions
    assert 'value="export_confirmed"' not in petitions
    assert 'value="export_contacts"' not in petitions
    assert export.get("Content-Type", "").startswith("text/html")
    assert "Anna Karenina" not in export.text
    assert not LogEntry.objects.exists()
    assert "Signatures" not in index


def test_a_moderator_sees_signatures_but_cannot_change_them(client, moderator):
    signature = make_signature(name="Anna Karenina", show_name=True)
    change_url = reverse("admin:petitions_signature_change", args=[signature.pk])

    listing = client.get(reverse("admin:petitions_signature_changelist"))
    page = client.get(change_url)
    changed = client.post(change_url, {"name": "Someone Else"})

    assert listing.status_code == 200
    assert "Anna Karenina" in listing.text
    assert page.status_code == 200
    assert 'name="name"' not in page.text
    assert changed.status_code == 403
    signature.refresh_from_db()
    assert signature.name == "Anna Karenina"


def test_a_moderator_exports_signatures_and_the_export_is_in_the_history(client, moderator):
    petition = make_petition(title="Free Vadim")
    make_signature(petition=petition, name="Anna Karenina")

    listing = client.get(reverse("admin:petitions_petition_changelist")).text
    response = run_action(client, "petitions_petition", "export_confirmed", [petition])

    assert 'value="export_confirmed"' in listing
    assert response.status_code == 200
    assert "Anna Karenina" in b"".join(response.streaming_content).decode()
    assert history(petition) == ["Exported confirmed signatures as CSV"]


def test_a_moderator_finds_a_signer_by_email_and_exports_from_the_signatures_list(
    client, moderator
):
    petition = make_petition(title="Free Vadim")
    wanted = make_signature(petition=petition, name="Anna Karenina", email="anna@example.org")
    make_signature(petition=petition, name="Someone Else", email="else@example.org")
    url = reverse("admin:petitions_signature_changelist")

    found = client.get(url, {"q": "ANNA@example"}).text
    response = run_action(client, "petitions_signature", "export_confirmed", [wanted])

    assert "Anna Karenina" in found and "Someone Else" not in found
    assert 'value="export_confirmed"' in found and 'value="export_contacts"' in found
    exported = b"".join(response.streaming_content).decode()
    assert "Anna Karenina" in exported and "Someone Else" not in exported


def test_staff_who_see_signatures_but_may_not_export_get_no_export_action(client):
    user = User.objects.create_user("viewer", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_signature"))
    client.force_login(user)
    signature = make_signature(name="Anna Karenina")

    listing = client.get(reverse("admin:petitions_signature_changelist")).text
    response = run_action(client, "petitions_signature", "export_confirmed", [signature])

    assert "Anna Karenina" in listing
    assert 'value="export_confirmed"' not in listing
    assert response.get("Content-Type", "").startswith("text/html")
    assert not LogEntry.objects.exists()


def test_the_migration_takes_signatures_from_editors_of_an_existing_database():
    """Roles are only ever added to after migrate, so a database whose Editors were given
    the signatures before needs them taken away once; Moderators keep them."""
    editors, moderators = Group.objects.get(name="Editors"), Group.objects.get(name="Moderators")
    moderators_only = Permission.objects.filter(
        content_type__app_label="petitions", codename__in=["view_signature", "export_signatures"]
    )
    editors.permissions.add(*moderators_only)
    editors.permissions.add(Permission.objects.get(codename="change_petition"))
    migration = importlib.import_module(
        "petitions.migrations.0006_editors_no_longer_see_signatures"
    )

    migration.editors_no_longer_see_signatures(django_apps, schema_editor=None)

    assert not editors.permissions.filter(pk__in=moderators_only).exists()
    assert editors.permissions.filter(codename="change_petition").exists()
    assert moderators.permissions.filter(pk__in=moderators_only).count() == 2


def test_staff_without_the_export_permission_cannot_export(client):
    user = User.objects.create_user("intern", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_petition"))
    client.force_login(user)
    petition = make_petition()
    make_signature(petition=petition, name="Anna Karenina")

    listing = client.get(reverse("admin:petitions_petition_changelist")).text
    response = run_action(client, "petitions_petition", "export_confirmed", [petition])

    assert 'value="export_confirmed"' not in listing
    assert response.get("Content-Type", "").startswith("text/html")
    assert not LogEntry.objects.exists()


def test_petition_state_changes_are_in_the_history(client, editor):
    petition = make_petition(publication="draft")

    run_action(client, "petitions_petition", "publish", [petition])
    run_action(client, "petitions_petition", "close_petitions", [petition])
    run_action(client, "petitions_petition", "open_petitions", [petition])

    assert history(petition) == ["Published", "Closed", "Opened"]


def test_a_moderator_hides_a_signature_from_the_petition_page(client, moderator):
    petition = make_petition(title="Free Vadim", slug="free-vadim")
    offensive = make_signature(petition=petition, name="Rude Word", show_name=True)
    assert "Rude W." in client.get(petition.get_absolute_url()).text

    run_action(client, "petitions_signature", "hide_names", [offensive])

    page = client.get(petition.get_absolute_url()).text
    assert "Rude W." not in page
    offensive.refresh_from_db()
    assert offensive.state == Signature.State.CONFIRMED  # still counted
    assert history(offensive) == ["Name hidden from the petition page"]


def test_a_moderator_rejects_and_releases_held_signatures(client, moderator, mailoutbox):
    spam, genuine = (make_signature(state=Signature.State.HELD) for _ in range(2))

    run_action(client, "petitions_signature", "invalidate", [spam])
    run_action(client, "petitions_signature", "release", [genuine])

    spam.refresh_from_db()
    genuine.refresh_from_db()
    assert spam.state == Signature.State.INVALIDATED
    assert genuine.state == Signature.State.PENDING
    assert history(spam) == ["Invalidated"]
    assert history(genuine) == ["Released"]


def test_a_moderator_blocks_an_email_domain_and_its_subdomains(client, moderator):
    response = client.post(
        reverse("admin:petitions_blockedemaildomain_add"),
        {"domain": "SPAM.example", "reason": "Bot signatures on 3 November"},
    )
    duplicate = client.post(
        reverse("admin:petitions_blockedemaildomain_add"), {"domain": "spam.example"}
    )
    not_a_domain = client.post(
        reverse("admin:petitions_blockedemaildomain_add"), {"domain": "https://spam.example/"}
    )

    assert response.status_code == 302
    assert BlockedEmailDomain.objects.get().domain == "spam.example"
    assert "already exists" in duplicate.text
    assert "Enter a domain such as spam.example" in not_a_domain.text
    assert email_domain_blocked("someone@mail.spam.example")
    assert email_domain_blocked("someone@spam.example")
    assert not email_domain_blocked("someone@notspam.example")


def test_an_editor_cannot_edit_the_block_list(client, editor):
    url = reverse("admin:petitions_blockedemaildomain_add")

    assert client.post(url, {"domain": "example.org"}).status_code == 403
    assert not BlockedEmailDomain.objects.exists()


def test_an_oversized_image_is_refused_with_its_size_and_the_limit(client, editor, settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 1_048_576
    buffer = io.BytesIO()
    # Noise does not compress: about 1.5 MB as PNG.
    Image.frombytes("RGB", (720, 720), os.urandom(720 * 720 * 3)).save(buffer, "PNG")
    photo = SimpleUploadedFile("crowd.png", buffer.getvalue(), content_type="image/png")

    response = client.post(
        reverse("admin:articles_article_add"),
        {
            "title": "Too big",
            "slug": "too-big",
            "publication": "draft",
            "lead_image": photo,
            "lead_image_alt": "A crowd",
        },
    )

    assert response.status_code == 200
    assert "images may be at most 1 MB." in response.text
    assert "This image is 1.5 MB" in response.text
    assert not Article.objects.exists()


def test_an_editor_previews_a_draft_from_view_on_site(client, editor):
    draft = make_article(title="Embargoed report", slug="embargoed", publication="draft")

    change_page = client.get(reverse("admin:articles_article_change", args=[draft.pk])).text

    assert "View on site" in change_page
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_only_moderators_change_the_petition_settings_kill_switch(client, editor):
    url = reverse("admin:petitions_petitionsettings_add")

    assert client.post(url, {"signing_paused": "on"}).status_code == 403
    assert not PetitionSettings.objects.exists()

    client.force_login(staff_in("Moderators"))
    assert client.post(url, {"signing_paused": "on"}).status_code == 302
    assert PetitionSettings.load().signing_paused


@pytest.mark.parametrize(
    "hide",
    [
        lambda: make_video(publication="draft"),
        lambda: make_prisoner(publication="draft"),
        lambda: make_petition(publication="draft"),
    ],
    ids=["video", "prisoner", "petition"],
)
def test_editors_preview_unpublished_pages_that_visitors_cannot_see(client, editor, hide):
    hidden = hide()
    admin_page = client.get(
        reverse(
            f"admin:{hidden._meta.app_label}_{hidden._meta.model_name}_change", args=[hidden.pk]
        )
    ).text

    preview = client.get(hidden.get_absolute_url())
    client.logout()
    visitor = client.get(hidden.get_absolute_url())

    assert "View on site" in admin_page
    assert preview.status_code == 200
    assert "Not published — only logged-in editors see this page" in preview.text
    assert '<meta name="robots" content="noindex">' in preview.text
    assert visitor.status_code == 404
