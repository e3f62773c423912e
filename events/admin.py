import datetime

from django import forms
from django.contrib import admin
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from core.admin import ContentAdmin, image_help
from events.models import Event, time_zone_choices, wall_clock_to_moment


class EventForm(forms.ModelForm):
    """Start and end are typed, and shown again, on the clocks of the event's time zone
    (a demonstration in Zhezkazgan at 11:00 is entered as 11:00 whatever the editor's own
    zone); the form turns them into the moments stored."""

    time_zone = forms.ChoiceField(
        label=_("time zone"),
        choices=time_zone_choices,
        help_text=Event._meta.get_field("time_zone").help_text,
    )

    class Meta:
        model = Event
        # The admin adds the rest from its fieldsets.
        fields = ["time_zone", "time_known", "start", "end"]
        help_texts = {
            "start": _(
                "On the clocks where the event happens. When the time of day is not known, "
                "only the date counts."
            ),
            "end": _(
                "On the clocks where the event happens. When the time of day is not known, "
                "the last day (empty for a one-day event)."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["end"].required = False
        event = self.instance
        if event.pk:
            self.initial["start"] = event.local_start.replace(tzinfo=None)
            last = event.local_end
            if not event.time_known:
                last -= datetime.timedelta(days=1)
            self.initial["end"] = last.replace(tzinfo=None)

    def clean(self):
        cleaned = super().clean()
        zone, start, end = cleaned.get("time_zone"), cleaned.get("start"), cleaned.get("end")
        if not zone or start is None:
            return cleaned
        # The form read what was typed on the current clock: take the typed figures back.
        typed_start = timezone.make_naive(start)
        typed_end = timezone.make_naive(end) if end is not None else None
        if not cleaned.get("time_known"):
            last = typed_end.date() if typed_end else typed_start.date()
            if last < typed_start.date():
                self.add_error("end", _("The last day cannot come before the first."))
                return cleaned
            cleaned["start"], cleaned["end"] = Event.whole_days(typed_start.date(), last, zone)
            return cleaned
        if typed_end is None:
            self.add_error("end", _("Give the time the event ends."))
            return cleaned
        for name, typed in (("start", typed_start), ("end", typed_end)):
            try:
                cleaned[name] = wall_clock_to_moment(typed, zone)
            except ValueError:
                self.add_error(
                    name,
                    _("The clocks go forward then in %(zone)s: that time does not exist there.")
                    % {"zone": zone},
                )
        return cleaned


class WhenFilter(admin.SimpleListFilter):
    title = _("when")
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [("upcoming", _("Upcoming")), ("past", _("Past"))]

    def queryset(self, request, queryset):
        match self.value():
            case "upcoming":
                return queryset.upcoming()
            case "past":
                return queryset.past()
        return queryset


@admin.register(Event)
class EventAdmin(ContentAdmin):
    form = EventForm
    list_display = ["title", "starts", "place", "language"]
    list_filter = [WhenFilter, "language", "time_known"]
    search_fields = ["title", "summary", "place", "body"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "start"
    ordering = ["-start", "-pk"]
    autocomplete_fields = ["prisoners", "petition", "videos", "translation_of"]
    save_on_top = True
    help_texts = {
        "title": _("The event's name, shown on its page, in lists and in calendars."),
        "slug": _(
            "The event's address: /events/<slug>/. Changing it after publishing breaks "
            "links people have shared."
        ),
        "lead_image": image_help(_("Shown at the top of the event's page.")),
    }
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        (_("When"), {"fields": ["time_zone", "time_known", "start", "end"]}),
        (_("Where"), {"fields": ["place", "online_url"]}),
        (_("Language"), {"fields": ["language", "translation_of"]}),
        (_("Lead image"), {"fields": ["lead_image", "lead_image_alt"]}),
        (_("What it belongs to"), {"fields": ["prisoners", "petition", "videos"]}),
        (_("History"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    @admin.display(description=_("starts"), ordering="start")
    def starts(self, event):
        """On the event's own clock, with its zone: what the public page says."""
        shown = "DATE_FORMAT" if not event.time_known else "DATETIME_FORMAT"
        return f"{formats.date_format(event.local_start, shown)} ({event.time_zone})"
