"""A Redis cache that the site can lose without failing.

The cache only ever makes pages faster: when Redis does not answer, every
read is a miss and every write is dropped, so pages come from the database.
After a failure, Redis is left alone for a short pause instead of making
every request wait for it again; the failure and the recovery are logged once.
"""

import logging
from collections.abc import Callable
from functools import wraps
from time import monotonic
from typing import Any

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5.0

# Shared by every thread's instance for one server: cache objects are per thread.
_down_until: dict[str, float] = {}


def _tolerant(fallback: Callable[..., Any]) -> Callable:
    """Answer `fallback(*args)` instead of raising while Redis is unreachable."""

    def decorate(method: Callable) -> Callable:
        @wraps(method)
        def wrapper(self: "ResilientRedisCache", *args, **kwargs):
            if self._is_resting():
                return fallback(*args, **kwargs)
            try:
                result = method(self, *args, **kwargs)
            except (RedisError, OSError) as error:
                self._went_down(error)
                return fallback(*args, **kwargs)
            self._came_back()
            return result

        return wrapper

    return decorate


def _miss(*args, **kwargs) -> None:
    return None


def _false(*args, **kwargs) -> bool:
    return False


def _default(key: str, default: Any = None, *args, **kwargs) -> Any:
    return default


def _nothing_found(keys, *args, **kwargs) -> dict:
    return {}


def _none_stored(data, *args, **kwargs) -> list:
    return list(data)


def _key_not_found(key: str, *args, **kwargs) -> int:
    raise ValueError(f"Key {key!r} not found (the cache is unreachable).")


class ResilientRedisCache(RedisCache):
    """Django's Redis cache, turning an unreachable server into cache misses."""

    def _is_resting(self) -> bool:
        return monotonic() < _down_until.get(self._server_key, 0.0)

    @property
    def _server_key(self) -> str:
        return ",".join(self._servers)

    def _went_down(self, error: Exception) -> None:
        if self._server_key not in _down_until:
            # The message names the error's kind only: a Redis URL may hold a password.
            logger.error(
                "Redis cache unreachable (%s); serving from the database, retrying every %gs.",
                type(error).__name__,
                RETRY_AFTER_SECONDS,
            )
        _down_until[self._server_key] = monotonic() + RETRY_AFTER_SECONDS

    def _came_back(self) -> None:
        if _down_until.pop(self._server_key, None) is not None:
            logger.warning("Redis cache answers again.")

    add = _tolerant(_false)(RedisCache.add)
    get = _tolerant(_default)(RedisCache.get)
    set = _tolerant(_miss)(RedisCache.set)
    touch = _tolerant(_false)(RedisCache.touch)
    delete = _tolerant(_false)(RedisCache.delete)
    get_many = _tolerant(_nothing_found)(RedisCache.get_many)
    has_key = _tolerant(_false)(RedisCache.has_key)
    incr = _tolerant(_key_not_found)(RedisCache.incr)
    set_many = _tolerant(_none_stored)(RedisCache.set_many)
    delete_many = _tolerant(_miss)(RedisCache.delete_many)
    clear = _tolerant(_false)(RedisCache.clear)
