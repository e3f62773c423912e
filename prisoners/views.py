from django import forms
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from core.images import social_image_url
from core.page_cache import CountCacheMixin, page_cache_reads
from prisoners.models import Prisoner


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

    def get_queryset(self):
        return Prisoner.objects.visible_to(self.request.user).for_profile()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            share_image_url=social_image_url(self.object.public_photo),
            take_action=Prisoner.objects.filter(pk=self.object.pk).petition_to_sign(get_language()),
            **kwargs,
        )
