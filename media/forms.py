"""The journalists' forms: apply, sign in, and their email settings in the media room.

Each message names what to do about its field, as alerts' forms word theirs, so
the error summary at the top of the page (alerts' partial) lists them as they are.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from alerts.forms import ErrorSummary, RobotTrap, TopicChoiceField, language_choices, length_first
from media.models import Journalist, Languages
from releases.models import Topic

CHOOSE_LANGUAGES = _("Choose the languages you work in")
CHOOSE_BEATS = _("Choose beats from the list, or none for every press release")
EMAIL_ERRORS = {
    "required": _("Enter your work email address"),
    "invalid": _("Enter an email address in the correct format, like name@example.com"),
    "max_length": _("Enter an email address of 254 characters or fewer"),
}


class JournalistForm(ErrorSummary, forms.ModelForm):
    languages = forms.ChoiceField(
        label=_("Languages"),
        choices=Languages.choices,
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_LANGUAGES, "invalid_choice": CHOOSE_LANGUAGES},
    )
    beats = TopicChoiceField(
        label=_("Beats"),
        queryset=Topic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The topics you cover. Choose none to receive every press release."),
        error_messages={
            "invalid_choice": CHOOSE_BEATS,
            "invalid_pk_value": CHOOSE_BEATS,
            "invalid_list": CHOOSE_BEATS,
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = language_choices()
        self.fields["beats"].queryset = Topic.objects.prefetch_related("translations").order_by(
            "slug"
        )


class ApplicationForm(JournalistForm, RobotTrap):
    name = forms.CharField(
        label=_("Your name"),
        max_length=100,
        error_messages={
            "required": _("Enter your name"),
            "max_length": _("Enter a name of 100 characters or fewer"),
        },
    )
    outlet = forms.CharField(
        label=_("News outlet"),
        max_length=150,
        error_messages={
            "required": _("Enter the news outlet you work for"),
            "max_length": _("Enter an outlet name of 150 characters or fewer"),
        },
    )
    email = forms.EmailField(
        label=_("Work email address"), max_length=254, error_messages=EMAIL_ERRORS
    )
    phone = forms.RegexField(
        label=_("Phone number"),
        regex=r"^\+?[0-9][0-9 ()-]{6,28}$",
        max_length=30,
        error_messages={
            "required": _("Enter a phone number"),
            "invalid": _("Enter a phone number, like +852 2815 7711"),
            "max_length": _("Enter a phone number, like +852 2815 7711"),
        },
    )
    field_order = ["name", "outlet", "email", "phone", "languages", "beats", "website"]

    class Meta:
        model = Journalist
        fields = ["name", "outlet", "email", "phone", "languages", "beats"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        length_first(self.fields["email"])

    def validate_unique(self) -> None:
        # An address that applied before is not an error to show: the page answers the
        # same for every address (media.accreditation.apply decides what happens).
        pass


class SettingsForm(JournalistForm):
    emails_paused = forms.BooleanField(
        label=_("Pause embargo emails"),
        required=False,
        help_text=_("While paused, releases under embargo are only in the media room."),
    )

    class Meta:
        model = Journalist
        fields = ["languages", "beats", "emails_paused"]


class SignInForm(ErrorSummary, forms.Form):
    email = forms.EmailField(
        label=_("Work email address"), max_length=254, error_messages=EMAIL_ERRORS
    )
