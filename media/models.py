# The media desk's models live in a module per concept; Django finds them through this one.
from media.webhooks import Attempt, Delivery, Endpoint, Event  # noqa: F401
