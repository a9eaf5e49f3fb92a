from media import webhook_admin  # noqa: F401
