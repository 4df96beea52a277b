"""pymongo's exceptions (the names code catches)."""


class PyMongoError(Exception):
    pass


class ConnectionFailure(PyMongoError):
    pass


class ServerSelectionTimeoutError(ConnectionFailure):
    pass


class InvalidOperation(PyMongoError):
    pass


class OperationFailure(PyMongoError):
    def __init__(self, error, code=None, details=None):
        super().__init__(error)
        self.code = code
        self.details = details if details is not None else {'errmsg': error, 'code': code}


class WriteError(OperationFailure):
    pass


class DuplicateKeyError(WriteError):
    pass
