"""Permanent redirects from the addresses of the original WordPress site, so links shared
years ago still land on the matching page."""

from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_safe


def _reverse_slug(name: str, slug: str) -> str:
    # WordPress slugs could hold any letter; ours are ASCII, so no page has such a slug.
    try:
        return reverse(name, kwargs={"slug": slug})
    except NoReverseMatch:
        raise Http404 from None


def _category_url(slug: str, page: str | None) -> str:
    url = _reverse_slug("articles:category", slug)
    if page and int(page) > 1:
        url += "?" + urlencode({"page": int(page)})
    return url


@require_safe
def old_category(request, slug, page=None):
    return HttpResponsePermanentRedirect(_category_url(slug, page))


@require_safe
def old_post(request, year, month, day, slug):
    return HttpResponsePermanentRedirect(_reverse_slug("articles:detail", slug))


@require_safe
def old_index_php(request, rest=""):
    """/index.php/<path> was WordPress's form of /<path>: go there when this site has such
    a page, else to the home page."""
    # Leading slashes are collapsed so "/index.php//evil.example" cannot become a
    # protocol-relative redirect to another site.
    target = "/" + (rest or "").lstrip("/")
    try:
        resolve(target)
    except Resolver404:
        target = reverse("pages:home")
    return HttpResponsePermanentRedirect(target)
