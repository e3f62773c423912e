"""The petitions as open data (``/petitions.json``, ``/petitions/<slug>.json``), like the UK
Parliament's petitions site: what the pages show, as JSON any site may read. README's
"Open data" section gives the shapes, which the tests check these documents against.
Counts by country follow the small-number rule of the pages (``core.country_counts``)."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language

from core.countries import country_name
from core.country_counts import publishable
from petitions.counts import signatures_by_country
from petitions.models import Petition


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _moment(value):
    return value.isoformat() if value else None


def petition_summary(petition: Petition) -> dict:
    """One petition of ``/petitions.json``; ``petition`` needs ``with_counts()``."""
    count = petition.signature_count
    return {
        "title": petition.title,
        "language": petition.language,
        "url": _absolute(petition.get_absolute_url()),
        "data_url": _absolute(reverse("petitions:data", kwargs={"slug": petition.slug})),
        "state": petition.current_status,
        "signature_count": count,
        "goal": petition.goal_for(count),
        "opened_at": _moment(petition.published_at),
        "closes_at": _moment(petition.closes_at),
        "closed_at": _moment(petition.closed_on),
    }


def petitions_index(petitions) -> dict:
    return {"petitions": [petition_summary(petition) for petition in petitions]}


def petition_document(petition: Petition, translations) -> dict:
    """``/petitions/<slug>.json``: the summary, where its signatures come from, and its
    published versions in the other languages."""
    by_country = publishable(signatures_by_country(petition))
    language = get_language()
    return {
        **petition_summary(petition),
        "signatures_by_country": [
            {"country": code, "name": country_name(code, language), "signature_count": count}
            for code, count in by_country.shown
        ],
        "signatures_from_other_countries": by_country.others,
        "translations": [
            {
                "language": version.language,
                "title": version.title,
                "url": _absolute(version.get_absolute_url()),
                "data_url": _absolute(reverse("petitions:data", kwargs={"slug": version.slug})),
            }
            for version in translations
        ],
    }
