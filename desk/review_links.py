"""Review links on a release's change page: create, list, revoke; the comments they brought.

ReleaseAdmin takes these views, the context of its change page and the release
list's "new comments" column and filter from this mixin; creating or revoking a
link, or marking comments read, needs the change permission on the release.
"""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from pressroom.languages import CHINESE, ENGLISH, SIMPLIFIED, html_lang, language_name
from releases.models import Release
from review.forms import ReviewLinkForm
from review.models import ReviewComment, ReviewLink

# A link is offered in each interface language, in the order of the site's switcher.
LINK_LANGUAGES = (CHINESE, SIMPLIFIED, ENGLISH)


@dataclass(frozen=True)
class LinkAddress:
    """A review link's full address under one language prefix, for the desk to copy."""

    code: str
    html_lang: str
    name: str
    url: str


def link_addresses(request: HttpRequest, link: ReviewLink) -> list[LinkAddress]:
    addresses = []
    for code in LINK_LANGUAGES:
        with translation.override(code):
            path_in_language = link.get_absolute_url()
        addresses.append(
            LinkAddress(
                code,
                html_lang(code),
                language_name(code),
                request.build_absolute_uri(path_in_language),
            )
        )
    return addresses


def new_comments_count() -> Subquery:
    """How many comments on each release nobody has marked read yet, as one subquery."""
    counted = (
        ReviewComment.objects.filter(link__release=OuterRef("pk"), seen_at__isnull=True)
        .order_by()
        .values("link__release")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counted), 0)


class NewCommentsFilter(admin.SimpleListFilter):
    title = gettext_lazy("reviewer comments")
    parameter_name = "comments"

    def lookups(self, request: HttpRequest, model_admin) -> list[tuple[str, str]]:
        return [("new", _("New comments"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Release]):
        if self.value() == "new":
            return queryset.filter(new_review_comments__gt=0)
        return queryset


class ReviewLinksAdminMixin:
    def get_urls(self) -> list:
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/review-links/",
                wrap(require_POST(self.create_review_link_view)),
                name="releases_release_review_link_create",
            ),
            path(
                "<path:object_id>/review-links/<int:link_id>/revoke/",
                wrap(require_POST(self.revoke_review_link_view)),
                name="releases_release_review_link_revoke",
            ),
            path(
                "<path:object_id>/review-comments/read/",
                wrap(require_POST(self.mark_comments_read_view)),
                name="releases_release_review_comments_read",
            ),
            *super().get_urls(),
        ]

    @property
    def media(self) -> forms.Media:
        # The copy buttons beside each link: a file of the site's own, as the CSP asks.
        return super().media + forms.Media(js=["js/copy_links.js"])

    def get_queryset(self, request: HttpRequest) -> QuerySet[Release]:
        return super().get_queryset(request).annotate(new_review_comments=new_comments_count())

    def get_list_display(self, request: HttpRequest) -> list:
        return [*super().get_list_display(request), "review_comments_column"]

    def get_list_filter(self, request: HttpRequest) -> list:
        return [*super().get_list_filter(request), NewCommentsFilter]

    @admin.display(description=gettext_lazy("Reviewer comments"), ordering="new_review_comments")
    def review_comments_column(self, release: Release) -> str:
        count = release.new_review_comments
        if not count:
            return "—"
        label = ngettext("%(count)d new", "%(count)d new", count) % {"count": count}
        return format_html('<span class="desk-new-comments">{}</span>', label)

    def _changeable_release(self, request: HttpRequest, object_id: str):
        release = self.get_object(request, unquote(object_id))
        if release is None:
            raise Http404
        if not self.has_change_permission(request, release):
            raise PermissionDenied
        return release

    def _back_to_change_page(self, release, anchor: str = "review-links") -> HttpResponse:
        url = reverse("admin:releases_release_change", args=[release.pk])
        return redirect(f"{url}#{anchor}")

    def create_review_link_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        release = self._changeable_release(request, object_id)
        form = ReviewLinkForm(request.POST)
        if not form.is_valid():
            for error in form.errors.get("hours", []):
                messages.error(request, _("The review link was not created: %s") % error)
            return self._back_to_change_page(release)
        now = timezone.now()
        ReviewLink.objects.create(
            release=release,
            created_by=request.user,
            created_at=now,
            expires_at=now + form.lifetime(),
            # The creator is told of comments in the language they work in now.
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )
        # The address is listed below in every language; the message names none of them.
        messages.success(
            request,
            _(
                "Review link created: send the reviewer its address below "
                "in the language they read."
            ),
        )
        return self._back_to_change_page(release)

    def revoke_review_link_view(
        self, request: HttpRequest, object_id: str, link_id: int
    ) -> HttpResponse:
        release = self._changeable_release(request, object_id)
        revoked = ReviewLink.objects.filter(
            pk=link_id, release=release, revoked_at__isnull=True
        ).update(revoked_at=timezone.now())
        if revoked:
            messages.success(request, _("The review link was revoked; it opens nothing now."))
        return self._back_to_change_page(release)

    def mark_comments_read_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        release = self._changeable_release(request, object_id)
        ReviewComment.objects.filter(link__release=release, seen_at__isnull=True).update(
            seen_at=timezone.now()
        )
        messages.success(request, _("The reviewer comments were marked as read."))
        return self._back_to_change_page(release, "review-comments")

    def review_context(self, request: HttpRequest, release) -> dict:
        """The links and comments the change page lists, in two queries whatever their number."""
        if release is None or getattr(request, "version_before_restore", None) is not None:
            return {}
        links = list(release.review_links.select_related("created_by"))
        now = timezone.now()
        for link in links:
            link.addresses = link_addresses(request, link)
            link.valid = link.is_valid(now)
        comments = review_comments(release)
        return {
            "review_links": links,
            "review_comments": comments,
            "new_review_comments": sum(comment.seen_at is None for comment in comments),
            "review_link_form": ReviewLinkForm(),
            "can_create_review_link": self.has_change_permission(request, release),
        }


def review_comments(release) -> list[ReviewComment]:
    """Every comment reviewers sent on a release, newest first, with the link each came by."""
    return list(
        ReviewComment.objects.filter(link__release=release).select_related("link__created_by")
    )
