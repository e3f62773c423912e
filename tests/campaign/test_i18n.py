"""The interface in English, Russian and Kazakh: catalogues, addresses, switcher, formats."""

import datetime
import gettext
import itertools
import os
import shutil
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from petitions.templatetags.petition_tags import thousands
from prisoners.models import Prisoner
from tests import pofile
from tests.factories import make_detention, make_petition, make_prisoner
from tests.petitions.helpers import form_data

LOCALE = Path(settings.BASE_DIR) / "locale"
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def _sources() -> list[Path]:
    """What makemessages reads: our apps and the template folders (not tests, not the
    virtualenv, which may live inside the project folder)."""
    base = Path(settings.BASE_DIR)
    folders = [Path(app.path) for app in apps.get_app_configs()]
    folders += [Path(folder) for engine in settings.TEMPLATES for folder in engine["DIRS"]]
    folders += [Path(folder) for folder in settings.STATICFILES_DIRS]
    return [
        folder
        for folder in folders
        if folder.is_relative_to(base) and not folder.relative_to(base).parts[0].startswith(".")
    ]


# djangojs: the admin's scripts (the rich-text editor's toolbar and dialogs).
DOMAINS = {"django": 300, "djangojs": 50}


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("language", TRANSLATED)
def test_every_catalogue_entry_is_translated_and_reviewed(language, domain):
    entries = pofile.parse(LOCALE / language / "LC_MESSAGES" / f"{domain}.po")[1:]
    assert len(entries) > DOMAINS[domain]
    untranslated = [entry.msgid for entry in entries if not entry.translated]
    fuzzy = [entry.msgid for entry in entries if entry.fuzzy]
    assert not untranslated, f"untranslated in {language}: {untranslated}"
    assert not fuzzy, f"fuzzy (needs review) in {language}: {fuzzy}"


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("language", TRANSLATED)
def test_the_committed_mo_file_is_compiled_from_the_po_file(language, domain):
    """The site runs on the .mo files: a .po edit without compilemessages changes nothing."""
    folder = LOCALE / language / "LC_MESSAGES"
    with (folder / f"{domain}.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    for entry in pofile.parse(folder / f"{domain}.po")[1:]:
        msgid = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural is None:
            assert compiled._catalog.get(msgid) == entry.msgstr[0], entry.msgid
        else:
            assert compiled._catalog.get((msgid, 0)) == entry.msgstr[0], entry.msgid


def test_every_string_in_the_code_and_templates_is_in_the_catalogues(tmp_path, settings):
    """Runs makemessages on a copy of the source and compares: a string marked for
    translation but missing from the catalogue (makemessages not run) fails here."""
    if not shutil.which("xgettext"):
        if os.environ.get("E2E_REQUIRED") == "1":
            pytest.fail("needs GNU gettext (apt install gettext)")
        pytest.skip("needs GNU gettext (apt install gettext)")
    for folder in _sources():
        shutil.copytree(
            folder,
            tmp_path / folder.relative_to(settings.BASE_DIR),
            ignore=shutil.ignore_patterns("__pycache__", "migrations"),
        )
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    (tmp_path / "locale").mkdir()
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        for domain in DOMAINS:
            call_command("makemessages", locale=TRANSLATED, domain=domain, verbosity=0)
    finally:
        os.chdir(cwd)
    for language, domain in itertools.product(TRANSLATED, DOMAINS):
        catalogue = f"{language}/LC_MESSAGES/{domain}.po"
        wanted = {entry.key for entry in pofile.parse(tmp_path / "locale" / catalogue)[1:]}
        present = {entry.key for entry in pofile.parse(LOCALE / catalogue)[1:]}
        assert not wanted - present, f"run makemessages: missing in {catalogue}: {wanted - present}"
        assert not present - wanted, (
            f"run makemessages: no longer used in {catalogue}: {present - wanted}"
        )


@pytest.mark.django_db
def test_english_pages_have_no_prefix_and_the_others_do(client):
    assert reverse("articles:list") == "/news/"
    with translation.override("ru"):
        assert reverse("articles:list") == "/ru/news/"
    with translation.override("kk"):
        assert reverse("petitions:list") == "/kk/petitions/"
    assert client.get("/news/").status_code == 200
    assert client.get("/ru/news/").status_code == 200
    assert client.get("/de/news/").status_code == 404


@pytest.mark.django_db
def test_an_unprefixed_address_is_english_whatever_the_browser_asks_for(client):
    response = client.get("/news/", headers={"accept-language": "ru"})
    assert response.status_code == 200
    assert '<html lang="en">' in response.text


@pytest.mark.django_db
def test_site_wide_addresses_keep_working_without_a_language(client):
    cache.clear()  # the sitemap view is cached for 15 minutes
    assert client.get("/healthz").status_code == 200
    assert client.get("/robots.txt").status_code == 200
    assert client.get("/sitemap.xml").status_code == 200
    assert client.get("/ru/healthz").status_code == 404
    petition = make_petition()
    assert client.get(f"/petitions/{petition.slug}/count.json").json()["count"] == 0
    assert client.get(f"/kk/petitions/{petition.slug}/count.json").json()["count"] == 0
    cache.clear()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "nav", "label", "error", "button"),
    [
        ("ru", ">Новости</a>", "Имя и фамилия", "Обязательное поле.", "Подпишите петицию"),
        (
            "kk",
            ">Жаңалықтар</a>",
            "Аты-жөніңіз",
            "Бұл өрісті толтыру міндетті.",
            "Петицияға қол қойыңыз",
        ),
    ],
)
def test_a_petition_page_speaks_the_visitors_language(client, language, nav, label, error, button):
    petition = make_petition()
    with translation.override(language):
        sign_url = reverse("petitions:sign", args=[petition.slug])
    response = client.post(sign_url, form_data(name=""))
    html = response.text
    assert response.status_code == 400
    assert f'<html lang="{language}">' in html
    assert nav in html
    assert label in html
    assert error in html
    assert button in html
    assert "Full name" not in html and "Sign the petition" not in html


@pytest.mark.django_db
def test_kazakh_email_errors_are_in_kazakh(client):
    petition = make_petition()
    response = client.post(f"/kk/petitions/{petition.slug}/sign/", form_data(email="anna@"))
    assert "Толық пошта мекенжайын енгізіңіз" in response.text


@pytest.mark.django_db
def test_the_switcher_links_to_the_same_page_in_each_language(client):
    make_prisoner(slug="anna", name="Anna")
    response = client.get("/ru/prisoners/?status=sentenced")
    html = response.text
    assert '<a href="/prisoners/?status=sentenced" hreflang="en" lang="en">English</a>' in html
    assert (
        'href="/ru/prisoners/?status=sentenced" hreflang="ru" lang="ru" aria-current="true"' in html
    )
    assert '<a href="/kk/prisoners/?status=sentenced" hreflang="kk" lang="kk">Қазақша</a>' in html
    detail = client.get("/prisoners/anna/").text
    assert '<a href="/ru/prisoners/anna/" hreflang="ru" lang="ru">Русский</a>' in detail


@pytest.mark.django_db
def test_every_page_lists_its_language_versions_for_search_engines(client):
    html = client.get("/kk/news/").text
    assert '<link rel="alternate" hreflang="en" href="http://testserver/news/">' in html
    assert '<link rel="alternate" hreflang="ru" href="http://testserver/ru/news/">' in html
    assert '<link rel="alternate" hreflang="kk" href="http://testserver/kk/news/">' in html
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/news/">' in html


def test_numbers_are_grouped_the_way_each_language_writes_them():
    assert thousands(1234567) == "1,234,567"
    with translation.override("ru"):
        assert thousands(1234) == "1\xa0234"
    with translation.override("kk"):
        assert thousands(1234) == "1\xa0234"


@pytest.mark.django_db
def test_days_held_follow_the_language():
    today = datetime.date(2026, 11, 25)
    prisoner = make_prisoner()
    make_detention(prisoner, detained_on=today - datetime.timedelta(days=1234))
    prisoner = Prisoner.objects.for_listing().get(pk=prisoner.pk)
    assert prisoner.days_behind_bars_text(today) == "Held for 1,234 days"
    with translation.override("ru"):
        assert prisoner.days_behind_bars_text(today) == "1\xa0234 дня в заключении"
    with translation.override("kk"):
        assert prisoner.days_behind_bars_text(today) == "1\xa0234 күн қамауда"


@pytest.mark.django_db
def test_dates_are_written_the_way_each_language_writes_them(client):
    prisoner = make_prisoner(slug="anna")
    make_detention(prisoner, detained_on=datetime.date(2022, 1, 5))
    assert "Detained on 5 January 2022" in client.get("/prisoners/anna/").text
    assert "Задержан(а) 5 января 2022 г." in client.get("/ru/prisoners/anna/").text
    assert "Ұсталған күні: 5 Қаңтар 2022 ж." in client.get("/kk/prisoners/anna/").text


@pytest.mark.django_db
def test_the_admin_speaks_the_language_the_editors_browser_asks_for(admin_client):
    russian = admin_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="ru")
    kazakh = admin_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="kk,ru;q=0.8")
    english = admin_client.get(reverse("admin:index"))

    assert "Выйти" in russian.content.decode()
    assert russian["Content-Language"] == "ru"
    assert kazakh["Content-Language"] == "kk"
    assert english["Content-Language"] == "en"
    assert "Accept-Language" in russian["Vary"]
