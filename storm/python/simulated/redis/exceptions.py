"""redis-py's exceptions (the names code catches)."""


class RedisError(Exception):
    pass


class ConnectionError(RedisError):  # noqa: A001 - redis-py's name
    pass


class TimeoutError(RedisError):  # noqa: A001 - redis-py's name
    pass


class AuthenticationError(ConnectionError):
    pass


class DataError(RedisError):
    pass


class ResponseError(RedisError):
    pass


class WatchError(RedisError):
    pass
