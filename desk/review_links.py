"""Review links on a release's change page: create, list, revoke; the comments they brought.

ReleaseAdmin takes these views and the context of its change page from this
mixin; creating or revoking a link needs the change permission on the release.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from review.forms import ReviewLinkForm
from review.models import ReviewComment, ReviewLink


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
            *super().get_urls(),
        ]

    def _changeable_release(self, request: HttpRequest, object_id: str):
        release = self.get_object(request, unquote(object_id))
        if release is None:
            raise Http404
        if not self.has_change_permission(request, release):
            raise PermissionDenied
        return release

    def _back_to_change_page(self, release) -> HttpResponse:
        url = reverse("admin:releases_release_change", args=[release.pk])
        return redirect(f"{url}#review-links")

    def create_review_link_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        release = self._changeable_release(request, object_id)
        form = ReviewLinkForm(request.POST)
        if not form.is_valid():
            for error in form.errors.get("hours", []):
                messages.error(request, _("The review link was not created: %s") % error)
            return self._back_to_change_page(release)
        now = timezone.now()
        link = ReviewLink.objects.create(
            release=release,
            created_by=request.user,
            created_at=now,
            expires_at=now + form.lifetime(),
        )
        messages.success(
            request,
            _("Review link created: %(url)s")
            % {"url": request.build_absolute_uri(link.get_absolute_url())},
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

    def review_context(self, request: HttpRequest, release) -> dict:
        """The links and comments the change page lists, in two queries whatever their number."""
        if release is None or getattr(request, "version_before_restore", None) is not None:
            return {}
        links = list(release.review_links.select_related("created_by"))
        now = timezone.now()
        for link in links:
            link.url = request.build_absolute_uri(link.get_absolute_url())
            link.valid = link.is_valid(now)
        return {
            "review_links": links,
            "review_comments": review_comments(release),
            "review_link_form": ReviewLinkForm(),
            "can_create_review_link": self.has_change_permission(request, release),
        }


def review_comments(release) -> list[ReviewComment]:
    """Every comment reviewers sent on a release, newest first, with the link each came by."""
    return list(
        ReviewComment.objects.filter(link__release=release).select_related("link__created_by")
    )
