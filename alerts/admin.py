"""Staff see how alerts are doing, never a list of addresses to export by accident.

The subscriber list shows counts by language, topic and frequency and finds
one subscriber only by their exact address, to export or erase their data on
request. Each content change shows its emails by status and lets a publisher
queue the failed ones again.
"""

from django.contrib import admin, messages
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy, ngettext

from alerts import delivery, privacy
from alerts.models import ContentChange, Email, Frequency, Languages, Subscriber, Subscription
from releases.models import Topic
from releases.publishing import PUBLISH_PERMISSION


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "confirmed_at", "suspended_at", "hard_failures"]
    search_fields = ["=email"]
    actions = ["export_selected", "erase_selected"]
    fields = ["email", "created_at", "confirmed_at", "hard_failures", "suspended_at"]
    readonly_fields = fields
    change_list_template = "admin/alerts/subscriber/change_list.html"
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def get_search_results(self, request: HttpRequest, queryset, search_term: str):
        # Only an exact address finds anyone: the list never shows everyone.
        if not search_term.strip():
            return queryset.none(), False
        return queryset.filter(email=search_term.strip().lower()), False

    def changelist_view(self, request: HttpRequest, extra_context=None):
        return super().changelist_view(request, {**(extra_context or {}), **subscriber_counts()})

    @admin.action(description=gettext_lazy("Export the data of selected subscribers"))
    def export_selected(self, request: HttpRequest, queryset: QuerySet[Subscriber]):
        response = HttpResponse(
            privacy.export_json(queryset), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="subscriber-data.json"'
        return response

    @admin.action(description=gettext_lazy("Erase selected subscribers"), permissions=["delete"])
    def erase_selected(self, request: HttpRequest, queryset: QuerySet[Subscriber]) -> None:
        count = privacy.erase(queryset)
        messages.success(
            request,
            ngettext(
                "%(count)d subscriber erased; their delivery counts are kept.",
                "%(count)d subscribers erased; their delivery counts are kept.",
                count,
            )
            % {"count": count},
        )


def subscriber_counts() -> dict:
    """Confirmed, receiving subscribers counted by language, frequency and topic."""
    subscriptions = Subscription.objects.filter(subscriber__in=Subscriber.objects.receiving())
    by = {
        name: dict(subscriptions.values_list(name).annotate(n=Count("pk")).order_by())
        for name in ("languages", "frequency")
    }
    topics = Topic.objects.prefetch_related("translations").annotate(
        n=Count("subscription", filter=Q(subscription__in=subscriptions))
    )
    return {
        "counts_total": subscriptions.count(),
        "counts_unconfirmed": Subscriber.objects.filter(confirmed_at__isnull=True).count(),
        "counts_suspended": Subscriber.objects.filter(suspended_at__isnull=False).count(),
        "counts_by_language": [
            (label, by["languages"].get(value, 0)) for value, label in Languages.choices
        ],
        "counts_by_frequency": [
            (label, by["frequency"].get(value, 0)) for value, label in Frequency.choices
        ],
        "counts_by_topic": [(str(topic), topic.n) for topic in topics],
        "counts_all_topics": subscriptions.filter(topics__isnull=True).count(),
    }


@admin.register(ContentChange)
class ContentChangeAdmin(admin.ModelAdmin):
    list_display = ["release", "kind", "created_at", "queued", "sent", "failed"]
    list_filter = ["kind"]
    actions = ["resend_failed"]
    fields = ["release", "kind", "created_at", "fanned_out_at", "queued", "sent", "failed"]
    readonly_fields = fields
    list_select_related = ["release"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ContentChange]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                **{
                    f"n_{status}": Count("emails", filter=Q(emails__status=status))
                    for status in Email.Status.values
                }
            )
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_resend_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(PUBLISH_PERMISSION)

    @admin.display(description=gettext_lazy("Queued"))
    def queued(self, change: ContentChange) -> int:
        return change.n_queued

    @admin.display(description=gettext_lazy("Sent"))
    def sent(self, change: ContentChange) -> int:
        return change.n_sent

    @admin.display(description=gettext_lazy("Failed"))
    def failed(self, change: ContentChange) -> int:
        return change.n_failed

    @admin.action(description=gettext_lazy("Resend failed emails"), permissions=["resend"])
    def resend_failed(self, request: HttpRequest, queryset: QuerySet[ContentChange]) -> None:
        count = sum(delivery.resend_failed(change) for change in queryset)
        messages.success(
            request,
            ngettext(
                "%(count)d failed email queued again.",
                "%(count)d failed emails queued again.",
                count,
            )
            % {"count": count},
        )
