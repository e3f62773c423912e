from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from actions.forms import LetterForm, SentForm
from actions.letters import letters_for
from actions.models import LetterAction, LetterCount, LetterTarget
from actions.services import record_letters_sent
from core.countries import country_name
from core.http import client_ip
from core.page_cache import page_cache_seconds

COUNT_MAX_AGE = 10
TOP_COUNTRIES = 10


def _action(request, slug) -> LetterAction:
    actions = LetterAction.objects.visible_to(request.user).select_related("prisoner")
    return get_object_or_404(actions, slug=slug)


def _targets(action) -> list[LetterTarget]:
    return list(LetterTarget.objects.of(action))


def _counted(action, targets):
    """(target, letters sent) for each target, and the letters sent in all."""
    counts = LetterCount.objects.per_target(action)
    rows = [(target, counts.get(target.pk, 0)) for target in targets]
    return rows, sum(count for _target, count in rows)


def _render_detail(
    request, action, targets, *, form=None, template="actions/action_detail.html", status=200
):
    rows, total = _counted(action, targets)
    context = {
        "object": action,
        "action": action,
        "target_counts": rows,
        "total": total,
        "countries": [
            (country_name(code), count)
            for code, count in LetterCount.objects.per_country(action)[:TOP_COUNTRIES]
        ],
        "form": form or LetterForm(targets=targets, auto_id="letter_%s"),
    }
    return render(request, template, context, status=status)


@page_cache_seconds(COUNT_MAX_AGE)
@require_safe
def action_detail(request, slug):
    action = _action(request, slug)
    return _render_detail(request, action, _targets(action))


# The writer's name and line arrive in the body of a POST and go back only to the browser
# that sent them: never stored, logged, cached or put in an address.
@never_cache
@require_POST
def draft(request, slug):
    action = _action(request, slug)
    targets = _targets(action)
    form = LetterForm(request.POST, targets=targets, auto_id="letter_%s")
    if not form.is_valid():
        return _render_detail(request, action, targets, form=form, status=400)
    country = form.cleaned_data["country"]
    letters = letters_for(
        action=action,
        targets=form.chosen_targets(),
        country=country,
        name=form.cleaned_data["name"],
        personal_line=form.cleaned_data["personal_line"],
    )
    sent_form = SentForm(
        initial={"target": form.cleaned_data["target"], "country": country}, targets=targets
    )
    context = {"object": action, "action": action, "letters": letters, "sent_form": sent_form}
    return render(request, "actions/draft.html", context)


@require_POST
def sent(request, slug):
    action = _action(request, slug)
    targets = _targets(action)
    form = SentForm(request.POST, targets=targets)
    if not form.is_valid():
        return render(
            request, "actions/bad_sent.html", {"object": action, "action": action}, status=400
        )
    record_letters_sent(
        action=action,
        targets=form.chosen_targets(),
        country=form.cleaned_data["country"],
        ip=client_ip(request),
    )
    # The same answer whether the letter was counted or the address was over the limit.
    return redirect("actions:thanks", slug=action.slug)


@page_cache_seconds(COUNT_MAX_AGE)
@require_safe
def thanks(request, slug):
    action = _action(request, slug)
    return _render_detail(request, action, _targets(action), template="actions/thanks.html")
