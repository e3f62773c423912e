from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.generic import DetailView, ListView

from core.http import client_ip, token_page
from core.images import social_image_url
from core.page_cache import CountCacheMixin, page_cache_reads
from prisoners.filters import FILTER_NAMES, PrisonerFilterForm, clear_url, filter_groups, query_for
from prisoners.forms import FollowForm
from prisoners.models import Prisoner
from prisoners.services import (
    FollowerTokenError,
    confirm_follower,
    find_follower,
    follow_prisoner,
)

# Messages the profile reads from the solidarity wall: the first few show, the rest behind
# "More".
WALL_LIMIT = 30


@page_cache_reads("page", *FILTER_NAMES)
class PrisonerListView(ListView):
    paginate_by = 20
    template_name = "prisoners/prisoner_list.html"
    context_object_name = "prisoners"

    def get_queryset(self):
        self.form = PrisonerFilterForm(self.request.GET or None)
        self.filters = self.form.filters()
        language = get_language()
        self.listed = Prisoner.objects.published().for_language(language)
        return (
            Prisoner.objects.published()
            .filter_by(**self.filters)
            .for_listing()
            .for_language(language)
        )

    def get_context_data(self, **kwargs):
        counts = self.listed.filter_counts(**self.filters)
        return super().get_context_data(
            filter_groups=filter_groups(self.filters, counts),
            is_filtered=bool(self.filters),
            invalid_filter=self.form.has_invalid_filter,
            filter_query=query_for(self.filters),
            clear_filters_url=clear_url(),
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
            wall=list(Prisoner.objects.filter(pk=self.object.pk).solidarity_messages(WALL_LIMIT)),
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
