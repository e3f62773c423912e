"""Every page of the admin opens for a superuser, and no change list runs a query per row."""

import itertools
from urllib.error import URLError

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_countries import countries
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks_db.models import DBTaskResult

from actions.models import LetterAction
from articles.models import Article, Category
from core.mailing_models import Mailing
from core.mailings import create_mailing
from events.models import Event
from media_embeds.models import LibraryImage, Video
from pages.models import Page
from petitions.models import (
    BlockedEmailDomain,
    Embassy,
    Petition,
    PetitionSettings,
    Signature,
    WallMessage,
)
from prisoners.models import Charge, Detention, Follower, Prisoner, TimelineEvent
from tests.factories import (
    make_action,
    make_article,
    make_authenticator,
    make_category,
    make_detention,
    make_embassy,
    make_event,
    make_follower,
    make_library_image,
    make_page,
    make_petition,
    make_prisoner,
    make_signature,
    make_video,
)

pytestmark = pytest.mark.django_db

_serial = itertools.count(1)


def _with_categories(**fields):
    article = make_article(**fields)
    article.categories.set([make_category(), make_category()])
    return article


def _detention():
    detention = make_detention()
    Charge.objects.create(detention=detention, article=str(next(_serial)))
    TimelineEvent.objects.create(
        prisoner=detention.prisoner, date=timezone.localdate(), kind="arrest", description="x"
    )
    return detention


def _task_result():
    return DBTaskResult.objects.create(
        task_path="petitions.tasks.send_signature_email",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=timezone.now(),
    )


def _access(model, **fields):
    return model.objects.create(
        username=f"user{next(_serial)}",
        ip_address="203.0.113.7",
        user_agent="Firefox",
        path_info="/admin/login/",
        **fields,
    )


def _staff():
    return User.objects.create_user(f"user{next(_serial)}", is_staff=True)


def _recovery_codes(user):
    device = StaticDevice.objects.create(user=user, name="Recovery codes")
    StaticToken.objects.create(device=device, token=StaticToken.random_token())
    return device


def _mailing():
    petition = Petition.objects.first() or make_petition()
    return create_mailing(
        audience="petitions.signers",
        scope_id=petition.pk,
        messages={"en": ("Handed over", "Text"), "ru": ("Передана", "Текст")},
    )


def _embassy():
    used = set(Embassy.objects.values_list("country", flat=True))
    return make_embassy(country=next(code for code, _ in countries if code not in used))


# One row of each model an admin lists; a newly registered model must be added here.
ROW_MAKERS = {
    Group: lambda: Group.objects.create(name=f"Group {next(_serial)}"),
    User: lambda: User.objects.create_user(f"user{next(_serial)}", is_staff=True),
    DBTaskResult: _task_result,
    AccessAttempt: lambda: _access(AccessAttempt, failures_since_start=1),
    AccessLog: lambda: _access(AccessLog),
    AccessFailureLog: lambda: _access(AccessFailureLog),
    TOTPDevice: lambda: make_authenticator(_staff()),
    StaticDevice: lambda: _recovery_codes(_staff()),
    Prisoner: make_prisoner,
    Detention: _detention,
    Category: make_category,
    Article: _with_categories,
    Video: make_video,
    LibraryImage: make_library_image,
    Petition: lambda: make_signature(petition=make_petition()).petition,
    Signature: lambda: make_signature(petition=Petition.objects.first() or make_petition()),
    WallMessage: lambda: make_signature(
        petition=Petition.objects.first() or make_petition(),
        comment="Stay strong",
        publish_comment=True,
    ),
    Embassy: _embassy,
    Page: make_page,
    Event: make_event,
    LetterAction: make_action,
    BlockedEmailDomain: lambda: BlockedEmailDomain.objects.create(
        domain=f"spam{next(_serial)}.example"
    ),
    Mailing: _mailing,
    Follower: make_follower,
}
SINGLETONS = {PetitionSettings}
REGISTERED = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise URLError("network disabled in tests")

    monkeypatch.setattr("media_embeds.services.urlopen", refuse)


@pytest.fixture(autouse=True)
def _database_tasks(settings):
    """Queued tasks exist only with the database backend (production's); the admin shows
    them through it."""
    settings.TASKS = {
        "default": {**settings.TASKS["default"], "BACKEND": "django_tasks_db.DatabaseBackend"}
    }


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_registered_model_is_walked():
    assert {model for model, _ in REGISTERED} == set(ROW_MAKERS) | SINGLETONS


@pytest.mark.parametrize(
    ("model", "model_admin"), REGISTERED, ids=[model._meta.label for model, _ in REGISTERED]
)
def test_every_admin_page_opens_with_the_demo_content(admin_client, model, model_admin):
    call_command("seed_demo", stdout=None)
    obj = model._default_manager.first()
    if obj is None:
        obj = ROW_MAKERS[model]() if model in ROW_MAKERS else model.load()

    assert admin_client.get(admin_url(model, "changelist")).status_code == 200
    assert admin_client.get(admin_url(model, "change", obj.pk)).status_code == 200
    assert admin_client.get(admin_url(model, "history", obj.pk)).status_code == 200
    add = admin_client.get(admin_url(model, "add"))
    request = add.wsgi_request
    assert add.status_code == (200 if model_admin.has_add_permission(request) else 403)


@pytest.mark.parametrize("model", list(ROW_MAKERS), ids=[m._meta.label for m in ROW_MAKERS])
def test_change_list_queries_do_not_grow_with_rows(admin_client, model):
    def queries_for_list():
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get(admin_url(model, "changelist")).status_code == 200
        return len(captured)

    for _ in range(2):
        ROW_MAKERS[model]()
    few = queries_for_list()
    for _ in range(18):
        ROW_MAKERS[model]()
    many = queries_for_list()

    assert model._default_manager.count() >= 20
    assert many == few, f"{model._meta.label}: {few} queries for 2 rows, {many} for 20"
