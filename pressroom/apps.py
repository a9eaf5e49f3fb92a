from django.apps import AppConfig


class PressroomConfig(AppConfig):
    name = "pressroom"
    verbose_name = "Pressroom"

    def ready(self) -> None:
        # Registers the deployment checks.
        from pressroom import checks  # noqa: F401
