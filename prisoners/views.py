from django import forms
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.generic import DetailView, ListView

from core.http import client_ip, token_page
from core.images import social_image_url
from core.page_cache import CountCacheMixin, page_cache_reads
from prisoners.forms import FollowForm
from prisoners.models import Prisoner
from prisoners.services import (
    FollowerTokenError,
    confirm_follower,
    find_follower,
    follow_prisoner,
)


class PrisonerFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *Prisoner.Status.choices]
    )
    region = forms.ChoiceField(label=_("Region"), required=False)

    def __init__(self, *args, regions: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("Any region")), *((r, r) for r in regions)]

    def filters(self) -> dict[str, str]:
        """The valid, non-empty filters only: a stale or mistyped link still shows a list."""
        if not self.is_bound:
            return {}
        self.is_valid()
        # A field with an error is left out of cleaned_data.
        return {name: value for name, value in self.cleaned_data.items() if value}


@page_cache_reads("page", "status", "region")
class PrisonerListView(ListView):
    paginate_by = 20
    template_name = "prisoners/prisoner_list.html"
    context_object_name = "prisoners"

    def get_queryset(self):
        published = Prisoner.objects.published()
        self.form = PrisonerFilterForm(self.request.GET or None, regions=published.regions())
        return published.filter_by(**self.form.filters()).for_listing().for_language(get_language())

    def get_context_data(self, **kwargs):
        filters = self.form.filters()
        return super().get_context_data(
            filter_form=self.form,
            is_filtered=bool(filters),
            invalid_filter=self.form.is_bound and bool(self.form.errors),
            filter_query=urlencode(filters),
            **kwargs,
        )


class PrisonerDetailView(CountCacheMixin, DetailView):
    template_name = "prisoners/prisoner_detail.html"
    context_object_name = "prisoner"
    # The follow form as sent, with its errors, when the profile is shown again for it.
    follow_form = None

    def get_queryset(self):
        return Prisoner.objects.visible_to(self.request.user).for_profile()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            share_image_url=social_image_url(self.object.public_photo),
            take_action=Prisoner.objects.filter(pk=self.object.pk).petition_to_sign(get_language()),
            follow_form=self.follow_form or FollowForm(auto_id="follow_%s"),
            **kwargs,
        )


def _published_prisoner(slug: str) -> Prisoner:
    return get_object_or_404(Prisoner.objects.published().defer("search_document"), slug=slug)


@require_POST
def follow(request, slug):
    prisoner = _published_prisoner(slug)
    form = FollowForm(request.POST, auto_id="follow_%s")
    if not form.is_valid():
        view = PrisonerDetailView(follow_form=form)
        view.setup(request, slug=slug)
        response = view.get(request, slug=slug)
        response.status_code = 400
        return response
    if not form.is_bot:
        follow_prisoner(
            prisoner=prisoner,
            email=form.cleaned_data["email"],
            ip=client_ip(request),
            language=get_language(),
        )
    # Every accepted form gets this same redirect, whether new, already following or a bot.
    return redirect("prisoners:follow_check_email", slug=prisoner.slug)


@require_safe
def follow_check_email(request, slug):
    return render(
        request, "prisoners/follow_check_email.html", {"prisoner": _published_prisoner(slug)}
    )


def _bad_link(request):
    return render(request, "prisoners/follow_bad_link.html", status=400)


@token_page
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def follow_confirm(request, slug, token):
    # A GET only shows the button: mail scanners that open links must not follow for anyone.
    try:
        if request.method == "POST":
            confirm_follower(token=token, prisoner_slug=slug)
            return redirect("prisoners:followed", slug=slug)
        follower = find_follower(token=token)
    except FollowerTokenError:
        return _bad_link(request)
    if follower.prisoner.slug != slug:
        return _bad_link(request)
    prisoner = follower.prisoner.in_language(get_language())
    return render(
        request,
        "prisoners/follow_confirm.html",
        {"prisoner": prisoner, "already": follower.confirmed_at is not None},
    )


@require_safe
def followed(request, slug):
    prisoner = _published_prisoner(slug).in_language(get_language())
    return render(request, "prisoners/followed.html", {"prisoner": prisoner})
