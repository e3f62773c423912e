import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def row_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"prisoners", "articles", "media_embeds", "petitions"}
    }


def test_seed_demo_twice_leaves_the_same_rows():
    call_command("seed_demo", verbosity=0)
    after_first = row_counts()
    call_command("seed_demo", verbosity=0)

    assert sum(after_first.values()) > 0
    assert row_counts() == after_first


def test_demo_profile_of_vadim_kuramshin_links_his_petition_news_and_video(client):
    call_command("seed_demo", verbosity=0)

    html = client.get("/prisoners/vadim-kuramshin/").content.decode()

    assert 'href="/petitions/free-vadim-kuramshin/"' in html
    assert 'href="/news/irish-foreign-minister-challenged-over-vadim-kuramshin/"' in html
    assert 'href="/videos/video-report-of-exchanges-in-parliament/"' in html


def test_demo_letter_of_paul_murphy_is_on_the_profile_of_every_prisoner_it_names(client):
    call_command("seed_demo", verbosity=0)
    link = (
        'href="/news/paul-murphy-mep-expresses-solidarity-with-workers-at-kazakhmys-metal-foundry/"'
    )

    def profile(slug):
        return client.get(f"/prisoners/{slug}/").content.decode()

    for named in ("rosa-tulataeva", "vadim-kuramshin", "aron-atabek"):
        assert link in profile(named), named
    assert link not in profile("vladimir-kozlov")


def test_ensure_admin_uses_admin_password(monkeypatch, capsys):
    monkeypatch.setenv("ADMIN_PASSWORD", "correct horse battery staple")

    call_command("ensure_admin")

    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser
    assert admin.check_password("correct horse battery staple")
    assert "correct horse" not in capsys.readouterr().out


def test_ensure_admin_prints_a_random_password_once(monkeypatch, capsys):
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)

    call_command("ensure_admin")
    first_output = capsys.readouterr().out
    password = first_output.rsplit("password ", 1)[1].split()[0]
    call_command("ensure_admin")

    assert get_user_model().objects.get(username="admin").check_password(password)
    assert "already exists" in capsys.readouterr().out


def test_ensure_admin_tells_a_newcomer_who_lost_the_password_how_to_set_one(monkeypatch, capsys):
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    call_command("ensure_admin")
    capsys.readouterr()

    call_command("ensure_admin")

    output = capsys.readouterr().out
    assert "manage.py changepassword admin" in output
    assert "ADMIN_PASSWORD=" in output
