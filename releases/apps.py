from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReleasesConfig(AppConfig):
    name = "releases"
    verbose_name = _("Press releases")

    def ready(self) -> None:
        from releases import signals  # noqa: F401 (connects search-index and file-cleanup hooks)
        from releases.cache import connect_signals

        connect_signals()
