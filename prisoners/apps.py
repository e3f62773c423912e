from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.registry import SearchSection, crud


class PrisonersConfig(AppConfig):
    name = "prisoners"
    verbose_name = _("Prisoners")
    content_models = [
        "prisoners.Prisoner",
        "prisoners.Detention",
        "prisoners.Charge",
        "prisoners.TimelineEvent",
    ]
    search_sections = [
        SearchSection(_("Prisoners"), _("Prisoner"), "prisoners.Prisoner", position=20)
    ]
    sitemaps = {"prisoners": "prisoners.sitemaps.PrisonerSitemap"}
    mailing_audiences = {"prisoners.followers": "prisoners.audiences.case_followers"}
    mailing_audience_choices = "prisoners.audiences.audience_choices"
    editor_permissions = crud("prisoner", "detention", "charge", "timelineevent")
    # Followers' addresses are for moderators only, as signers' are.
    moderator_permissions = ["view_follower", "delete_follower"]

    def ready(self):
        from core.signals import publication_changed
        from prisoners.services import notify_followers_on_publishing

        publication_changed.connect(
            notify_followers_on_publishing,
            sender=self.get_model("Prisoner"),
            dispatch_uid="prisoners.notify_followers_on_publishing",
        )
