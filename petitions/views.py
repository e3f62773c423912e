from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout
from django.conf import settings
from django.core import signing
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.generic import ListView

from core.cards import CARD_HEIGHT, CARD_WIDTH
from core.http import client_ip, open_data, token_page
from core.images import social_image
from core.overload import busy_response, shed_with
from core.page_cache import page_cache_reads, page_cache_seconds
from petitions.cards import petition_card, petition_card_png
from petitions.counts import signatures_by_country
from petitions.forms import LetterCountryForm, SignatureForm
from petitions.letters import letter_for
from petitions.models import Petition, Signature, latest_outcome
from petitions.open_data import petition_document, petitions_index
from petitions.services import (
    SignatureTokenError,
    SigningClosed,
    confirm_signature,
    find_signature,
    sign_petition,
    signing_refusal,
    withdraw_signature,
)

REFUSALS = {
    "closed": _(
        "This petition is closed and no longer accepts signatures. Thank you for your support."
    ),
    "paused": _("Signing is paused for a short while. Please come back and sign a little later."),
}
COUNT_MAX_AGE = 10
# Messages a page reads from the solidarity wall: the first few show, the rest behind "More".
WALL_LIMIT = 30
# A card's count is rounded (petitions/cards.py): a crawler or CDN may keep it a while.
CARD_MAX_AGE = 60 * 10
# The signer's country, for the letter on the pages after signing: kept in their own
# browser (signed, never in an address another site could see), only for as long as a
# signer takes to confirm.
LETTER_COUNTRY_COOKIE = "letter_country"
LETTER_COUNTRY_MAX_AGE = 60 * 60 * 24 * 3
# The search documents: pages never show them, and they are as long as the texts.
UNSHOWN = ("search_document", "translation_of__search_document")
# Open data as readable UTF-8 (and shorter): Russian and Kazakh names, not \u escapes.
UNESCAPED = {"ensure_ascii": False}


@page_cache_reads("page")
@method_decorator(page_cache_seconds(COUNT_MAX_AGE), name="dispatch")
class PetitionList(ListView):
    paginate_by = 20
    template_name = "petitions/petition_list.html"
    context_object_name = "petitions"

    def get_queryset(self):
        return Petition.objects.for_listing().for_language(get_language())


def form_helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    helper.layout = Layout(
        *(name for name in SignatureForm.base_fields if name != SignatureForm.HONEYPOT),
        Div(SignatureForm.HONEYPOT, css_class="petition-form__trap", aria_hidden="true"),
    )
    return helper


def _published_petition(slug: str, *, counts: bool = True) -> Petition:
    # With its original, whose state decides with its own whether it takes signatures.
    petitions = (
        Petition.objects.published()
        .select_related("translation_of", "letter_action")
        .defer(*UNSHOWN)
    )
    return get_object_or_404(petitions.with_counts() if counts else petitions, slug=slug)


def _letter_country_signer() -> signing.Signer:
    return signing.Signer(salt=LETTER_COUNTRY_COOKIE)


def _remember_letter_country(response, country: str):
    # Signed without a timestamp: the cookie is then the same for every signer from one
    # country whatever the second, so an address that already signed gets a byte-identical
    # answer. The browser ends it after max_age.
    response.set_cookie(
        LETTER_COUNTRY_COOKIE,
        _letter_country_signer().sign(country),
        max_age=LETTER_COUNTRY_MAX_AGE,
        secure=settings.SITE_IS_HTTPS,
        httponly=True,
        samesite="Lax",
    )
    return response


def _remembered_letter_country(request) -> str:
    try:
        return _letter_country_signer().unsign(request.COOKIES.get(LETTER_COUNTRY_COOKIE, ""))
    except signing.BadSignature:
        return ""


def _letter_context(request, petition, *, remembered: bool = False):
    """The letter for the country asked for in the address; with ``remembered``, for the
    signer's own country when none is asked for (only on pages that are never cached)."""
    country = request.GET.get("country", "")
    if not country and remembered:
        country = _remembered_letter_country(request)
    country = country[:2]
    return {
        "letter": letter_for(petition, country),
        "country_form": LetterCountryForm(
            initial={"country": country.upper()}, auto_id="letter_%s"
        ),
    }


def _link_preview(petition, count: int) -> dict:
    """The picture a link to the petition shows on social networks: its own image, else its
    card, with the card's text as its description."""
    image = social_image(petition.lead_image)
    if image:
        return {**image, "alt": petition.lead_image_alt}
    card = petition_card(petition, count)
    with translation.override(petition.language):
        path = reverse("petitions:card", kwargs={"slug": petition.slug})
    return {
        "url": settings.SITE_URL + path,
        "width": CARD_WIDTH,
        "height": CARD_HEIGHT,
        "alt": f"{card.title}: {card.figures}",
    }


def _letters_by_country(petition) -> list[tuple[str, int]]:
    """Letters sent by country through the petition's public letter action, if it has one:
    the actions app links it (``actions.LetterAction.petition``) and counts them."""
    action = getattr(petition, "letter_action", None)
    return action.letters_by_country() if action is not None and action.is_public else []


_NOT_CHECKED = object()


def _render_detail(request, petition, *, form=None, refusal=_NOT_CHECKED, status=200):
    if refusal is _NOT_CHECKED:
        refusal = signing_refusal(petition)
    count = petition.signature_count
    form = form or SignatureForm()
    form.helper = form_helper()
    events = list(petition.events.all())
    context = {
        "object": petition,
        "petition": petition,
        "events": events,
        "outcome": latest_outcome(events) if petition.is_closed else None,
        "count": count,
        "goal": petition.goal_for(count),
        "signers": Signature.objects.public_signers(petition),
        "wall": list(
            Signature.objects.on_wall().filter(petition_id=petition.counted_petition_id)[
                :WALL_LIMIT
            ]
        ),
        "by_country": signatures_by_country(petition) if count else (),
        "letters_by_country": _letters_by_country(petition),
        "others": (
            Petition.objects.others_to_sign(petition, get_language()) if petition.is_closed else ()
        ),
        "prisoners": petition.prisoners.published(),
        "link_preview": _link_preview(petition, count),
        "form": None if refusal else form,
        "refusal": REFUSALS.get(refusal) if refusal else None,
        **_letter_context(request, petition),
    }
    return render(request, "petitions/petition_detail.html", context, status=status)


@page_cache_seconds(COUNT_MAX_AGE)
@page_cache_reads("country")
@require_safe
def petition_detail(request, slug):
    # Its letter action (actions.LetterAction.petition), when the actions app gives it one.
    petitions = (
        Petition.objects.visible_to(request.user)
        .with_counts()
        .select_related("translation_of", "letter_action")
        .defer(*UNSHOWN)
    )
    return _render_detail(request, get_object_or_404(petitions, slug=slug))


def sign_busy(request, slug):
    """The sign form again, with what the signer typed, when a surge left no time to take it
    (core/overload.py): made without the database, and the values go back only to the
    browser that sent them (the page is never stored, logged or redirected to)."""
    typed = {name: request.POST.get(name, "") for name in SignatureForm.base_fields}
    form = SignatureForm(initial=typed)
    form.helper = form_helper()
    return busy_response(
        request, "petitions/sign_busy.html", {"form": form, "action": request.path}
    )


@shed_with(sign_busy)
@require_POST
def sign(request, slug):
    # Without the count: only a refused form shows it (then read on its own), and summing
    # the count slots on every signature of a surge is work nobody sees.
    petition = _published_petition(slug, counts=False)
    form = SignatureForm(request.POST)
    if not form.is_valid():
        # The page checks whether the petition still takes signatures; a valid form is
        # checked once, by sign_petition, on the path a surge of signers takes.
        return _render_detail(request, petition, form=form, status=400)
    if not form.is_bot:
        try:
            sign_petition(
                petition=petition,
                details=form.signature_details(),
                ip=client_ip(request),
                language=get_language(),
            )
        except SigningClosed as closed:
            return _render_detail(request, petition, refusal=str(closed), status=403)
    # Every accepted form gets this same redirect, whether new, duplicate, held or a bot.
    response = redirect("petitions:check_email", slug=petition.slug)
    return _remember_letter_country(response, form.cleaned_data["country"])


# The letter follows the signer's country: never stored for, or shown to, anyone else.
@page_cache_seconds(0)
@cache_control(private=True)
@require_safe
def check_email(request, slug):
    petition = _published_petition(slug, counts=False)
    context = {"petition": petition, **_letter_context(request, petition, remembered=True)}
    return render(request, "petitions/check_email.html", context)


def _bad_link(request):
    return render(request, "petitions/bad_link.html", status=400)


# Links carrying a token: never cached by a browser or proxy.
@token_page
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, slug, token):
    # A GET only shows the button: mail scanners that open links must not sign for anyone.
    if request.method == "POST":
        # One locked look-up of the signature, which also checks the link's petition.
        try:
            signature, confirmed = confirm_signature(token=token, petition_slug=slug)
        except SignatureTokenError:
            return _bad_link(request)
        except SigningClosed as closed:
            # Rare (the petition closed since the email): the page needs the signature.
            signature = find_signature(token=token)
            return render(
                request,
                "petitions/confirm.html",
                {
                    "petition": signature.petition,
                    "signature": signature,
                    "refusal": REFUSALS[str(closed)],
                },
                status=403,
            )
        petition = signature.petition
        if confirmed:
            # The signer lands on the petition in the language they read, which may be a
            # translation of the petition their signature is recorded against.
            response = redirect("petitions:thanks", slug=petition.in_language(get_language()).slug)
            return _remember_letter_country(response, str(signature.country))
    else:
        try:
            signature = find_signature(token=token)
        except SignatureTokenError:
            return _bad_link(request)
        petition = signature.petition
        if petition.slug != slug:
            return _bad_link(request)
    return render(
        request,
        "petitions/confirm.html",
        {
            "petition": petition.in_language(get_language()),
            "signature": signature,
            "already": signature.state == Signature.State.CONFIRMED,
        },
    )


# Seen right after confirming: the count there must already include the signer, and the
# letter follows the signer's country.
@page_cache_seconds(0)
@cache_control(private=True)
@page_cache_reads("country")
@require_safe
def thanks(request, slug):
    petition = _published_petition(slug)
    count = petition.signature_count
    context = {
        "petition": petition,
        "count": count,
        "goal": petition.goal_for(count),
        **_letter_context(request, petition, remembered=True),
    }
    return render(request, "petitions/thanks.html", context)


@token_page
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def withdraw(request, slug, token):
    try:
        signature = find_signature(token=token)
    except SignatureTokenError:
        return _bad_link(request)
    if signature.petition.slug != slug:
        return _bad_link(request)
    if request.method == "POST":
        try:
            withdraw_signature(token=token)
        except SignatureTokenError:
            # Gone since the look-up above: a double submit whose first half withdrew it, or
            # a newer link replaced this one.
            return _bad_link(request)
        return redirect("petitions:withdrawn", slug=slug)
    return render(
        request, "petitions/withdraw.html", {"petition": signature.petition, "signature": signature}
    )


@require_safe
def withdrawn(request, slug):
    petition = _published_petition(slug)
    return render(request, "petitions/withdrawn.html", {"petition": petition})


@page_cache_seconds(COUNT_MAX_AGE)
@cache_control(public=True, max_age=COUNT_MAX_AGE)
@require_safe
def count_json(request, slug):
    petition = _published_petition(slug)
    count = petition.signature_count
    return JsonResponse(
        {
            "count": count,
            "goal": petition.goal_for(count),
            "status": petition.current_status,
            "updated_at": timezone.now().isoformat(),
        }
    )


# Other sites may frame this page, and only this one (every other page sends frame-ancestors
# 'none' and X-Frame-Options: DENY). A form inside another site's page could be clickjacked,
# so it holds none: its button opens the petition on our site, in a new tab.
@page_cache_seconds(COUNT_MAX_AGE)
@xframe_options_exempt
@csp_override({**settings.SECURE_CSP, "frame-ancestors": settings.EMBED_ALLOWED_ORIGINS})
@require_safe
def embed(request, slug):
    petition = _published_petition(slug)
    count = petition.signature_count
    context = {"petition": petition, "count": count, "goal": petition.goal_for(count)}
    return render(request, "petitions/petition_embed.html", context)


@cache_control(public=True, max_age=CARD_MAX_AGE)
@require_safe
def card(request, slug):
    petition = _published_petition(slug)
    png = petition_card_png(petition, petition.signature_count)
    return HttpResponse(png, content_type="image/png")


@page_cache_seconds(COUNT_MAX_AGE)
@cache_control(public=True, max_age=COUNT_MAX_AGE)
@open_data
def petitions_json(request):
    """Every published petition, open ones first, once each (in the address's language
    where it has a version in it)."""
    petitions = (
        Petition.objects.for_listing()
        .for_language(get_language())
        .with_outcomes()
        .defer("search_document")
    )
    return JsonResponse(petitions_index(petitions), json_dumps_params=UNESCAPED)


@page_cache_seconds(COUNT_MAX_AGE)
@cache_control(public=True, max_age=COUNT_MAX_AGE)
@open_data
def petition_json(request, slug):
    petition = (
        Petition.objects.published()
        .with_counts()
        .defer("search_document")
        .filter(slug=slug)
        .first()
    )
    if petition is None:
        return JsonResponse(
            {"error": gettext("There is no published petition at this address.")}, status=404
        )
    translations = (
        Petition.objects.published()
        .in_group_of(petition)
        .exclude(pk=petition.pk)
        .only("title", "slug", "language")
        .order_by("language")
    )
    events = petition.events.public_fields()
    return JsonResponse(
        petition_document(petition, translations, events), json_dumps_params=UNESCAPED
    )
