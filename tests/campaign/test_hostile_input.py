"""Every public page, form and query parameter driven with hostile input (hypothesis).

Only these statuses may come back: never a 500, whatever arrives. A request that is refused
(4xx) stores nothing. Runs ``HOSTILE_EXAMPLES`` examples in all (5,000 by default; set
HOSTILE_EXAMPLES=500 for a quick local run), through Django's test client without a server.
"""

import os
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from petitions.forms import SignatureForm
from petitions.models import Signature
from tests.factories import (
    make_article,
    make_category,
    make_petition,
    make_prisoner,
    make_video,
)
from tests.petitions.helpers import form_data

pytestmark = pytest.mark.django_db

ALLOWED = {400, 403, 404, 405, 413, 429}
TOTAL_EXAMPLES = int(os.environ.get("HOSTILE_EXAMPLES", "5000"))
# Shares of the total, weighted towards the requests with the most paths through the code.
SHARES = {"query": 0.4, "path": 0.2, "sign": 0.3, "raw": 0.1}


def hostile(share: str):
    return settings(
        max_examples=max(1, int(TOTAL_EXAMPLES * SHARES[share])),
        deadline=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
        ],
    )


HOSTILE_STRINGS = [
    "",
    "\x00",
    "a\x00b",
    "%00",
    "' OR '1'='1",
    "'; DROP TABLE petitions_signature; --",
    '" OR ""="',
    "1; SELECT pg_sleep(10)",
    "\\",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "{% load log %}{% get_admin_log 10 as x %}",
    "${7*7}",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "../../../../etc/passwd",
    "\u202egnp.exe",
    "\ufeff",
    "\uffff",
    "\U0001d54f" * 50,
    "-1",
    "0",
    "1e308",
    "NaN",
    "Infinity",
    "last",
    "2147483648",
    "99999999999999999999",
    "@",
    "a@b",
    "x" * 250 + "@example.org",
    "XX",
    "GB",
    "kk",
]

hostile_text = st.one_of(
    st.sampled_from(HOSTILE_STRINGS),
    st.text(max_size=40),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.builds(lambda char, n: char * n, st.characters(codec="utf-8"), st.integers(0, 20_000)),
    # Overlong values: past every max_length, DATA_UPLOAD_MAX_MEMORY_SIZE excepted.
    st.integers(4_000, 30_000).map(lambda n: "9" * n),
)
# Raw bytes as a WSGI server hands them over: decoded as latin-1, so invalid UTF-8 survives.
raw_bytes = st.binary(max_size=60).map(lambda data: data.decode("latin-1"))

PARAMETER_NAMES = ["q", "page", "status", "region", "country", "format", "o", "x"]

# Paths that take query parameters; {…} are filled in from the fixture.
PAGES = [
    "/",
    "/search/",
    "/news/",
    "/news/{article}/",
    "/news/feed/rss/",
    "/news/feed/atom/",
    "/category/{category}/",
    "/category/{category}/feed/rss/",
    "/videos/",
    "/videos/{video}/",
    "/prisoners/",
    "/prisoners/{prisoner}/",
    "/petitions/",
    "/petitions/{petition}/",
    "/petitions/{petition}/thank-you/",
    "/petitions/{petition}/check-your-email/",
    "/petitions/{petition}/withdrawn/",
    "/petitions/{petition}/count.json",
    "/about/",
    "/privacy/",
    "/robots.txt",
    "/sitemap.xml",
    "/healthz",
]
# Paths with a part a visitor can type: slugs, tokens, old WordPress addresses.
SLUG_PATHS = [
    "/news/{}/",
    "/videos/{}/",
    "/prisoners/{}/",
    "/petitions/{}/",
    "/petitions/{}/count.json",
    "/petitions/{}/sign/",
    "/category/{}/",
    "/category/{}/feed/rss/",
    "/category/{}/page/2/",
    "/petitions/{petition}/confirm/{}/",
    "/petitions/{petition}/withdraw/{}/",
    "/index.php/{}",
    "/index.php/category/{}/page/3/",
    "/2019/05/01/{}/",
]
METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS"]
SIGN_FIELDS = list(SignatureForm.base_fields)
VALID_SIGNATURE = form_data()


@pytest.fixture
def site(settings):
    # Held signatures still store a row: the rate limit must not hide what a refusal stores.
    settings.SIGNATURE_RATE_LIMIT = None
    category = make_category()
    article = make_article(categories=[category])
    return {
        "category": category.slug,
        "article": article.slug,
        "video": make_video().slug,
        "prisoner": make_prisoner().slug,
        "petition": make_petition().slug,
    }


def assert_acceptable(response, stored_before: int):
    status = response.status_code
    assert status < 400 or status in ALLOWED, status
    if status >= 400:
        assert Signature.objects.count() == stored_before


def request(client, method: str, path: str, *, query: str = "", **extra):
    return client.generic(method, path, QUERY_STRING=query, **extra)


@hostile("query")
@given(
    page=st.sampled_from(PAGES),
    params=st.lists(st.tuples(st.sampled_from(PARAMETER_NAMES), hostile_text), max_size=4),
)
def test_query_parameters_on_every_page(site, client, page, params):
    stored = Signature.objects.count()

    response = request(client, "GET", page.format(**site), query=urlencode(params))

    assert_acceptable(response, stored)


@hostile("path")
@given(path=st.sampled_from(SLUG_PATHS), part=hostile_text, method=st.sampled_from(METHODS))
def test_hostile_slugs_tokens_and_methods(site, client, path, part, method):
    stored = Signature.objects.count()
    encoded = quote(part, safe="")[:5000] or "x"

    response = request(client, method, path.format(encoded, petition=site["petition"]))

    assert_acceptable(response, stored)


sign_values = st.one_of(hostile_text, st.lists(hostile_text, min_size=2, max_size=3))


@hostile("sign")
@given(
    fields=st.dictionaries(st.sampled_from(SIGN_FIELDS), sign_values, max_size=len(SIGN_FIELDS)),
    start_valid=st.booleans(),
    with_csrf=st.booleans(),
)
def test_the_sign_form(site, fields, start_valid, with_csrf):
    client = Client(enforce_csrf_checks=True)
    path = f"/petitions/{site['petition']}/"
    data = {**(VALID_SIGNATURE if start_valid else {}), **fields}
    if with_csrf:
        client.get(path)
        data["csrfmiddlewaretoken"] = client.cookies["csrftoken"].value
    stored = Signature.objects.count()

    response = client.post(f"{path}sign/", data)

    assert_acceptable(response, stored)
    if not with_csrf:
        assert response.status_code == 403


@hostile("raw")
@given(
    page=st.sampled_from([*PAGES, "/petitions/{petition}/sign/"]),
    query=raw_bytes,
    body=raw_bytes,
    content_type=st.sampled_from(
        ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain"]
    ),
)
def test_invalid_utf8_in_the_query_string_and_body(site, client, page, query, body, content_type):
    path = page.format(**site)
    stored = Signature.objects.count()

    got = request(client, "GET", path, query=query)
    posted = client.generic(
        "POST", path, body.encode("latin-1"), content_type=content_type, QUERY_STRING=query
    )

    assert_acceptable(got, stored)
    assert_acceptable(posted, stored)
