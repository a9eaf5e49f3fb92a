"""The subscribe and manage forms. Every field is a choice but the address."""

from django import forms
from django.utils.translation import gettext_lazy as _

from alerts.models import Frequency, Languages, Subscription
from releases.models import Topic


class TopicChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, topic: Topic) -> str:
        return topic.name_in_interface


class PreferencesForm(forms.ModelForm):
    languages = forms.ChoiceField(
        label=_("Languages"), choices=Languages.choices, widget=forms.RadioSelect
    )
    frequency = forms.ChoiceField(
        label=_("How often"), choices=Frequency.choices, widget=forms.RadioSelect
    )
    topics = TopicChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose none to receive every press release."),
    )

    class Meta:
        model = Subscription
        fields = ["languages", "frequency", "topics"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = Topic.objects.prefetch_related("translations").order_by(
            "slug"
        )


class SubscribeForm(PreferencesForm):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    # A honeypot: hidden from people, filled in by robots that fill in everything.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    field_order = ["email", "languages", "topics", "frequency", "website"]

    class Meta(PreferencesForm.Meta):
        pass

    def is_robot(self) -> bool:
        return bool(self.cleaned_data.get("website"))
