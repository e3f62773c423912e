from django.utils.translation import get_language
from django.views.generic import DetailView, ListView

from core.images import social_image_url
from core.page_cache import CountCacheMixin, page_cache_reads
from prisoners.filters import FILTER_NAMES, PrisonerFilterForm, clear_url, filter_groups, query_for
from prisoners.models import Prisoner

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

    def get_queryset(self):
        return Prisoner.objects.visible_to(self.request.user).for_profile()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            share_image_url=social_image_url(self.object.public_photo),
            take_action=Prisoner.objects.filter(pk=self.object.pk).petition_to_sign(get_language()),
            wall=list(Prisoner.objects.filter(pk=self.object.pk).solidarity_messages(WALL_LIMIT)),
            **kwargs,
        )
