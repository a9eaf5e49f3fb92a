"""Staff decide on journalists' applications: list, filter, search, approve, renew, revoke.

Each decision goes through media.accreditation.decide, which records who made
it and when and emails the journalist in their language. A decision that does
not apply to a journalist's status (renewing an application) is refused and
said so, the others in the selection still decided.
"""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy, ngettext

# The webhooks' admin is registered from its own module.
from media import accreditation, webhook_admin  # noqa: F401
from media.models import Decision, Journalist, Status


class StatusFilter(admin.SimpleListFilter):
    title = gettext_lazy("status")
    parameter_name = "status"

    def lookups(self, request: HttpRequest, model_admin) -> list:
        return Status.choices

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() in Status.values:
            return queryset.filter(status=self.value())
        return queryset


class DecisionInline(admin.TabularInline):
    model = Decision
    fields = ["action", "decided_by", "decided_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Journalist)
class JournalistAdmin(admin.ModelAdmin):
    list_display = ["name", "outlet", "email", "status_label", "accredited_until", "applied_at"]
    list_filter = [StatusFilter, "languages", "beats"]
    search_fields = ["name", "outlet", "email"]
    actions = ["approve", "renew", "decline", "revoke"]
    fields = [
        "name",
        "outlet",
        "email",
        "phone",
        "languages",
        "beats",
        "language",
        "emails_paused",
        "applied_at",
        "email_confirmed_at",
        "accredited_at",
        "accredited_until",
        "declined_at",
        "revoked_at",
    ]
    readonly_fields = [
        "applied_at",
        "email_confirmed_at",
        "accredited_at",
        "accredited_until",
        "declined_at",
        "revoked_at",
    ]
    filter_horizontal = ["beats"]
    inlines = [DecisionInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Journalists apply themselves, confirming their own address.
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).with_status(timezone.now())

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def status_label(self, journalist: Journalist) -> str:
        return Status(journalist.status).label

    def _decide(self, request: HttpRequest, queryset: QuerySet, action: str) -> None:
        now = timezone.now()
        done, refused = 0, []
        for journalist in queryset:
            try:
                accreditation.decide(journalist, action, request.user, now)
            except accreditation.Refused:
                refused.append(journalist.name)
            else:
                done += 1
        if done:
            messages.success(
                request,
                ngettext(
                    "%(action)s: %(count)d journalist; they are told by email.",
                    "%(action)s: %(count)d journalists; they are told by email.",
                    done,
                )
                % {"action": Decision.Action(action).label, "count": done},
            )
        if refused:
            messages.warning(
                request,
                gettext_lazy("Not possible for their present status: %(names)s")
                % {"names": ", ".join(refused)},
            )

    @admin.action(
        description=gettext_lazy("Approve selected applications"), permissions=["change"]
    )
    def approve(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._decide(request, queryset, Decision.Action.APPROVED)

    @admin.action(
        description=gettext_lazy("Renew selected accreditations"), permissions=["change"]
    )
    def renew(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._decide(request, queryset, Decision.Action.RENEWED)

    @admin.action(
        description=gettext_lazy("Decline selected applications"), permissions=["change"]
    )
    def decline(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._decide(request, queryset, Decision.Action.DECLINED)

    @admin.action(
        description=gettext_lazy("Revoke selected accreditations"), permissions=["change"]
    )
    def revoke(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._decide(request, queryset, Decision.Action.REVOKED)
