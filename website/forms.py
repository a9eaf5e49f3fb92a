"""The archive's filters, checked before any of them reaches a query."""

from django import forms
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from releases.models import Topic

FIRST_YEAR, LAST_YEAR = 1900, 9999


class ArchiveFilterForm(forms.Form):
    topic = forms.ChoiceField(
        label=_("Topic"),
        required=False,
        error_messages={"invalid_choice": _("There is no topic called “%(value)s”.")},
    )
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        error_messages={
            "invalid": _("The year must be a number, such as 2023."),
            "min_value": _("The year must be between 1900 and 9999."),
            "max_value": _("The year must be between 1900 and 9999."),
        },
    )
    month = forms.TypedChoiceField(
        label=_("Month"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any month")), *MONTHS.items()],
        error_messages={"invalid_choice": _("The month must be a number from 1 to 12.")},
    )
    page = forms.IntegerField(
        required=False,
        min_value=1,
        error_messages={
            "invalid": _("The page must be a whole number, such as 2."),
            "min_value": _("The page must be a whole number, such as 2."),
        },
    )

    def __init__(self, data, topics: list[Topic], years: list[int]) -> None:
        super().__init__(data)
        self.fields["topic"].choices = [("", _("All topics"))] + [
            (topic.slug, topic.name_in_interface) for topic in topics
        ]
        self.years = years

    def filters(self) -> dict:
        """Return the valid filters that are set, as query parameters (page excluded)."""
        return {
            name: self.cleaned_data[name]
            for name in ("topic", "year", "month")
            if self.cleaned_data.get(name)
        }
