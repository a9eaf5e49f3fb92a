"""The public notes on corrections of published releases (re-exported by releases.models)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from parler.models import TranslatableModel, TranslatedFields

from pressroom.languages import in_interface_order


class ChangeNote(TranslatableModel):
    """A public note on a correction of a published release."""

    release = models.ForeignKey(
        "releases.Release",
        verbose_name=_("press release"),
        on_delete=models.CASCADE,
        related_name="change_notes",
    )
    created_at = models.DateTimeField(_("updated at"), default=timezone.now, db_index=True)
    translations = TranslatedFields(note=models.TextField(_("change note")))

    class Meta:
        verbose_name = _("change note")
        verbose_name_plural = _("change notes")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.safe_translation_getter("note", any_language=True) or ""

    @property
    def translations_in_interface_order(self) -> list:
        return in_interface_order(self.translations.all())
