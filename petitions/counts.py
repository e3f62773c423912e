"""Signature counts by country, kept in the cache (``CACHE_URL``) for a short while.

A viral petition's page is asked for far more often than the GROUP BY over its signatures
needs running: every worker reads the one cached copy, made again after
``BY_COUNTRY_SECONDS`` so that new confirmations show within that time. Without a cache
(Redis down) every page runs the query: slower, never wrong.
"""

from django.core.cache import cache

from petitions.models import Petition, Signature

BY_COUNTRY_SECONDS = 30


def signatures_by_country(petition: Petition) -> list[tuple[str, int]]:
    """(country code, confirmed signatures), most first, for ``petition`` in all its
    languages; every country, however few signed (publish through
    ``core.country_counts.publishable``)."""
    key = f"petitions:by-country:{petition.counted_petition_id}"
    rows = cache.get(key)
    if rows is None:
        rows = [(str(code), count) for code, count in Signature.objects.by_country(petition)]
        cache.set(key, rows, BY_COUNTRY_SECONDS)
    return rows
