"""The forms of review links: creating one (staff) and commenting through one (reviewer)."""

from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from review.models import DEFAULT_LIFETIME, LONGEST_LIFETIME, ReviewComment

HOUR = timedelta(hours=1)


class ReviewLinkForm(forms.Form):
    hours = forms.IntegerField(
        label=_("Valid for (hours)"),
        min_value=1,
        max_value=LONGEST_LIFETIME // HOUR,
        initial=DEFAULT_LIFETIME // HOUR,
        help_text=_("72 hours unless you choose otherwise; at most 336 (14 days)."),
    )

    def lifetime(self) -> timedelta:
        return self.cleaned_data["hours"] * HOUR


class ReviewCommentForm(forms.ModelForm):
    class Meta:
        model = ReviewComment
        fields = ["name", "text"]
        labels = {"name": _("Your name"), "text": _("Your comment")}
        widgets = {"text": forms.Textarea(attrs={"rows": 5, "maxlength": 2000})}
