"""The topics releases are filed under, named in each language (re-exported by releases.models)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from parler.models import TranslatableModel, TranslatedFields

from pressroom.languages import content_language
from releases.prefetch import with_their_translations


class Topic(TranslatableModel):
    slug = models.SlugField(_("slug"), unique=True)
    translations = TranslatedFields(name=models.CharField(_("name"), max_length=100))

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.safe_translation_getter("name", any_language=True) or self.slug

    @classmethod
    def with_names(cls, **filters) -> list["Topic"]:
        """Return the topics (by slug, filtered) with their names, in one query."""
        named = cls._parler_meta.root_model.objects.filter(
            **{f"master__{name}": value for name, value in filters.items()}
        )
        return with_their_translations(named, "slug")

    @property
    def name_in_interface(self) -> str:
        """The name in the page's language (Chinese for a Simplified page)."""
        name = self.safe_translation_getter(
            "name", language_code=content_language(), any_language=True
        )
        return name or self.slug
