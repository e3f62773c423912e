"""The pages an unsubscribe link opens: one a person reads, one a mail client posts to.

A GET only shows the choice (a mail scanner that opens links unsubscribes nobody); the
page's own form posts it with Django's CSRF check. The mail client's button (RFC 8058
one-click) posts without a session or a CSRF cookie, as the RFC requires: the signed token
is what authorises it, and all it can do is stop emails.

Both tell the same thing whether or not the address already unsubscribed.
"""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language, gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from core.mailing_models import UNSUBSCRIBE_ALL, MailingMessage
from core.mailings import unsubscribe
from core.unsubscribe import read_token

THIS_SCOPE = "this"


def _no_link_leaks(response):
    # "same-origin", not "no-referrer": under no-referrer a browser posts the page's form
    # with "Origin: null", which the CSRF check refuses. Other sites still get no Referer,
    # and our logs drop the token (core.redaction).
    response["Referrer-Policy"] = "same-origin"
    return response


def _subject(mailing_id: int | None) -> str:
    """The subject of the mailing the link came in, in the page's language if it has one."""
    if mailing_id is None:
        return ""
    messages = dict(
        MailingMessage.objects.filter(mailing_id=mailing_id).values_list("language", "subject")
    )
    return messages.get(get_language()) or next(iter(messages.values()), "")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe_page(request, token):
    link = read_token(token)
    if link is None:
        return _no_link_leaks(render(request, "core/unsubscribe_bad_link.html", status=400))
    only_this = link.scope != UNSUBSCRIBE_ALL
    context = {"subject": _subject(link.mailing_id), "only_this": only_this}
    if request.method == "POST":
        choice = request.POST.get("scope")
        scopes = {UNSUBSCRIBE_ALL: UNSUBSCRIBE_ALL}
        if only_this:
            scopes[THIS_SCOPE] = link.scope
        if choice not in scopes:
            context["error"] = gettext("Choose which emails to stop.")
            return _no_link_leaks(render(request, "core/unsubscribe.html", context, status=400))
        unsubscribe(link=link, scope=scopes[choice])
        context["stopped"] = choice
        return _no_link_leaks(render(request, "core/unsubscribe_done.html", context))
    return _no_link_leaks(render(request, "core/unsubscribe.html", context))


@csrf_exempt
@never_cache
@require_POST
def unsubscribe_one_click(request, token):
    link = read_token(token)
    if link is None:
        return HttpResponse("This link does not work.", status=400, content_type="text/plain")
    unsubscribe(link=link, scope=link.scope)
    return HttpResponse("Unsubscribed.", content_type="text/plain")
