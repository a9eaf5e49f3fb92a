from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    name = "desk"
    verbose_name = _("Newsroom desk")

    def ready(self) -> None:
        from desk import glossary_admin  # noqa: F401 (registers the glossary's admin)
