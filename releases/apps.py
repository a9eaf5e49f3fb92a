from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReleasesConfig(AppConfig):
    name = "releases"
    verbose_name = _("Press releases")

    def ready(self) -> None:
        from pressroom import simplified
        from releases import (
            glossary,
            receivers,  # noqa: F401 (a release's files: deleted, made public)
        )

        # The /zh-hans/ pages keep the glossary's Simplified form of each term that has one.
        simplified.keep_forms_from(glossary.simplified_forms)
