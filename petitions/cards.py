"""A petition's link-preview card (core/cards.py) for a petition without an image of its own:
its title and count, in the petition's language, at ``/petitions/<slug>/card.png``.

Drawing a card costs CPU, and a petition shared widely has its card asked for by every
network's crawler, so a card is drawn once and kept in the cache, under a key made of what it
shows. The count on it is rounded (``card_count``), so a new card is drawn only when the
rounded figure changes, not at each signature. While one worker draws the new card the others
serve the previous one rather than drawing it too.
"""

import hashlib
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext

from core.cards import Card, render_card
from core.languages import site_name

# Bump when the drawing changes, so that cards drawn the old way are not served.
CARD_DESIGN = 1
CARD_CACHE_SECONDS = 60 * 60 * 24 * 7
# How long one worker may take to draw a card before another starts drawing it too.
DRAWING_SECONDS = 30


def card_count(count: int) -> int:
    """The count a card shows: exact below 100, above rounded down to two significant
    figures (1,234 → 1,200), so a card changes at most 90 times per power of ten."""
    if count < 100:
        return count
    step = 10 ** (len(str(count)) - 2)
    return count - count % step


def petition_card(petition, count: int) -> Card:
    """What ``petition``'s card shows with ``count`` signatures."""
    shown = card_count(count)
    with translation.override(petition.language):
        number = number_format(shown, force_grouping=True)
        if shown >= 100:
            figures = ngettext("%(count)s+ signature", "%(count)s+ signatures", shown) % {
                "count": number
            }
        elif shown:
            figures = ngettext("%(count)s signature", "%(count)s signatures", shown) % {
                "count": number
            }
        elif petition.is_closed:
            figures = gettext("No signatures")
        else:
            figures = gettext("Be the first to sign")
        return Card(
            title=petition.title,
            kicker=gettext("Closed") if petition.is_closed else gettext("Sign the petition"),
            figures=figures,
            site_name=site_name(),
            address=urlsplit(settings.SITE_URL).hostname or "",
            progress=shown / petition.goal_for(shown),
        )


def petition_card_png(petition, count: int) -> bytes:
    """The card as a PNG: from the cache when one showing the same was drawn before."""
    card = petition_card(petition, count)
    digest = hashlib.sha256(f"{CARD_DESIGN}:{card!r}".encode()).hexdigest()
    key = f"petition-card:{digest}"
    latest_key = f"petition-card:latest:{petition.pk}"
    found = cache.get_many([key, latest_key])
    if key in found:
        return found[key]
    previous = found.get(latest_key)
    if previous is not None and not cache.add(f"{key}:drawing", True, DRAWING_SECONDS):
        return previous
    png = render_card(card)
    cache.set_many({key: png, latest_key: png}, CARD_CACHE_SECONDS)
    return png
