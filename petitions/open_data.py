"""The petitions as open data (``/petitions.json``, ``/petitions/<slug>.json``), like the UK
Parliament's petitions site: what the pages show, as JSON any site may read. README's
"Open data" section gives the shapes, which the tests check these documents against.
Counts by country follow the small-number rule of the pages (``core.country_counts``).
What happened to a petition is published as its page shows it: the date, the kind, to or
from whom, the one-line summary and the document visitors may open (a public media URL)."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language

from core.countries import country_name
from core.country_counts import publishable
from petitions.counts import signatures_by_country
from petitions.models import Petition, PetitionEvent, latest_outcome


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _moment(value):
    return value.isoformat() if value else None


def _outcome(event: PetitionEvent | None) -> dict | None:
    if event is None:
        return None
    return {"kind": event.kind, "summary": event.summary, "date": event.date.isoformat()}


def _event(event: PetitionEvent) -> dict:
    document = event.document.url if event.document else None
    return {
        "kind": event.kind,
        "date": event.date.isoformat(),
        "counterpart": event.counterpart or None,
        "summary": event.summary,
        "document_url": _absolute(document) if document and document.startswith("/") else document,
    }


def petition_summary(petition: Petition, *, outcome: PetitionEvent | None) -> dict:
    """One petition of ``/petitions.json``; ``petition`` needs ``with_counts()``, and
    ``outcome`` is its latest outcome."""
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
        "outcome": _outcome(outcome),
    }


def petitions_index(petitions) -> dict:
    """``petitions`` need ``with_counts()`` and ``with_outcomes()``."""
    return {
        "petitions": [
            petition_summary(petition, outcome=latest_outcome(petition.outcome_events))
            for petition in petitions
        ]
    }


def petition_document(petition: Petition, translations, events) -> dict:
    """``/petitions/<slug>.json``: the summary, what happened to it (``events`` in date
    order), where its signatures come from, and its published versions in the other
    languages."""
    by_country = publishable(signatures_by_country(petition))
    language = get_language()
    events = list(events)
    return {
        **petition_summary(petition, outcome=latest_outcome(events)),
        "events": [_event(event) for event in events],
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
