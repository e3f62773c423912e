import csv
import html
import importlib
import io
import re
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.contrib.messages.storage.cookie import CookieStorage
from django.urls import reverse
from django.utils import timezone, translation

from core.admin import log_changes
from petitions.admin import SignerCountryFilter
from petitions.models import BlockedEmailDomain, Petition, Signature
from tests.factories import make_image_upload, make_petition, make_signature

pytestmark = pytest.mark.django_db


def read_csv(response) -> list[list[str]]:
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def test_petition_list_shows_confirmed_counts_without_a_query_per_petition(
    admin_client, django_assert_max_num_queries
):
    for index in range(3):
        petition = make_petition(title=f"Petition {index}")
        for _ in range(index + 1):
            make_signature(petition=petition)
        make_signature(petition=petition, state=Signature.State.PENDING)
    url = reverse("admin:petitions_petition_changelist")
    admin_client.get(url)
    with django_assert_max_num_queries(12) as few:
        response = admin_client.get(url)
    for index in range(12):
        make_petition(title=f"More {index}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        admin_client.get(url)
    assert response.status_code == 200
    rows = response.text
    assert '<td class="field-confirmed_count_display">3</td>' in rows


def test_signatures_are_read_only_in_the_admin(admin_client):
    signature = make_signature()
    assert admin_client.get(reverse("admin:petitions_signature_add")).status_code == 403
    change = reverse("admin:petitions_signature_change", args=[signature.pk])
    response = admin_client.post(change, {"name": "Forged"})
    assert response.status_code == 403
    signature.refresh_from_db()
    assert signature.name != "Forged"


def test_signatures_filter_and_search(admin_client):
    make_signature(name="Findable Person", country="FR")
    make_signature(name="Someone Else", country="DE")
    url = reverse("admin:petitions_signature_changelist")
    assert "Findable Person" in admin_client.get(url, {"q": "findable"}).text
    filtered = admin_client.get(url, {"country": "DE", "state": "confirmed"}).text
    assert "Someone Else" in filtered and "Findable Person" not in filtered


def test_held_signatures_are_released_or_invalidated_in_bulk(admin_client, mailoutbox):
    petition = make_petition()
    held = [make_signature(petition=petition, state=Signature.State.HELD) for _ in range(3)]
    url = reverse("admin:petitions_signature_changelist")
    admin_client.post(url, {"action": "release", "_selected_action": [held[0].pk, held[1].pk]})
    admin_client.post(url, {"action": "invalidate", "_selected_action": [held[2].pk]})
    states = dict(Signature.objects.values_list("pk", "state"))
    assert states == {held[0].pk: "pending", held[1].pk: "pending", held[2].pk: "invalidated"}
    assert len(mailoutbox) == 2
    assert petition.signature_count == 0


def test_csv_export_escapes_formulas_and_is_logged(admin_client):
    petition = make_petition()
    make_signature(petition=petition, name="=HYPERLINK(1)", comment="@SUM", city="Алматы")
    make_signature(petition=petition, name="Pending Person", state=Signature.State.PENDING)
    url = reverse("admin:petitions_petition_changelist")
    response = admin_client.post(
        url, {"action": "export_confirmed", "_selected_action": [petition.pk]}
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = read_csv(response)
    assert rows[0][:3] == ["Petition", "Name", "Email"]
    assert len(rows) == 2
    assert rows[1][1] == "'=HYPERLINK(1)" and rows[1][5] == "'@SUM" and rows[1][4] == "Алматы"
    entry = LogEntry.objects.get(object_id=str(petition.pk))
    assert "Exported" in entry.get_change_message()


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_export_quotes_every_field_and_no_cell_starts_a_formula_whatever_the_separator(
    admin_client, delimiter
):
    """Russian and Kazakh Excel split a line on ";" (and paste splits on tabs): a formula
    hidden after a separator inside a field must not start a cell there either."""
    petition = make_petition(title="Free them")
    make_signature(
        petition=petition,
        name='Anna;=HYPERLINK("http://evil.example";"Click")',
        city='Almaty,+cmd|" /C calc"!A0',
        comment='Free them\t-2+3;@SUM(A1); "=1+1"\n=2',
    )

    response = admin_client.post(
        reverse("admin:petitions_petition_changelist"),
        {"action": "export_confirmed", "_selected_action": [petition.pk]},
    )
    text = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")

    assert text.startswith('"Petition","Name","Email",')
    assert text.splitlines()[1].startswith('"Free them","Anna;')
    cells = [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]
    assert not [cell for cell in cells if cell.lstrip(' "').startswith(FORMULA_STARTS)]
    # Read as the comma-separated file it is, every value is whole, with a ' before each formula.
    row = dict(zip(*csv.reader(io.StringIO(text)), strict=True))
    assert row["Name"] == 'Anna;\'=HYPERLINK("http://evil.example";"Click")'
    assert row["City"] == 'Almaty,\'+cmd|" /C calc"!A0'
    assert row["Comment"] == "Free them\t'-2+3;'@SUM(A1);' \"=1+1\"\n'=2"


def test_contacts_export_holds_only_consenting_confirmed_signers(admin_client):
    petition = make_petition()
    make_signature(petition=petition, email="yes@example.org", contact_consent=True)
    make_signature(petition=petition, email="no@example.org")
    make_signature(
        petition=petition,
        email="pending@example.org",
        contact_consent=True,
        state=Signature.State.PENDING,
    )
    response = admin_client.post(
        reverse("admin:petitions_petition_changelist"),
        {"action": "export_contacts", "_selected_action": [petition.pk]},
    )
    emails = [row[2] for row in read_csv(response)[1:]]
    assert emails == ["yes@example.org"]


def test_export_of_ten_thousand_signatures_streams_only_confirmed_rows(admin_client):
    from django.utils import timezone

    petition = make_petition()
    now = timezone.now()
    Signature.objects.bulk_create(
        Signature(
            petition=petition,
            name=f"Signer {i}",
            email=f"s{i}@example.org",
            email_normalised=f"s{i}@example.org",
            country="GB",
            state=Signature.State.CONFIRMED if i % 10 else Signature.State.PENDING,
            confirmed_at=now if i % 10 else None,
        )
        for i in range(11_000)
    )
    response = admin_client.post(
        reverse("admin:petitions_petition_changelist"),
        {"action": "export_confirmed", "_selected_action": [petition.pk]},
    )
    assert response.streaming
    chunks = iter(response.streaming_content)
    first = next(chunks)
    assert first.decode() == "\ufeff"
    rows = read_csv_rest(first, chunks)
    assert len(rows) == 1 + 9_900
    assert all(int(row[1].split()[1]) % 10 for row in rows[1:])


def read_csv_rest(first, chunks):
    text = (first + b"".join(chunks)).decode("utf-8").lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text)))


def test_petition_status_changes_through_guarded_actions(admin_client):
    petition = make_petition()
    url = reverse("admin:petitions_petition_changelist")
    admin_client.post(url, {"action": "open_petitions", "_selected_action": [petition.pk]})
    petition.refresh_from_db()
    assert petition.status == "open"
    admin_client.post(url, {"action": "close_petitions", "_selected_action": [petition.pk]})
    petition.refresh_from_db()
    assert petition.status == "closed"
    admin_client.post(url, {"action": "open_petitions", "_selected_action": [petition.pk]})
    petition.refresh_from_db()
    assert petition.status == "open"


def test_editor_pages_open(admin_client):
    from tests.factories import make_embassy

    petition = make_petition()
    signature = make_signature(petition=petition)
    embassy = make_embassy()
    for url in [
        reverse("admin:petitions_petition_add"),
        reverse("admin:petitions_petition_change", args=[petition.pk]),
        reverse("admin:petitions_signature_change", args=[signature.pk]),
        reverse("admin:petitions_embassy_changelist"),
        reverse("admin:petitions_embassy_change", args=[embassy.pk]),
        reverse("admin:petitions_petitionsettings_add"),
    ]:
        response = admin_client.get(url)
        assert response.status_code == 200, url
    assert (
        signature.email
        in admin_client.get(reverse("admin:petitions_signature_change", args=[signature.pk])).text
    )


def petition_form(**overrides):
    return {
        "title": "New one",
        "slug": "new-one",
        "body": "<p>Text<script>x</script></p>",
        "letter_body": "",
        "lead_image_alt": "",
        "publication": "draft",
        "language": "en",
        "events-TOTAL_FORMS": "0",
        "events-INITIAL_FORMS": "0",
        **overrides,
    }


def test_editors_create_a_petition_as_a_draft(admin_client):
    response = admin_client.post(reverse("admin:petitions_petition_add"), petition_form())
    assert response.status_code == 302, response.content[:2000]
    petition = Petition.objects.get(slug="new-one")
    assert petition.publication == "draft" and petition.body == "<p>Text</p>"
    assert petition.status == "open", "it takes signatures once published"
    assert petition.signature_count == 0


def test_a_petition_image_without_a_description_is_refused_on_that_field(admin_client):
    response = admin_client.post(
        reverse("admin:petitions_petition_add"), petition_form(lead_image=make_image_upload())
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "lead_image_alt": ["Describe the image for people who cannot see it."]
    }
    assert not Petition.objects.exists()


def test_a_petition_image_with_a_description_is_saved(admin_client):
    response = admin_client.post(
        reverse("admin:petitions_petition_add"),
        petition_form(lead_image=make_image_upload(), lead_image_alt="Protesters with placards"),
    )

    assert response.status_code == 302
    petition = Petition.objects.get()
    assert petition.lead_image.name.startswith("petitions/")
    assert petition.lead_image_alt == "Protesters with placards"


def test_editors_set_a_petitions_language_and_original(admin_client):
    original = make_petition(title="Free Vadim")
    page = admin_client.get(reverse("admin:petitions_petition_add")).text
    assert 'name="language"' in page and 'name="translation_of"' in page

    response = admin_client.post(
        reverse("admin:petitions_petition_add"),
        petition_form(
            title="Свободу Вадиму", slug="svobodu", language="ru", translation_of=original.pk
        ),
    )

    assert response.status_code == 302, response.content[:2000]
    translation = Petition.objects.get(slug="svobodu")
    assert translation.language == "ru" and translation.translation_of == original


def test_a_petition_with_signatures_cannot_become_a_translation(admin_client):
    original = make_petition()
    signed = make_petition(language="ru")
    make_signature(petition=signed)

    response = admin_client.post(
        reverse("admin:petitions_petition_change", args=[signed.pk]),
        petition_form(
            title=signed.title, slug=signed.slug, language="ru", translation_of=original.pk
        ),
    )

    assert response.status_code == 200
    assert "already has signatures of its own" in response.text
    signed.refresh_from_db()
    assert signed.translation_of is None
    assert signed.signature_count == 1


def test_moderation_history_names_no_signer(admin_client):
    petition = make_petition(title="Free Vadim")
    held = make_signature(petition=petition, name="Anna Held", state=Signature.State.HELD)
    shown = make_signature(petition=petition, name="Boris Shown", show_name=True)
    url = reverse("admin:petitions_signature_changelist")

    admin_client.post(url, {"action": "release", "_selected_action": [held.pk]})
    admin_client.post(url, {"action": "hide_names", "_selected_action": [shown.pk]})

    entries = LogEntry.objects.order_by("pk")
    assert [entry.object_repr for entry in entries] == [
        f"Signature {held.pk} on “Free Vadim”",
        f"Signature {shown.pk} on “Free Vadim”",
    ]
    assert [entry.change_message for entry in entries] == [
        "Released",
        "Name hidden from the petition page",
    ]
    history = admin_client.get(reverse("admin:petitions_signature_history", args=[held.pk]))
    assert "Released" in history.text and "Anna" not in history.text


def test_history_recorded_before_names_were_left_out_forgets_them(admin_client):
    migration = importlib.import_module("petitions.migrations.0005_signature_history_without_names")
    signature = make_signature(name="Anna Karenina")
    log_changes(SimpleNamespace(user=User.objects.get()), [signature], "Released")
    LogEntry.objects.update(object_repr="Anna Karenina")

    migration.forget_signer_names(apps, schema_editor=None)

    assert LogEntry.objects.get().object_repr == f"Signature {signature.pk}"


def test_history_and_refusals_are_in_the_editors_language(rf, admin_user):
    petition = make_petition(title="Free Vadim")
    held = make_signature(petition=petition, state=Signature.State.HELD)
    request = rf.post("/")
    request.user = admin_user
    request._messages = CookieStorage(request)

    with translation.override("ru"):
        admin.site.get_model_admin(Signature).release(request, Signature.objects.all())
        admin.site.get_model_admin(Petition).open_petitions(request, Petition.objects.all())

    entry = LogEntry.objects.get()
    assert entry.change_message == "Пропущена"
    assert entry.object_repr == f"Подпись №{held.pk} под петицией «Free Vadim»"
    refusal = [str(message) for message in request._messages._queued_messages][-1]
    assert refusal == "Free Vadim: Снова открыть можно только закрытую петицию."


def test_blocked_domains_can_be_narrowed_to_those_added_recently(admin_client):
    BlockedEmailDomain.objects.create(domain="old.example")
    BlockedEmailDomain.objects.update(created_at=timezone.now() - timezone.timedelta(days=60))
    BlockedEmailDomain.objects.create(domain="new.example")
    url = reverse("admin:petitions_blockedemaildomain_changelist")

    page = admin_client.get(url).text
    past_week = re.search(r'<a href="(\?[^"]+)">Past 7 days</a>', page)[1]
    recent = admin_client.get(url + html.unescape(past_week)).text
    assert "new.example" in recent and "old.example" not in recent


def test_the_country_filter_lists_only_countries_signed_from_most_signers_first(
    admin_client, django_assert_max_num_queries
):
    for country, signers in [("FR", 1), ("KZ", 3), ("DE", 2)]:
        for _ in range(signers):
            make_signature(country=country)
    url = reverse("admin:petitions_signature_changelist")

    response = admin_client.get(url)

    assert country_choices(response) == ["All", "Kazakhstan (3)", "Germany (2)", "France (1)"]
    assert "Afghanistan" not in response.text
    queries = len(response_queries(admin_client, url))
    for country in ["GB", "US", "PL", "RU"]:
        make_signature(country=country)
    # One query lists the countries, however many there are.
    with django_assert_max_num_queries(queries):
        admin_client.get(url)
    model_admin = SimpleNamespace(get_queryset=lambda request: Signature.objects.all())
    with translation.override("ru"):
        lookups = SignerCountryFilter(None, {}, Signature, model_admin).lookup_choices
    assert lookups[0] == ("KZ", "Казахстан (3)")
    filtered = admin_client.get(url, {"country": "DE"})
    assert len(filtered.context["cl"].result_list) == 2


def filter_choices(response, title: str) -> list[str]:
    changelist = response.context["cl"]
    (spec,) = [spec for spec in changelist.filter_specs if spec.title == title]
    return [str(choice["display"]) for choice in spec.choices(changelist)]


def country_choices(response) -> list[str]:
    return filter_choices(response, "country")


def test_the_petition_filter_lists_only_petitions_signed_most_signers_first(admin_client):
    small, big = make_petition(title="Free Aron"), make_petition(title="Free Vadim")
    make_petition(title="A draft nobody signed", publication="draft")
    make_signature(petition=small)
    for _ in range(2):
        make_signature(petition=big)
    url = reverse("admin:petitions_signature_changelist")

    response = admin_client.get(url)
    filtered = admin_client.get(url, {"petition__id__exact": small.pk})

    assert filter_choices(response, "petition") == ["All", "Free Vadim (2)", "Free Aron (1)"]
    assert [signature.petition for signature in filtered.context["cl"].result_list] == [small]


def response_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return queries.captured_queries


def list_row(html_text: str, marker: str) -> list[str]:
    row = re.search(rf"<tr>(?:(?!</tr>).)*{re.escape(marker)}.*?</tr>", html_text, re.S).group(0)
    return [
        html.unescape(re.sub(r"<[^>]+>", "", cell)).strip()
        for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
    ]


def test_the_signatures_list_shows_title_name_country_state_and_date(admin_client):
    petition = make_petition(title="Free Vadim Kuramshin")
    signed = timezone.make_aware(timezone.datetime(2026, 12, 3, 9, 5))
    make_signature(petition=petition, name="Aigerim Nurpeisova", country="KZ", created_at=signed)

    response = admin_client.get(reverse("admin:petitions_signature_changelist"))

    assert list_row(response.text, "Aigerim Nurpeisova")[1:] == [
        "Aigerim Nurpeisova",
        "Free Vadim Kuramshin",
        "Kazakhstan",
        "Confirmed",
        "3 December 2026, 09:05",
    ]


def export_from_signatures_list(client, action, signatures, **filters):
    return client.post(
        reverse("admin:petitions_signature_changelist") + "?" + urlencode(filters),
        {"action": action, "_selected_action": [signature.pk for signature in signatures]},
    )


def test_the_signatures_list_exports_the_chosen_rows_with_names_and_iso_dates(admin_client):
    petition = make_petition(title="Free Vadim Kuramshin")
    signed = timezone.make_aware(timezone.datetime(2026, 12, 3, 9, 5, 7, 123456))
    chosen = make_signature(
        petition=petition,
        name="Aigerim Nurpeisova",
        email="aigerim@example.org",
        country="KZ",
        city="Almaty",
        created_at=signed,
        confirmed_at=signed + timezone.timedelta(minutes=2),
    )
    other = make_signature(petition=petition, name="Not Chosen")
    pending = make_signature(petition=petition, state=Signature.State.PENDING)

    response = export_from_signatures_list(admin_client, "export_confirmed", [chosen, pending])

    rows = read_csv(response)
    assert rows == [
        ["Petition", "Name", "Email", "Country", "City", "Comment", "Signed at", "Confirmed at"],
        [
            "Free Vadim Kuramshin",
            "Aigerim Nurpeisova",
            "aigerim@example.org",
            "Kazakhstan",
            "Almaty",
            "",
            "2026-12-03T09:05:07+00:00",
            "2026-12-03T09:07:07+00:00",
        ],
    ]
    assert other.name not in str(rows)
    entry = LogEntry.objects.get(object_id=str(petition.pk))
    assert entry.get_change_message() == (
        "Exported confirmed signatures chosen in the signatures list as CSV"
    )


def test_the_signatures_list_exports_every_row_of_a_filter(admin_client):
    for country in ["KZ", "KZ", "DE"]:
        make_signature(country=country, contact_consent=True)

    response = admin_client.post(
        reverse("admin:petitions_signature_changelist") + "?country=KZ",
        {"action": "export_contacts", "select_across": "1", "_selected_action": ["0"]},
    )

    rows = read_csv(response)
    assert rows[0] == [
        "Petition",
        "Name",
        "Email",
        "Country",
        "Agreed to campaign news at",
        "Wording version agreed to",
    ]
    assert [row[3] for row in rows[1:]] == ["Kazakhstan", "Kazakhstan"]


def test_the_export_speaks_the_editors_language(rf, admin_user):
    signature = make_signature(petition=make_petition(title="Свободу Вадиму"), country="KZ")
    request = rf.post("/")
    request.user = admin_user

    with translation.override("kk"):
        response = admin.site.get_model_admin(Signature).export_confirmed(
            request, Signature.objects.filter(pk=signature.pk)
        )
        rows = read_csv(response)

    assert rows[0][0] != "Petition" and rows[0][0].strip()
    assert rows[1][0] == "Свободу Вадиму"
    assert rows[1][3] == "Қазақстан"
