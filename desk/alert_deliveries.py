"""The alert-emails panel of a release's change page: its emails by kind and status."""

from django.db.models import Count, Q
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from alerts.models import Email
from releases.models import Release


def describe_counts(counts: dict[str, int]) -> str:
    """Each status and its count: "Queued: 0, Sent: 3", in Chinese with full-width marks."""
    return pgettext("between the items of a list", ", ").join(
        pgettext("a label and its count", "%(label)s: %(count)s")
        % {"label": label, "count": counts[value]}
        for value, label in Email.Status.choices
    )


def delivery_status(release: Release) -> str:
    """The release's alert emails by kind and status, for its admin page."""
    changes = list(
        release.content_changes.annotate(
            **{
                status: Count("emails", filter=Q(emails__status=status))
                for status in Email.Status.values
            }
        ).order_by("created_at")
    )
    if not changes:
        return _("No alert emails yet.")
    return format_html_join(
        "",
        "<p>{}</p>",
        (
            (
                pgettext("a label and its count", "%(label)s: %(count)s")
                % {
                    "label": change.get_kind_display(),
                    "count": describe_counts({s: getattr(change, s) for s in Email.Status.values}),
                },
            )
            for change in changes
        ),
    )
