from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = _("Email alerts")

    def ready(self) -> None:
        from alerts import receivers  # noqa: F401 (enqueues the sending on release events)
