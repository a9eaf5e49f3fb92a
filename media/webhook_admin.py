"""Operators register webhook endpoints, see every delivery and try, and resume a paused one.

The signing secret is made when an endpoint is added and shown on its page to
those who manage webhooks, to copy into the receiver; it is kept in full, since
every webhook is signed with it. Deliveries and their tries are a record:
nobody edits them.
"""

import json

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from media import outbound, webhook_sending
from media.webhooks import Attempt, Delivery, Endpoint, EventType

ADDRESS_REFUSALS = {
    "scheme": _("Use an https address (http is allowed only for this machine while testing)."),
    "unknown_host": _("This address's host cannot be found."),
    "private": _("This address is on a private network, which webhooks may not reach."),
}


class EndpointForm(forms.ModelForm):
    url = forms.URLField(
        label=_("URL"),
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"class": "vURLField"}),
    )
    events = forms.MultipleChoiceField(
        label=_("Events"),
        choices=EventType.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The events this endpoint is sent."),
    )

    class Meta:
        model = Endpoint
        fields = ["url", "description", "events", "active"]

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        try:
            outbound.check_address(url)
        except outbound.NotAllowed as refusal:
            raise forms.ValidationError(ADDRESS_REFUSALS[refusal.code]) from None
        return url


def _moment(value) -> str:
    return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


@admin.register(Endpoint)
class EndpointAdmin(admin.ModelAdmin):
    form = EndpointForm
    list_display = ["url", "description", "event_names", "active", "short_state"]
    actions = ["resume_selected"]
    readonly_fields = ["signing_secret", "state", "created_at"]

    def get_fields(self, request: HttpRequest, obj=None) -> list[str]:
        fields = ["url", "description", "events", "active"]
        return fields if obj is None else [*fields, "signing_secret", "state", "created_at"]

    @admin.display(description=_("Events"))
    def event_names(self, endpoint: Endpoint) -> str:
        # One a line: no list separator to choose between the languages.
        labels = dict(EventType.choices)
        chosen = [(labels[name],) for name in endpoint.events if name in labels]
        return format_html_join(mark_safe("<br>"), "{}", chosen)

    @admin.display(description=_("Signing secret"))
    def signing_secret(self, endpoint: Endpoint) -> str:
        return format_html(
            '<input type="text" readonly value="{}" size="60" aria-label="{}"><div>{}</div>',
            endpoint.secret,
            _("Signing secret"),
            _("Give this secret to the receiver: it verifies each webhook's signature with it."),
        )

    @admin.display(description=_("State"))
    def short_state(self, endpoint: Endpoint) -> str:
        if endpoint.paused_at:
            return _("Paused since %(moment)s") % {"moment": _moment(endpoint.paused_at)}
        return self.state(endpoint)

    @admin.display(description=_("State"))
    def state(self, endpoint: Endpoint) -> str:
        if endpoint.paused_at:
            return _("Paused since %(moment)s: failing since %(since)s") % {
                "moment": _moment(endpoint.paused_at),
                "since": _moment(endpoint.failing_since),
            }
        if endpoint.failing_since:
            return _("Failing since %(moment)s") % {"moment": _moment(endpoint.failing_since)}
        return _("Working") if endpoint.active else _("Inactive")

    def response_add(self, request: HttpRequest, obj: Endpoint, post_url_continue=None):
        messages.info(
            request,
            _("Copy its signing secret into the receiver: %(secret)s") % {"secret": obj.secret},
        )
        return super().response_add(request, obj, post_url_continue)

    @admin.action(description=_("Resume selected endpoints"), permissions=["change"])
    def resume_selected(self, request: HttpRequest, queryset: QuerySet[Endpoint]) -> None:
        count = webhook_sending.resume(queryset)
        messages.success(
            request,
            ngettext(
                "%(count)d endpoint resumed; what waited for it is being sent.",
                "%(count)d endpoints resumed; what waited for them is being sent.",
                count,
            )
            % {"count": count},
        )


class AttemptInline(admin.TabularInline):
    model = Attempt
    fields = ["attempted_at", "status_code", "succeeded", "error", "duration_ms"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    # The tries are part of the delivery's record: whoever may see it sees them.
    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.has_perm("media.view_delivery")


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "event_type",
        "release",
        "endpoint",
        "status",
        "attempts",
        "next_attempt_at",
        "delivered_at",
    ]
    list_filter = ["status", "event__type", "endpoint"]
    list_select_related = ["event", "endpoint"]
    fields = ["endpoint", "event_type", "release", "webhook_id", "status", "attempts"]
    fields += ["next_attempt_at", "delivered_at", "payload"]
    readonly_fields = fields
    inlines = [AttemptInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    @admin.display(description=_("Event"), ordering="event__type")
    def event_type(self, delivery: Delivery) -> str:
        return delivery.event.get_type_display()

    @admin.display(description=_("Press release"))
    def release(self, delivery: Delivery) -> int:
        return delivery.event.release_id

    @admin.display(description=_("Webhook ID"))
    def webhook_id(self, delivery: Delivery) -> str:
        return delivery.event.webhook_id

    @admin.display(description=_("Payload"))
    def payload(self, delivery: Delivery) -> str:
        # As sent, laid out to be read: the signature covers the bytes, not this view.
        return format_html(
            "<pre>{}</pre>",
            json.dumps(json.loads(delivery.event.payload), indent=2, ensure_ascii=False),
        )
