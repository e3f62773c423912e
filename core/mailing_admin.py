"""The mailings admin: Moderators write an update in each language, choose who gets it,
preview it as a recipient sees it, send a test to themselves, then send, pause, resume or
cancel it; everyone allowed to see mailings (Editors too) sees its progress and results.

A mailing can be edited while it is a draft; once sending starts it is read-only.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from core import mailings, registry
from core.admin import EditorialAdmin
from core.mailing_models import (
    Delivery,
    InvalidMailingTransition,
    Mailing,
    MailingMessage,
    Suppression,
)
from core.mailing_tasks import render_email

PREVIEW_ADDRESS = "recipient@example.org"


def _choice_value(audience: str, scope_id: int | None) -> str:
    return f"{audience}|{'' if scope_id is None else scope_id}"


def audience_labels() -> dict[str, str]:
    """{"audience|scope_id": label} for every audience the apps offer."""
    return {
        _choice_value(audience, scope_id): label
        for audience, scope_id, label in registry.mailing_audience_choices()
    }


class MailingForm(forms.ModelForm):
    recipients = forms.ChoiceField(
        label=_("Recipients"),
        help_text=_(
            "A petition's confirmed signers get updates about that petition, which signing "
            "leads them to expect. News about anything else goes only to those who agreed "
            "to campaign news. Addresses that unsubscribed or bounced are always left out."
        ),
    )

    class Meta:
        model = Mailing
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "recipients" not in self.fields:  # read-only once sending started
            return
        self.fields["recipients"].choices = [("", "---------"), *audience_labels().items()]
        if self.instance.pk:
            self.initial["recipients"] = _choice_value(
                self.instance.audience, self.instance.scope_id
            )

    def save(self, commit=True):
        choice = self.cleaned_data["recipients"]
        audience, _sep, scope_id = choice.partition("|")
        self.instance.recipients_label = dict(self.fields["recipients"].choices)[choice]
        self.instance.audience = audience
        self.instance.scope_id = int(scope_id) if scope_id else None
        return super().save(commit)


class MailingMessageInline(admin.StackedInline):
    model = MailingMessage
    min_num = 1
    max_num = len(settings.LANGUAGES)
    validate_min = True

    def get_extra(self, request, obj=None, **kwargs):
        return 0 if obj else len(settings.LANGUAGES) - self.min_num


class StatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return Mailing.Status.choices

    def queryset(self, request, queryset):
        return queryset.filter(status=self.value()) if self.value() else queryset


def _count_of(model, status_field, statuses):
    rows = (
        model.objects.filter(mailing=OuterRef("pk"), **{f"{status_field}__in": statuses})
        .order_by()
        .values("mailing")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


@admin.register(Mailing)
class MailingAdmin(EditorialAdmin):
    form = MailingForm
    inlines = [MailingMessageInline]
    list_display = ["__str__", "subject", "recipients", "status", "created_at", "outcome"]
    list_filter = [StatusFilter, "audience"]
    search_fields = ["messages__subject"]
    ordering = ["-created_at", "-pk"]
    readonly_fields = ["status", "created_by", "created_at", "started_at", "finished_at"]
    change_form_template = "admin/core/mailing/change_form.html"
    actions = None

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("created_by")
            .prefetch_related("messages")
            .annotate(
                sent_count=_count_of(Delivery, "status", [Delivery.Status.SENT]),
                bounced_count=_count_of(Delivery, "status", [Delivery.Status.BOUNCED]),
                unsubscribed_count=_count_of(
                    Suppression, "reason", [Suppression.Reason.UNSUBSCRIBED]
                ),
            )
        )

    def get_fields(self, request, obj=None):
        if obj is None or obj.is_editable:
            return ["recipients"]
        return ["recipients", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        if obj is None or obj.is_editable:
            return []
        return ["recipients", *self.readonly_fields]

    def has_change_permission(self, request, obj=None):
        if obj is not None and not obj.is_editable:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # A mailing that went out stays, with its results; a draft can go.
        if obj is not None and not obj.is_editable:
            return False
        return super().has_delete_permission(request, obj)

    def has_send_permission(self, request) -> bool:
        return request.user.has_perm("core.send_mailing")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("subject"))
    def subject(self, mailing):
        subjects = {message.language: message.subject for message in mailing.messages.all()}
        return subjects.get(get_language(), next(iter(subjects.values()), ""))

    @admin.display(description=_("recipients"), ordering="audience")
    def recipients(self, mailing):
        return mailing.recipients_label or mailing.scope

    @admin.display(description=_("sent · bounced · unsubscribed"))
    def outcome(self, mailing):
        # Once its deliveries are purged, a mailing's counts are the ones kept with it.
        sent = mailing.results.get(Delivery.Status.SENT, mailing.sent_count)
        bounced = mailing.results.get(Delivery.Status.BOUNCED, mailing.bounced_count)
        return f"{sent} · {bounced} · {mailing.unsubscribed_count}"

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if obj.pk is None:
            # On a new mailing, one form per site language already set to it; forms left
            # untouched are not saved (a petition without a Kazakh version).
            kwargs["initial"] = [{"language": code} for code, _name in settings.LANGUAGES]
        return kwargs

    def get_urls(self):
        def wrap(view):
            return self.admin_site.admin_view(view)

        return [
            path("<int:pk>/send-test/", wrap(self.send_test_view), name="core_mailing_test"),
            path(
                "<int:pk>/sending/<str:step>/",
                wrap(self.sending_view),
                name="core_mailing_sending",
            ),
            *super().get_urls(),
        ]

    STEPS = {
        "send": (mailings.start_mailing, _("Send this mailing now?"), _("Sending started.")),
        "resume": (mailings.start_mailing, _("Resume sending?"), _("Sending resumed.")),
        "pause": (mailings.pause_mailing, _("Pause sending?"), _("Sending paused.")),
        "cancel": (
            mailings.cancel_mailing,
            _("Cancel this mailing for good? Nobody not yet written to will get it."),
            _("Mailing cancelled."),
        ),
    }

    def sending_view(self, request, pk, step):
        """A confirmation page (GET), then the step itself (POST)."""
        if step not in self.STEPS:
            raise PermissionDenied
        if not self.has_send_permission(request):
            raise PermissionDenied
        mailing = get_object_or_404(self.get_queryset(request), pk=pk)
        service, question, done = self.STEPS[step]
        change_url = reverse("admin:core_mailing_change", args=[mailing.pk])
        if request.method == "POST":
            try:
                service(mailing=mailing)
            except InvalidMailingTransition:
                self.message_user(
                    request,
                    gettext("The mailing is %(status)s: that cannot be done now.")
                    % {"status": mailing.get_status_display()},
                    messages.ERROR,
                )
            else:
                self.log_change(request, mailing, str(done))
                self.message_user(request, done, messages.SUCCESS)
            return HttpResponseRedirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "mailing": mailing,
            "question": question,
            "recipients": self.recipients(mailing),
            "step": step,
            "change_url": change_url,
            "title": question,
        }
        return TemplateResponse(request, "admin/core/mailing/confirm_step.html", context)

    def send_test_view(self, request, pk):
        if request.method != "POST" or not self.has_send_permission(request):
            raise PermissionDenied
        mailing = get_object_or_404(self.get_queryset(request), pk=pk)
        change_url = reverse("admin:core_mailing_change", args=[mailing.pk])
        if not request.user.email:
            self.message_user(
                request,
                gettext("Your account has no email address: add one to receive tests."),
                messages.ERROR,
            )
            return HttpResponseRedirect(change_url)
        sent = mailings.send_test(
            mailing=mailing, email=request.user.email, name=request.user.get_full_name()
        )
        self.message_user(
            request,
            gettext("%(count)s test emails sent to %(address)s.")
            % {"count": sent, "address": request.user.email},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(change_url)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context.update(self.sending_context(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def sending_context(self, request, mailing) -> dict:
        progress = mailing.deliveries.progress()
        if mailing.results and not any(progress.values()):
            progress = {**progress, **mailing.results}
        left = progress["pending"] + progress["sending"]
        return {
            "mailing": mailing,
            "progress": {
                "sent": progress["sent"],
                "failed": progress["failed"] + progress["bounced"],
                "bounced": progress["bounced"],
                "skipped": progress["skipped"],
                "left": left,
                "cancelled": progress["cancelled"],
                "unsubscribed": mailing.suppressions.filter(
                    reason=Suppression.Reason.UNSUBSCRIBED
                ).count(),
                "listed": sum(progress.values()),
            },
            "previews": [
                self.preview(request, mailing, message) for message in mailing.messages.all()
            ],
            "can_send": self.has_send_permission(request),
            "statuses": Mailing.Status,
        }

    def preview(self, request, mailing, message) -> dict:
        email = render_email(
            mailing=mailing,
            message=message,
            email=PREVIEW_ADDRESS,
            name=request.user.get_full_name(),
            language=message.language,
        )
        return {
            "language": message.get_language_display(),
            "subject": email.subject,
            "list_unsubscribe": email.extra_headers["List-Unsubscribe"],
            "body": email.body,
        }
