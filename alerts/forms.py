"""The subscribe and manage forms. Every field is a choice but the address.

Each message names what to do about its field (as GOV.UK words them: "Choose how
often to get emails"), so the error summary at the top of the page can list them
as they are, each a link to its field.
"""

from django import forms
from django.core import validators
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from alerts.models import Frequency, Languages, Subscription
from pressroom.languages import SIMPLIFIED
from releases.models import Topic

CHOOSE_LANGUAGES = _("Choose the languages of your emails")
CHOOSE_FREQUENCY = _("Choose how often to get emails")
CHOOSE_TOPICS = _("Choose topics from the list, or none for every press release")


class TopicChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, topic: Topic) -> str:
        return topic.name_in_interface


def language_choices() -> list[tuple[str, str]]:
    """Return the languages offered on this page: a Simplified reader's Chinese is Simplified."""
    if translation.get_language() != SIMPLIFIED:
        return Languages.choices
    return [
        (value, _("Simplified Chinese") if value == Languages.CHINESE else label)
        for value, label in Languages.choices
    ]


class ErrorSummary:
    """What a form on the readers' side does with its errors, in the GOV.UK pattern.

    Each choice of a group in error says so to a screen reader as it is reached,
    and `error_summary()` lists the errors for the summary at the top of the page.
    """

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields and isinstance(self.fields[name].widget, forms.RadioSelect):
                self.fields[name].widget.attrs["aria-invalid"] = "true"

    def error_summary(self) -> list[tuple[str, str]]:
        """Return each error as (the id of the field to move to, or "", its message), in order."""
        summary = [("", str(error)) for error in self.non_field_errors()]
        for field in self.visible_fields():
            if field.errors:
                subwidgets = field.subwidgets
                anchor = subwidgets[0].id_for_label if subwidgets else field.auto_id
                summary.append((anchor, str(field.errors[0])))
        return summary


class RobotTrap(forms.Form):
    """A honeypot: a field hidden from people, filled in by robots that fill in everything."""

    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def is_robot(self) -> bool:
        return bool(self.cleaned_data.get("website"))


def length_first(field: forms.Field) -> None:
    """Show an address far too long as too long: only the first message of a field is shown."""
    field.validators.sort(
        key=lambda validator: not isinstance(validator, validators.MaxLengthValidator)
    )


class PreferencesForm(ErrorSummary, forms.ModelForm):
    languages = forms.ChoiceField(
        label=_("Languages"),
        choices=Languages.choices,
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_LANGUAGES, "invalid_choice": CHOOSE_LANGUAGES},
    )
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_FREQUENCY, "invalid_choice": CHOOSE_FREQUENCY},
    )
    topics = TopicChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose none to receive every press release."),
        error_messages={
            "invalid_choice": CHOOSE_TOPICS,
            "invalid_pk_value": CHOOSE_TOPICS,
            "invalid_list": CHOOSE_TOPICS,
        },
    )

    class Meta:
        model = Subscription
        fields = ["languages", "frequency", "topics"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = language_choices()
        self.fields["topics"].queryset = Topic.objects.prefetch_related("translations").order_by(
            "slug"
        )


class SubscribeForm(PreferencesForm, RobotTrap):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
            "max_length": _("Enter an email address of 254 characters or fewer"),
        },
    )
    field_order = ["email", "languages", "topics", "frequency", "website"]

    class Meta(PreferencesForm.Meta):
        pass

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        length_first(self.fields["email"])
