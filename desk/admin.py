"""Staff edit releases in both languages on one page; topics and contacts in parler's tabs.

Editors write drafts; publishers (permission releases.publish_release) also
publish, schedule, withdraw and restore. Every save of a release is kept
as a version by django-reversion.
"""

from collections.abc import Callable

from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Cast
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from parler.admin import TranslatableAdmin
from reversion.admin import VersionAdmin
from reversion.models import Version

from alerts.fanout import recipients_of
from desk import chinese_spacing, columns, scheduled
from desk import embargo as desk_embargo
from desk.alert_deliveries import delivery_status
from desk.findings import FindingsAdminMixin, panel, warn_of_findings
from desk.forms import ReleaseAdminForm, WithdrawalForm
from desk.history import HistoryAdminMixin
from desk.inlines import AttachmentInline, ReleaseImageInline
from desk.media_panel import media_context
from desk.proposals import ProposalsAdminMixin
from desk.review_links import ReviewLinksAdminMixin
from pressroom.languages import CHINESE, ENGLISH
from releases import publishing
from releases.models import Contact, Release, Topic
from search.results import matching

admin.site.site_header = admin.site.site_title = gettext_lazy("Customs press releases · staff")


@admin.register(Release)
class ReleaseAdmin(
    desk_embargo.EmbargoAdminMixin,
    FindingsAdminMixin,
    ProposalsAdminMixin,
    ReviewLinksAdminMixin,
    HistoryAdminMixin,
    VersionAdmin,
    admin.ModelAdmin,
):
    form = ReleaseAdminForm
    inlines = [ReleaseImageInline, AttachmentInline]
    list_display = [
        "chinese_title",
        "english_title",
        "state",
        "publish_at",
        "languages",
        "last_changed",
        "changed_by",
    ]
    list_filter = [
        scheduled.StateFilter,
        desk_embargo.EmbargoFilter,
        columns.TranslationStateFilter,
        "publish_at",
        "topics",
        "contact",
    ]
    # The box searches with the site's own search (see get_search_results); the slug too.
    search_fields = ["slug"]
    date_hierarchy = "publish_at"
    filter_horizontal = ["topics"]
    actions = ["publish_selected", "withdraw_selected"]
    object_history_template = "admin/releases/release/object_history.html"
    # Deleting a release deletes its files, so a deleted release cannot be recovered.
    change_list_template = "admin/change_list.html"

    class Media:
        css = {"all": ["css/admin.css"]}

    def get_fieldsets(self, request: HttpRequest, obj: Release | None = None) -> list:
        # The title, summary and body of each language are the columns above these
        # (templates/admin/releases/release/change_form.html).
        fieldsets = [
            (
                _("Publishing"),
                {"fields": ["status", "publish_at", "slug", "contact", "topics", "version"]},
            ),
        ]
        if obj and obj.status != Release.Status.DRAFT and publishing.can_publish(request.user):
            fieldsets += [
                (
                    _("Correction"),
                    {"fields": [("change_note_zh_hant", "change_note_en"), "notify_subscribers"]},
                ),
                (
                    _("Withdrawal"),
                    {"fields": [("withdrawal_reason_zh_hant", "withdrawal_reason_en")]},
                ),
            ]
        if desk_embargo.shows_block(obj, request.user, timezone.now()):
            fields = desk_embargo.block_fields(obj, timezone.now())
            fieldsets.append((_("Embargo"), {"fields": fields, "classes": ["desk-embargo-block"]}))
        if obj and obj.status != Release.Status.DRAFT:
            fieldsets.append((_("Email alerts"), {"fields": ["alert_deliveries"]}))
        return fieldsets

    def get_readonly_fields(self, request: HttpRequest, obj: Release | None = None) -> list:
        return ["alert_deliveries"] + ([] if publishing.can_publish(request.user) else ["status"])

    def get_form(self, request: HttpRequest, obj: Release | None = None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(
            form.__name__,
            (form,),
            {
                "user": request.user,
                "version_before_restore": getattr(request, "version_before_restore", None),
                "restored_version": getattr(request, "restored_version", None),
            },
        )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Release]:
        last_user = (
            Version.objects.filter(
                content_type=ContentType.objects.get_for_model(Release),
                object_id=Cast(OuterRef("pk"), CharField()),
            )
            .order_by("-revision__date_created", "-pk")
            .values("revision__user__username")[:1]
        )
        return (
            super()
            .get_queryset(request)
            .prefetch_related("translations")
            # Its embargo, joined: the list's status and the change page read it.
            .select_related("embargo")
            .annotate(last_changed_by=Subquery(last_user))
        )

    def get_search_results(self, request: HttpRequest, queryset: QuerySet[Release], term: str):
        """Find releases as the site's search does (Traditional, Simplified alike) or by slug."""
        if not term.strip():
            return queryset, False
        found = matching(Release.objects.all(), term).values("pk")
        return queryset.filter(Q(pk__in=found) | Q(slug__icontains=term.strip())), False

    def formfield_for_manytomany(self, db_field, request: HttpRequest, **kwargs):
        # Each topic is named from its translations: read them with the topics, in one query.
        if db_field.name == "topics":
            kwargs["queryset"] = Topic.objects.prefetch_related("translations")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "contact":
            kwargs["queryset"] = Contact.objects.prefetch_related("translations")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request: HttpRequest) -> dict:
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("contact", Contact.default())
        # Proposed to the minute: seconds in a publish time are noise.
        initial.setdefault("publish_at", timezone.now().replace(second=0, microsecond=0))
        return initial

    def render_change_form(
        self, request: HttpRequest, context: dict, add=False, change=False, form_url="", obj=None
    ):
        form = context["adminform"].form
        context.update(
            columns=columns.columns(form, obj),
            paragraph_counts=form.paragraph_counts,
            findings_panel=panel(form, request.user),
            scheduled_for=obj
            and scheduled.is_scheduled(obj, timezone.now())
            and scheduled.scheduled_for(obj.publish_at),
            **self.review_context(request, obj),
            **self.proposals_context(request, obj),
            **self.embargo_context(request, obj),
            **media_context(request, obj),
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def has_change_permission(self, request: HttpRequest, obj: Release | None = None) -> bool:
        if not publishing.may_change(request.user, obj):
            return False
        return super().has_change_permission(request, obj)

    def view_on_site(self, obj: Release) -> str | None:
        # A draft's or a scheduled release's address is a 404: the previews are for those.
        return obj.get_absolute_url() if scheduled.is_public(obj, timezone.now()) else None

    def message_user(self, request: HttpRequest, message, level=messages.INFO, *args, **kwargs):
        # After saving a scheduled release, say when it goes out, not only that it was saved.
        release = getattr(request, "saved_release", None)
        if (
            level == messages.SUCCESS
            and release
            and scheduled.is_scheduled(release, timezone.now())
        ):
            message = format_html("{} {}", message, scheduled.scheduled_for(release.publish_at))
        return super().message_user(
            request, chinese_spacing.joined(message), level, *args, **kwargs
        )

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return publishing.can_publish(request.user)

    def save_model(self, request: HttpRequest, obj: Release, form, change: bool) -> None:
        """Leave the writing to publishing.save(), called with everything in save_related()."""

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        admin_save_related = super().save_related
        request.saved_release = form.instance
        request.history_comment = publishing.save(
            form.instance,
            form.step(),
            user=request.user,
            now=form.now,
            write_related=lambda: admin_save_related(request, form, formsets, change),
        )
        desk_embargo.save(request, form)
        warn_of_findings(request, form.instance)
        if form.instance.status == Release.Status.DRAFT:
            # A draft may wait for its other language; publishing it will not.
            for problem in publishing.needing_review(form.instance):
                messages.warning(request, problem)

    def log_addition(self, request: HttpRequest, obj: Release, message):
        return super().log_addition(request, obj, self._history_message(request, message))

    def log_change(self, request: HttpRequest, obj: Release, message):
        return super().log_change(request, obj, self._history_message(request, message))

    def _history_message(self, request: HttpRequest, message):
        # The history says in words, in each language, what the save did (publishing's
        # line), where django-reversion would write Django's list of changed fields.
        return getattr(request, "history_comment", None) or message

    def delete_model(self, request: HttpRequest, obj: Release) -> None:
        publishing.delete(obj, user=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Release]) -> None:
        for release in queryset:
            publishing.delete(release, user=request.user)

    # Actions: publishers only (permission "publish" is has_publish_permission).

    def _apply_to_each(
        self,
        request: HttpRequest,
        queryset: QuerySet[Release],
        change: Callable[[Release], None],
        refusal: str,
    ) -> int:
        """Apply a publishing step to each release; say why for each refused; count the rest."""
        done = 0
        for release in queryset.prefetch_related("translations"):
            try:
                change(release)
            except publishing.PublishingRefused as refused:
                problems = "; ".join(map(str, refused.problems))
                messages.error(request, refusal % {"release": release, "problems": problems})
            else:
                done += 1
        return done

    @admin.action(
        description=gettext_lazy("Publish selected press releases"), permissions=["publish"]
    )
    def publish_selected(self, request: HttpRequest, queryset: QuerySet[Release]) -> None:
        now = timezone.now()
        done = self._apply_to_each(
            request,
            queryset.exclude(status=Release.Status.PUBLISHED),
            lambda release: publishing.publish(release, user=request.user, now=now),
            _("“%(release)s” was not published: %(problems)s"),
        )
        if done:
            messages.success(
                request,
                ngettext(
                    "%(count)d press release published or scheduled.",
                    "%(count)d press releases published or scheduled.",
                    done,
                )
                % {"count": done},
            )

    @admin.action(
        description=gettext_lazy("Withdraw selected press releases…"), permissions=["publish"]
    )
    def withdraw_selected(self, request: HttpRequest, queryset: QuerySet[Release]):
        form = WithdrawalForm(request.POST if "confirm" in request.POST else None)
        if not form.is_valid():
            context = {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": _("Withdraw press releases"),
                "form": form,
                # Those who were sent each release are emailed the withdrawal notice.
                "releases": [
                    (release, len(recipients_of(release.pk)))
                    for release in queryset.prefetch_related("translations")
                ],
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(
                request, "admin/releases/release/withdraw_selected.html", context
            )
        now, reasons = timezone.now(), form.reasons()
        done = self._apply_to_each(
            request,
            queryset,
            lambda release: publishing.withdraw(release, reasons, user=request.user, now=now),
            _("“%(release)s” was not withdrawn: %(problems)s"),
        )
        if done:
            messages.success(
                request,
                ngettext(
                    "%(count)d press release withdrawn.",
                    "%(count)d press releases withdrawn.",
                    done,
                )
                % {"count": done},
            )
        return None

    @admin.display(description=gettext_lazy("Alert emails"))
    def alert_deliveries(self, obj: Release) -> str:
        return delivery_status(obj)

    @admin.display(description=gettext_lazy("Status"), ordering="status")
    def state(self, obj: Release) -> str:
        # Scheduled as its own state, with its time: the field alone says "published".
        # Unread reviewers' comments are noted under it (desk.review_links).
        now = timezone.now()
        state = desk_embargo.state_of(obj, now) or scheduled.state_of(obj, now)
        return format_html("{}{}", state, self.new_comments_note(obj))

    @admin.display(description=gettext_lazy("Chinese title"))
    def chinese_title(self, obj: Release) -> str:
        return obj.safe_translation_getter("title", language_code=CHINESE) or "—"

    @admin.display(description=gettext_lazy("English title"))
    def english_title(self, obj: Release) -> str:
        return obj.safe_translation_getter("title", language_code=ENGLISH) or "—"

    @admin.display(description=gettext_lazy("Languages"))
    def languages(self, obj: Release) -> str:
        return format_html_join(
            " · ",
            '<span class="desk-language{}">{}{}</span>',
            (
                (" desk-language--attention" if state else "", short, f" {state}" if state else "")
                for short, state in columns.translation_state_of(obj)
            ),
        )

    @admin.display(description=gettext_lazy("Last changed"), ordering="updated_at")
    def last_changed(self, obj: Release) -> str:
        # Short, to stay on one line beside the titles at 1280 px with the side menu open.
        return formats.date_format(timezone.localtime(obj.updated_at), "SHORT_DATETIME_FORMAT")

    @admin.display(description=gettext_lazy("Changed by"), ordering="last_changed_by")
    def changed_by(self, obj: Release) -> str:
        return obj.last_changed_by or "—"


@admin.register(Topic)
class TopicAdmin(chinese_spacing.LanguageTabsTitleMixin, TranslatableAdmin):
    list_display = ["__str__", "slug", "language_column"]
    search_fields = ["translations__name", "slug"]

    def get_prepopulated_fields(self, request: HttpRequest, obj: Topic | None = None) -> dict:
        return {"slug": ("name",)}


@admin.register(Contact)
class ContactAdmin(chinese_spacing.LanguageTabsTitleMixin, TranslatableAdmin):
    list_display = ["__str__", "email", "phone", "is_default", "language_column"]
    search_fields = ["translations__office", "translations__department", "email"]
