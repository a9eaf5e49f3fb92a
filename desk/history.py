"""A release's history on the desk: every version listed, two compared, one restored.

Everyone on staff reads and compares versions; publishers restore one, which
the change form then saves through releases.publishing like any other save.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from reversion.models import Revision, Version

from desk import history_rows
from desk.review_links import review_comments
from releases import publishing, versions
from releases.models import Release


class HistoryAdminMixin:
    def get_urls(self) -> list:
        compare = path(
            "<path:object_id>/history/compare/",
            self.admin_site.admin_view(self.compare_view),
            name="releases_release_compare",
        )
        # Drop reversion's recover views: see change_list_template.
        kept = [url for url in super().get_urls() if "recover" not in str(url.name)]
        return [compare, *kept]

    def revision_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context=None
    ):
        if not publishing.can_publish(request.user):
            raise PermissionDenied
        release = self._release_or_404(request, object_id)
        request.version_before_restore = release.version
        restored = Version.objects.get_for_object(release).filter(pk=version_id).first()
        if restored is None:
            raise Http404
        request.restored_version = restored.field_dict.get("version")
        response = super().revision_view(request, object_id, version_id, extra_context)
        comment = getattr(request, "history_comment", None)
        if response.status_code == 302 and comment:
            # django-reversion writes its own line last ("Reverted to previous version…");
            # the history keeps publishing's, which names the version restored.
            latest = Version.objects.get_for_object(release).select_related("revision").first()
            Revision.objects.filter(pk=latest.revision_id).update(comment=comment)
        return response

    def _release_or_404(self, request: HttpRequest, object_id: str) -> Release:
        # get_object() answers None for a malformed id, where a lookup would raise.
        release = self.get_object(request, unquote(object_id))
        if release is None:
            raise Http404
        return release

    def history_view(self, request: HttpRequest, object_id: str, extra_context=None):
        release = self._release_or_404(request, object_id)
        history = list(Version.objects.get_for_object(release).select_related("revision__user"))
        context = {
            "versions": history,
            "rows": history_rows.rows(release, history, timezone.now()),
            "can_compare": len(history) > 1,
            "review_comments": review_comments(release),
            "can_restore": publishing.can_publish(request.user),
            **(extra_context or {}),
        }
        return super().history_view(request, object_id, context)

    def compare_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        release = self._release_or_404(request, object_id)
        if not self.has_view_or_change_permission(request, release):
            raise PermissionDenied
        history = Version.objects.get_for_object(release).select_related("revision__user")
        chosen = {str(version.pk): version for version in history}
        older = chosen.get(request.GET.get("from", ""))
        newer = chosen.get(request.GET.get("to", ""))
        if older is None or newer is None:
            messages.error(request, _("Choose two versions of this release to compare."))
            return self._history_redirect(release)
        if older.revision.date_created > newer.revision.date_created:
            older, newer = newer, older
        changes = versions.differences(
            versions.describe(versions.parts_of_version(older)),
            versions.describe(versions.parts_of_version(newer)),
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": release,
            "title": _("Compare versions of “%(release)s”") % {"release": release},
            "older": older,
            "newer": newer,
            "changes": changes,
        }
        return TemplateResponse(request, "admin/releases/release/compare.html", context)

    def _history_redirect(self, release: Release) -> HttpResponse:
        return redirect(reverse("admin:releases_release_history", args=[release.pk]))
