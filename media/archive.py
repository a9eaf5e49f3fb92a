# The media desk's part of the archive, each concept's in a module of its own.
from media.webhook_archive import restored  # noqa: F401
