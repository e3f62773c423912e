"""Rules that write several rows of a prisoner's profile, and following a case: asking,
confirming, and emailing the followers when the case has news."""

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from core.cache import CacheUnavailable
from core.emails import normalise_email
from core.languages import site_name
from core.mailings import create_mailing
from core.models import Publication
from core.ratelimit import count_in_window, hash_ip
from core.tokens import NewToken, hash_token
from prisoners.models import FOLLOWER_TOKENS, Charge, Detention, Follower, Prisoner, TimelineEvent
from prisoners.tasks import send_follow_email

logger = logging.getLogger(__name__)

MAX_EMAILS_PER_FOLLOWER = 5
FOLLOWERS_AUDIENCE = "prisoners.followers"


class FollowerTokenError(Exception):
    """The token matches no follower (forged, mistyped, or replaced by a newer link)."""


def replace_charges(*, detention: Detention, charges: list[Charge]) -> list[Charge]:
    """Make the unsaved ``charges`` the detention's charges, in place of those it had."""
    with transaction.atomic():
        detention.charges.all().delete()
        for charge in charges:
            charge.detention = detention
        return Charge.objects.bulk_create(charges)


def followed_case(prisoner: Prisoner) -> int:
    """The pk of the profile a case's followers are kept for: the original of its versions."""
    return prisoner.translation_of_id or prisoner.pk


def _over_rate_limit(*, prisoner_id: int, ip_hash: str) -> bool:
    if settings.SIGNATURE_RATE_LIMIT is None or not ip_hash:
        return False
    allowed, seconds = settings.SIGNATURE_RATE_LIMIT
    try:
        attempts = count_in_window(f"prisoners:follow-rate:{prisoner_id}:{ip_hash}", seconds)
    except CacheUnavailable:
        attempts = (
            Follower.objects.filter(
                prisoner_id=prisoner_id,
                ip_hash=ip_hash,
                created_at__gte=timezone.now() - timezone.timedelta(seconds=seconds),
            ).count()
            + 1
        )
    return attempts > allowed


# What a request writes on the row: the same UPDATE whatever the address's history.
_REQUEST_FIELDS = ["email", "language", "ip_hash", "token_hash", "email_count"]


def follow_prisoner(*, prisoner: Prisoner, email: str, ip: str = "", language: str = "en") -> None:
    """Record a request to follow the case and queue the email it calls for.

    The caller shows the same page whatever happens here, and every request takes the same
    path through the database and queues one email task, so neither the response nor its
    time tells whether the address already follows. Whoever types an address chooses nothing
    for its owner: an unconfirmed follower gets a fresh link (the old one stops working), a
    confirmed one only a note that they already follow. Past the rate limit for the sender's
    network, or past ``MAX_EMAILS_PER_FOLLOWER``, nothing is sent. The database never raises
    on an address that already follows: an error would put the address in its log.
    """
    prisoner_id = followed_case(prisoner)
    email_normalised = normalise_email(email)
    ip_hash = hash_ip(ip) if ip else ""
    flooding = _over_rate_limit(prisoner_id=prisoner_id, ip_hash=ip_hash)
    token = FOLLOWER_TOKENS.new()
    with transaction.atomic():
        # INSERT … ON CONFLICT DO NOTHING: the row is new, or the address's row is there.
        Follower.objects.bulk_create(
            [
                Follower(
                    prisoner_id=prisoner_id,
                    email=email.strip(),
                    email_normalised=email_normalised,
                    language=language,
                    ip_hash=ip_hash,
                    token_hash=token.hash,
                )
            ],
            ignore_conflicts=True,
        )
        follower = (
            Follower.objects.select_for_update()
            .filter(prisoner_id=prisoner_id, email_normalised=email_normalised)
            .get()
        )
        if follower.token_hash == token.hash:
            # Inserted just now: the token only marked the row as ours, and is nobody's link
            # until a request takes it below.
            follower.token_hash = None
        kind = None if flooding else _take_request(follower, email, language, ip_hash, token)
        follower.save(update_fields=_REQUEST_FIELDS)
        # When nothing is to be sent, the seed makes a token that is no follower's link and
        # the task drops it.
        follower_id = follower.pk
        transaction.on_commit(
            lambda: send_follow_email.enqueue(
                follower_id=follower_id, kind=kind or "confirm", seed=token.seed
            )
        )


def _take_request(
    follower: Follower, email: str, language: str, ip_hash: str, token: NewToken
) -> str | None:
    """Change the locked row for one request; the kind of email to send, if any."""
    if follower.email_count >= MAX_EMAILS_PER_FOLLOWER:
        return None
    follower.email_count += 1
    follower.token_hash = token.hash
    if follower.confirmed_at is not None:
        # A confirmed follower's address and language stand: the request only reminds them.
        return "already_following"
    follower.email = email.strip()
    follower.language = language
    follower.ip_hash = ip_hash
    return "confirm"


def _follower_for_token(token: str, *, lock: bool = False) -> Follower:
    if not token or len(token) > 100:
        raise FollowerTokenError
    queryset = Follower.objects.select_related("prisoner")
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    try:
        return queryset.get(token_hash=hash_token(token))
    except Follower.DoesNotExist:
        raise FollowerTokenError from None


def find_follower(*, token: str) -> Follower:
    """The follower a link belongs to (for showing the confirm page)."""
    return _follower_for_token(token)


def confirm_follower(*, token: str, prisoner_slug: str) -> tuple[Follower, bool]:
    """Confirm the follower; returns it and whether this call confirmed it. A link whose
    address names another case is refused like an unknown token."""
    with transaction.atomic():
        follower = _follower_for_token(token, lock=True)
        if follower.prisoner.slug != prisoner_slug:
            raise FollowerTokenError
        if follower.confirmed_at is not None:
            return follower, False
        follower.confirmed_at = timezone.now()
        follower.save(update_fields=["confirmed_at"])
    logger.info("Follower %s confirmed", follower.pk)
    return follower, True


def notify_followers_of_news(*, prisoner: Prisoner) -> list[TimelineEvent]:
    """Email the case's followers each event of ``prisoner`` marked "notify followers" that
    has not gone out yet, once the profile is public; the events sent.

    Marking an event as sent and writing its mailing happen in one transaction, after a
    conditional UPDATE, so two saves at once send it once."""
    if not prisoner.is_public:
        return []
    pending = TimelineEvent.objects.filter(
        prisoner=prisoner, notify_followers=True, followers_notified_at__isnull=True
    ).order_by("date", "pk")
    sent = []
    for event in pending:
        with transaction.atomic():
            claimed = TimelineEvent.objects.filter(
                pk=event.pk, followers_notified_at__isnull=True
            ).update(followers_notified_at=timezone.now())
            if claimed:
                _mail_followers(event=event, prisoner=prisoner)
                sent.append(event)
    return sent


def notify_followers_on_publishing(sender, *, pks, publication, **kwargs) -> None:
    """Receiver of ``core.signals.publication_changed``: profiles published from the list
    (an update, which no admin save follows) send the news that waited for them."""
    if publication != Publication.PUBLISHED:
        return
    for prisoner in Prisoner.objects.filter(pk__in=pks).defer("search_document"):
        notify_followers_of_news(prisoner=prisoner)


def _mail_followers(*, event: TimelineEvent, prisoner: Prisoner) -> None:
    """The one call into the mailing machinery (core.mailings): the followers of the case
    get the event in their language, with the mailing's own unsubscribe link."""
    mailing = create_mailing(
        audience=FOLLOWERS_AUDIENCE,
        scope_id=followed_case(prisoner),
        messages=news_messages(event=event, prisoner=prisoner),
        send=True,
    )
    logger.info("Timeline event %s sent to followers as mailing %s", event.pk, mailing.pk)


def news_messages(*, event: TimelineEvent, prisoner: Prisoner) -> dict[str, tuple[str, str]]:
    """(subject, plain-text body) of an event's email in each of the site's languages. The
    event's own words are in the language editors wrote them in; the link leads to the
    profile in the reader's language when there is one."""
    versions = {
        version.language: version
        for version in Prisoner.objects.published()
        .in_group_of(prisoner)
        .only("name", "slug", "language")
    }
    messages = {}
    for language, _name in settings.LANGUAGES:
        profile = versions.get(language, prisoner)
        with translation.override(language):
            subject = gettext("News about %(name)s: %(kind)s") % {
                "name": profile.name,
                "kind": event.get_kind_display(),
            }
            body = "\n\n".join(
                [
                    gettext("There is news about %(name)s, whose case you follow on %(site)s.")
                    % {"name": profile.name, "site": site_name()},
                    f"{date_format(event.date)} · {event.get_kind_display()}\n{event.description}",
                    gettext("Read more on the profile: %(url)s")
                    % {"url": settings.SITE_URL + profile.get_absolute_url()},
                ]
            )
        messages[language] = (subject, body)
    return messages
