"""One plain form field per language for each translated text; parler stays the storage."""

from django import forms
from django.conf import settings
from django.utils.text import format_lazy

from pressroom.languages import SUFFIXES, WITH_LANGUAGE


def bilingual_field(label, language_code: str, **kwargs) -> forms.CharField:
    """A plain form field for one language of a translated text: "Alt text (English)"."""
    language = dict(settings.LANGUAGES)[language_code]
    return forms.CharField(label=format_lazy(WITH_LANGUAGE, label, language), **kwargs)


def read_translations(instance, names: list[str]) -> dict[str, str]:
    """Initial values of the per-language fields, from saved translations."""
    initial = {}
    if instance.pk:
        for translation in instance.translations.all():
            suffix = SUFFIXES[translation.language_code]
            for name in names:
                initial[f"{name}_{suffix}"] = getattr(translation, name)
    return initial


def write_translations(instance, cleaned: dict, names: list[str]) -> None:
    """Set each language's translation from the per-language fields."""
    current = instance.get_current_language()
    for code, suffix in SUFFIXES.items():
        instance.set_current_language(code)
        for name in names:
            setattr(instance, name, cleaned.get(f"{name}_{suffix}", ""))
    instance.set_current_language(current)


class BilingualModelForm(forms.ModelForm):
    bilingual_names: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, value in read_translations(self.instance, self.bilingual_names).items():
            self.initial.setdefault(key, value)

    def save(self, commit: bool = True):
        write_translations(self.instance, self.cleaned_data, self.bilingual_names)
        return super().save(commit)
