"""The offices that issue releases, and their contact blocks (re-exported by releases.models)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from parler.models import TranslatableModel, TranslatedFieldsModel, TranslationsForeignKey

from pressroom.languages import CHINESE, HtmlLangMixin, in_interface_order


class Contact(TranslatableModel):
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_default = models.BooleanField(
        _("default contact"),
        default=False,
        help_text=_("New releases use the default contact unless another is chosen."),
    )

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=models.Q(is_default=True),
                name="one_default_contact",
            )
        ]

    def __str__(self) -> str:
        return self.safe_translation_getter("office", any_language=True) or self.email

    def save(self, *args, **kwargs) -> None:
        # Choosing a new default quietly retires the old one.
        if self.is_default:
            Contact.objects.filter(is_default=True).exclude(pk=self.pk).update(is_default=False)
        super().save(*args, **kwargs)

    @classmethod
    def default(cls) -> "Contact | None":
        return cls.objects.filter(is_default=True).first()

    @property
    def translations_in_interface_order(self) -> list:
        return in_interface_order(self.translations.all())


class ContactTranslation(HtmlLangMixin, TranslatedFieldsModel):
    master = TranslationsForeignKey(
        Contact, related_name="translations", null=True, on_delete=models.CASCADE
    )
    office = models.CharField(_("office"), max_length=200)
    department = models.CharField(_("department"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("contact translation")
        unique_together = [("language_code", "master")]

    def __str__(self) -> str:
        return self.office

    @property
    def address_lines(self) -> list[str]:
        """Return the office and department as that language writes them.

        Chinese names the department before its office, on one line
        (香港海關貿易關係及公共傳訊科); English names the office first, one per line.
        """
        if self.language_code == CHINESE:
            return [f"{self.department}{self.office}"]
        return [line for line in (self.office, self.department) if line]
