"""Telling a review link's creator, by email, that a reviewer sent a comment through it.

The email is in the language the creator used the desk in when making the
link, and leads to the comments on the release's change page.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pressroom.languages import SIMPLIFIED, content_language, html_lang
from pressroom.simplified import to_simplified
from releases.models import Release
from review.models import ReviewComment


def email_link_creator(comment_id: int) -> None:
    """Email the creator of the comment's link; nothing when there is nobody to tell."""
    comment = (
        ReviewComment.objects.select_related("link__created_by").filter(pk=comment_id).first()
    )
    if comment is None or comment.creator_told_at is not None:
        return
    creator = comment.link.created_by
    if creator is None or not creator.is_active or not creator.email:
        return
    release = Release.objects.prefetch_related("translations").get(pk=comment.link.release_id)
    language = comment.link.language
    with translation.override(language):
        title = release.safe_translation_getter(
            "title", language_code=content_language(language), any_language=True
        )
        if language == SIMPLIFIED:
            title = to_simplified(title)
        change_url = reverse("admin:releases_release_change", args=[release.pk])
        body = render_to_string(
            "review/email/new_comment.txt",
            {
                "comment": comment,
                "title": title,
                "sent_at": date_format(timezone.localtime(comment.created_at), "DATETIME_FORMAT"),
                "change_url": f"{settings.SITE_URL}{change_url}#review-comments",
            },
        )
        subject = _("Reviewer comment on “%(title)s”") % {"title": title}
    EmailMessage(
        subject, body, to=[creator.email], headers={"Content-Language": html_lang(language)}
    ).send()
    ReviewComment.objects.filter(pk=comment.pk).update(creator_told_at=timezone.now())
