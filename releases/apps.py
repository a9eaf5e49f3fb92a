from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReleasesConfig(AppConfig):
    name = "releases"
    verbose_name = _("Press releases")

    def ready(self) -> None:
        from releases import receivers  # noqa: F401 (a release's files: deleted, made public)
