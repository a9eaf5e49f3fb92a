from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    name = "media"
    verbose_name = _("Media desk")

    def ready(self) -> None:
        from media import (
            push_receivers,  # noqa: F401 (webhooks and WebSub pings on release events)
            receivers,  # noqa: F401 (queues the embargo emails on embargo events)
        )
