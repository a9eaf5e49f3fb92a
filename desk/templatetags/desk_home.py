"""The admin home's list of what goes out next: the soonest scheduled releases."""

from django import template
from django.utils import timezone

from desk import scheduled
from releases.models import CorrectionProposal

register = template.Library()


@register.inclusion_tag("admin/includes/next_to_go_out.html", takes_context=True)
def next_to_go_out(context) -> dict:
    releases = scheduled.next_to_go_out(timezone.now())
    pending = CorrectionProposal.objects.filter(state=CorrectionProposal.State.PENDING).count()
    return {
        "next_releases": [
            (release, scheduled.title_of(release), scheduled.in_words(release.publish_at))
            for release in releases
        ],
        "pending_corrections": pending,
        "request": context.get("request"),
    }
