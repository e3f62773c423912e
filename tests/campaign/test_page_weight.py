"""What a phone on a poor connection downloads for an article: small, compressed, cached for
a year, and nothing from another host."""

import gzip
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings

from tests.factories import (
    make_article,
    make_category,
    make_image_upload,
    make_prisoner,
    make_video_with_poster,
)

pytestmark = pytest.mark.django_db

HTML_BUDGET = 14 * 1024
CSS_BUDGET = 20 * 1024
JS_BUDGET = 10 * 1024
OUR_STATIC = Path(settings.BASE_DIR) / "static"
PARAGRAPH = (
    "<p>Workers at the oil field gathered again on the square after the court refused to hear "
    "the appeal of the union's lawyer, who has now spent more than two years in a colony "
    "for organising a strike that the authorities called illegal.</p>"
)


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@pytest.fixture
def long_article():
    categories = [make_category() for _ in range(3)]
    article = make_article(
        title="Oil workers keep striking as their lawyer stays behind bars",
        standfirst="A third week on the square in Zhanaozen.",
        body=PARAGRAPH * 40,
        lead_image=make_image_upload(),
        lead_image_alt="Workers on the square",
        categories=categories,
    )
    for _ in range(3):
        make_article(categories=categories)
        make_video_with_poster().articles.add(article)
        article.prisoners.add(make_prisoner(summary="Trade union lawyer"))
    return article


def test_an_article_page_fits_the_html_budget_and_loads_nothing_from_other_hosts(long_article):
    response = Client().get(long_article.get_absolute_url())
    html = response.content

    assert len(gzip.compress(html)) <= HTML_BUDGET
    parser = Tags()
    parser.feed(html.decode())
    own_host = urlsplit(settings.SITE_URL).netloc
    for tag, attrs in parser.tags:
        if tag not in {"link", "script", "img", "iframe", "source"}:
            continue
        for name in ("src", "href"):
            url = urlsplit(attrs.get(name) or "")
            assert not url.netloc or url.netloc == own_host, (tag, attrs)
    images = [attrs for tag, attrs in parser.tags if tag == "img"]
    assert images
    for attrs in images:
        if not attrs["src"].endswith(".svg"):
            assert attrs.get("srcset"), attrs
            assert all(".webp " in source for source in attrs["srcset"].split(", ")), attrs


def test_our_css_and_each_script_fit_their_compressed_budgets():
    css = list(OUR_STATIC.glob("**/*.css"))
    scripts = list(OUR_STATIC.glob("**/*.js"))
    assert css and scripts
    assert sum(len(gzip.compress(path.read_bytes())) for path in css) <= CSS_BUDGET
    for path in scripts:
        assert len(gzip.compress(path.read_bytes())) <= JS_BUDGET, path.name


def test_fonts_are_system_fonts_or_our_own():
    for path in OUR_STATIC.glob("**/*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^)'\"]+)", path.read_text()):
            assert not urlsplit(url).netloc, url


def test_static_files_are_served_compressed_and_cached_for_a_year(tmp_path):
    static_root = tmp_path / "static"
    production = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=static_root, STORAGES=production):
        call_command("collectstatic", interactive=False, verbosity=0)
        css = next((static_root / "css").glob("site.*.css")).name
        client = Client()
        for encoding in ("br", "gzip"):
            response = client.get(f"/static/css/{css}", HTTP_ACCEPT_ENCODING=encoding)
            assert response.status_code == 200
            assert response["Content-Encoding"] == encoding
            assert "immutable" in response["Cache-Control"]
            assert "max-age=31536000" in response["Cache-Control"]
