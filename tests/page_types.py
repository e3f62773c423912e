"""Every type of public page, on the demo content, for the tests that check each of them in
each language (valid HTML, no sideways scrolling on a phone)."""

import io

from django.core.management import call_command

from tests.factories import (
    make_charge,
    make_detention,
    make_event,
    make_page,
    make_petition,
    make_petition_event,
    make_prisoner,
    make_signature,
    make_timeline_event,
)

LANGUAGE_PREFIXES = {"en": "", "ru": "/ru", "kk": "/kk"}

PETITION = "/petitions/free-vadim-kuramshin/"
ACTION = "/actions/urgent-action-for-vadim-kuramshin/"
PAGE_TYPES = {
    "home": "/",
    "news-list": "/news/",
    "article": "/news/angry-protests-erupt-in-zhezkazgan/",
    "category": "/category/workers-struggles/",
    "video-list": "/videos/",
    "video": "/videos/video-report-of-exchanges-in-parliament/",
    "prisoner-list": "/prisoners/",
    "prisoner-list-filtered": "/prisoners/?region=Mangystau&letters=1",
    "profile": "/prisoners/example-prisoner/",
    "petition-list": "/petitions/",
    "petition": f"{PETITION}?country=DE",
    "petition-embed": f"{PETITION}embed/",
    "check-email": f"{PETITION}check-your-email/",
    "closed-petition": "/petitions/example-closed-petition/",
    "follow-check-email": "/prisoners/example-prisoner/follow/check-your-email/",
    "thanks": f"{PETITION}thank-you/?country=KZ",
    "event-list": "/events/",
    "event": "/events/london-commemoration/",
    "event-upcoming": "/events/example-event/",
    "action": ACTION,
    "action-thanks": f"{ACTION}thank-you/",
    "search": "/search/?q=Kuramshin",
    "about": "/about/",
    "privacy": "/privacy/",
    "page": "/pages/how-to-write/",
    "404": "/no-such-page/",
}


# Shown inside other sites' pages: the only page type that may be framed.
FRAMABLE_PAGE_TYPES = {"petition-embed"}


def seed_every_page_type() -> None:
    """The demo content, and what a page shows that the demo cannot state about real people:
    a made-up prisoner with a detention, a charge and a timeline, a signer shown by name
    with a message on the petition's solidarity wall, an upcoming
    event, and a made-up closed petition with what happened to it."""
    call_command("seed_demo", stdout=io.StringIO())
    prisoner = make_prisoner(
        name="Example Prisoner",
        slug="example-prisoner",
        role="Trade unionist",
        region="Mangystau",
        summary="A made-up case with every part a profile can show.",
        biography="<p>Made up for the tests.</p><p>https://youtu.be/dQw4w9WgXcQ</p>",
        letters_address="Example prison\nExample street 1",
        address_safe_to_publish=True,
        is_urgent=True,
    )
    make_page(
        title="How to write to a prisoner",
        slug="how-to-write",
        body="<h2>What to write</h2><ul><li><p>Keep it short.</p></li></ul>"
        "<blockquote><p>Every letter was a window.</p></blockquote>",
    )
    detention = make_detention(prisoner, place="Example prison", sentence_text="Five years")
    make_charge(detention, description="Inciting discord")
    make_timeline_event(prisoner, description="Arrested at home.")
    petition = _petition()
    make_event(
        title="Example event",
        slug="example-event",
        summary="A made-up event with every part an event's page can show.",
        body="<p>Made up for the tests.</p>",
        place="Example hall, Example street 1",
        online_url="https://example.org/live",
        petition=_petition(),
        prisoners=[prisoner],
    )
    closed = make_petition(
        title="Example closed petition", slug="example-closed-petition", status="closed"
    )
    make_petition_event(
        closed, kind="delivered", counterpart="Example embassy", summary="Handed over."
    )
    make_petition_event(
        closed, kind="outcome", summary="Released", text="<p>Made up for the tests.</p>"
    )
    make_signature(
        petition=petition,
        name="Example Signer",
        show_name=True,
        country="KZ",
        comment="Stay strong.\nWe are with you.",
        publish_comment=True,
        comment_review="approved",
    )
    # Enough from one country for the petition page to name it and draw the map.
    for _ in range(5):
        make_signature(petition=_petition(), country="DE")


def _petition():
    from petitions.models import Petition

    return Petition.objects.get(slug="free-vadim-kuramshin")
