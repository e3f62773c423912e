"""Letter counts under real concurrency: real threads, each with its own Postgres connection,
released together by a barrier."""

import threading

import pytest
from django.db import connection
from django.test import Client

from actions.models import LetterCount, LetterTarget
from tests.factories import make_action

pytestmark = pytest.mark.django_db(transaction=True)


def run_together(count, work):
    barrier = threading.Barrier(count)
    errors = []

    def worker(index):
        try:
            barrier.wait(timeout=30)
            work(index)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors


def test_parallel_i_sent_it_posts_count_exactly(postgres, settings):
    settings.SIGNATURE_RATE_LIMIT = None
    action = make_action(targets=["embassy", {"name": "KazakhMys", "email": "info@example.org"}])
    embassy, company = LetterTarget.objects.filter(action=action)
    url = f"/actions/{action.slug}/sent/"
    # Thirty writers from two countries, every one sending to all targets, and ten more to
    # the company alone: every first letter from a country races to create its row.
    plan = [("all", "GB")] * 15 + [("all", "DE")] * 15 + [(str(company.pk), "GB")] * 10

    def post(index):
        target, country = plan[index]
        response = Client().post(
            url, {"target": target, "country": country}, REMOTE_ADDR=f"203.0.113.{index}"
        )
        assert response.status_code == 302

    run_together(len(plan), post)

    counts = {(row.target_id, row.country.code): row.count for row in LetterCount.objects.all()}
    assert counts == {
        (embassy.pk, "GB"): 15,
        (embassy.pk, "DE"): 15,
        (company.pk, "GB"): 25,
        (company.pk, "DE"): 15,
    }
