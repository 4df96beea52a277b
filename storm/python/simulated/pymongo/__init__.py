"""pymongo's client, as Storm Studio's simulator provides it: every ``MongoClient()`` of a run talks
to the run's MongoDB (one per run, shared by every task, as a server is; see docs/python.md), whose
query, update and aggregation language is mingo's (MongoDB's operators). Documents are JSON values
and ``datetime``; ``_id``s the store makes are 24-hex strings. Under ``petrel submit`` the real
pymongo is installed instead (the export lists it in setup.sh)."""

from _storm_studio.datastores import StoreError, mongo_call

from .errors import (ConnectionFailure, DuplicateKeyError, InvalidOperation, OperationFailure, PyMongoError,
                     ServerSelectionTimeoutError, WriteError)

__version__ = '4.0.0+storm-studio'
version = __version__
ASCENDING = 1
DESCENDING = -1
__all__ = ['MongoClient', 'ASCENDING', 'DESCENDING', 'errors', 'PyMongoError', 'OperationFailure',
           'DuplicateKeyError', 'WriteError', 'ConnectionFailure', 'ServerSelectionTimeoutError',
           'InvalidOperation']


def _call(db, collection, op, *args):
    try:
        return mongo_call(db, collection, op, *args)
    except StoreError as e:
        if e.kind != 'MongoError':
            raise ConnectionFailure(str(e)) from None
        if e.code == 11000:
            raise DuplicateKeyError(str(e), e.code) from None
        raise OperationFailure(str(e), e.code) from None


def _index_keys(keys, direction=ASCENDING):
    if isinstance(keys, str):
        return [[keys, direction]]
    return [[k, d] for k, d in keys]


class _Result:
    acknowledged = True

    def __init__(self, **fields):
        self.__dict__.update(fields)

    def __repr__(self):
        return '%s(%s)' % (type(self).__name__, ', '.join('%s=%r' % kv for kv in sorted(self.__dict__.items())))


class InsertOneResult(_Result):
    pass


class InsertManyResult(_Result):
    pass


class UpdateResult(_Result):
    @property
    def raw_result(self):
        return {'n': self.matched_count or (1 if self.upserted_id is not None else 0),
                'nModified': self.modified_count, 'updatedExisting': self.matched_count > 0, 'ok': 1.0}


class DeleteResult(_Result):
    @property
    def raw_result(self):
        return {'n': self.deleted_count, 'ok': 1.0}


class Cursor:
    """find()'s cursor: sort, skip and limit before iterating, as pymongo's."""

    def __init__(self, collection, filter, projection):
        self._collection = collection
        self._filter = filter
        self._projection = projection
        self._sort = []
        self._skip = 0
        self._limit = 0
        self._docs = None

    def sort(self, key_or_list, direction=ASCENDING):
        self._check()
        self._sort = _index_keys(key_or_list, direction)
        return self

    def skip(self, n):
        self._check()
        self._skip = int(n)
        return self

    def limit(self, n):
        self._check()
        self._limit = int(n)
        return self

    def _check(self):
        if self._docs is not None:
            raise InvalidOperation('cannot set options after executing query')

    def _run(self):
        if self._docs is None:
            c = self._collection
            options = {'projection': self._projection, 'sort': self._sort, 'skip': self._skip, 'limit': self._limit}
            self._docs = iter(_call(c.database.name, c.name, 'find', self._filter, options))
        return self._docs

    def __iter__(self):
        return self._run()

    def __next__(self):
        return next(self._run())

    next = __next__

    def count(self, with_limit_and_skip=False):
        """pymongo 3's Cursor.count (removed in pymongo 4; the book's era uses it)."""
        if with_limit_and_skip:
            c = self._collection
            return len(_call(c.database.name, c.name, 'find', self._filter,
                             {'skip': self._skip, 'limit': self._limit}))
        return self._collection.count_documents(self._filter)


class CommandCursor:
    def __init__(self, docs):
        self._docs = iter(docs)

    def __iter__(self):
        return self._docs

    def __next__(self):
        return next(self._docs)

    next = __next__


class Collection:
    def __init__(self, database, name):
        self.database = database
        self.name = name
        self.full_name = '%s.%s' % (database.name, name)

    def __getattr__(self, name):
        if name.startswith('_'):
            raise AttributeError(name)
        return Collection(self.database, '%s.%s' % (self.name, name))

    def __getitem__(self, name):
        return Collection(self.database, '%s.%s' % (self.name, name))

    def __repr__(self):
        return 'Collection(%r, %r)' % (self.database.name, self.name)

    def _op(self, op, *args):
        return _call(self.database.name, self.name, op, *args)

    def insert_one(self, document):
        out = self._op('insert_one', document)
        document.setdefault('_id', out['inserted_id'])
        return InsertOneResult(inserted_id=out['inserted_id'])

    def insert_many(self, documents, ordered=True):
        documents = list(documents)
        out = self._op('insert_many', documents)
        for d, i in zip(documents, out['inserted_ids']):
            d.setdefault('_id', i)
        return InsertManyResult(inserted_ids=out['inserted_ids'])

    def insert(self, doc_or_docs, **kwargs):
        """pymongo 2/3's insert (legacy): the new _id, or the list of them."""
        if isinstance(doc_or_docs, dict):
            return self.insert_one(doc_or_docs).inserted_id
        return self.insert_many(doc_or_docs).inserted_ids

    def _update(self, op, filter, update, upsert):
        out = self._op(op, filter, update, bool(upsert))
        return UpdateResult(matched_count=out['matched_count'], modified_count=out['modified_count'],
                            upserted_id=out['upserted_id'])

    def update_one(self, filter, update, upsert=False, **kwargs):
        return self._update('update_one', filter, update, upsert)

    def update_many(self, filter, update, upsert=False, **kwargs):
        return self._update('update_many', filter, update, upsert)

    def replace_one(self, filter, replacement, upsert=False, **kwargs):
        return self._update('replace_one', filter, replacement, upsert)

    def update(self, spec, document, upsert=False, multi=False, **kwargs):
        """pymongo 2/3's update (legacy): a document replaces unless it has $ operators."""
        if any(k.startswith('$') for k in document):
            op = 'update_many' if multi else 'update_one'
        else:
            op = 'replace_one'
        return self._update(op, spec, document, upsert).raw_result

    def save(self, document):
        if '_id' in document:
            self.replace_one({'_id': document['_id']}, document, upsert=True)
            return document['_id']
        return self.insert_one(document).inserted_id

    def find(self, filter=None, projection=None, skip=0, limit=0, sort=None, **kwargs):
        cursor = Cursor(self, filter or {}, _projection(projection))
        if sort:
            cursor.sort(sort)
        return cursor.skip(skip).limit(limit)

    def find_one(self, filter=None, *args, **kwargs):
        if filter is not None and not isinstance(filter, dict):
            filter = {'_id': filter}
        for doc in self.find(filter, *args, **kwargs).limit(-1):
            return doc
        return None

    def count_documents(self, filter, **kwargs):
        return self._op('count_documents', filter)

    def estimated_document_count(self, **kwargs):
        return self._op('count_documents', {})

    def count(self, filter=None, **kwargs):
        return self._op('count_documents', filter or {})

    def distinct(self, key, filter=None, **kwargs):
        return self._op('distinct', key, filter or {})

    def delete_one(self, filter, **kwargs):
        return DeleteResult(deleted_count=self._op('delete_one', filter)['deleted_count'])

    def delete_many(self, filter, **kwargs):
        return DeleteResult(deleted_count=self._op('delete_many', filter)['deleted_count'])

    def remove(self, spec_or_id=None, multi=True, **kwargs):
        spec = spec_or_id if isinstance(spec_or_id, dict) or spec_or_id is None else {'_id': spec_or_id}
        return (self.delete_many if multi else self.delete_one)(spec or {}).raw_result

    def aggregate(self, pipeline, **kwargs):
        return CommandCursor(self._op('aggregate', list(pipeline)))

    def create_index(self, keys, unique=False, name=None, **kwargs):
        return self._op('create_index', _index_keys(keys), bool(unique), name)

    ensure_index = create_index

    def drop(self):
        self._op('drop')


def _projection(projection):
    if projection is None:
        return None
    if isinstance(projection, dict):
        return projection
    return dict.fromkeys(projection, 1)


class Database:
    def __init__(self, client, name):
        self.client = client
        self.name = name

    def __getattr__(self, name):
        if name.startswith('_'):
            raise AttributeError(name)
        return Collection(self, name)

    def __getitem__(self, name):
        return Collection(self, name)

    def get_collection(self, name, **kwargs):
        return Collection(self, name)

    def list_collection_names(self, **kwargs):
        return _call(self.name, '-', 'list_collection_names')

    collection_names = list_collection_names

    def drop_collection(self, name):
        Collection(self, name if isinstance(name, str) else name.name).drop()

    def __repr__(self):
        return 'Database(%r)' % self.name


class MongoClient:
    """A client of the run's MongoDB (``host``/``port``/URL are accepted and name the same store)."""

    HOST = 'localhost'
    PORT = 27017

    def __init__(self, host=None, port=None, document_class=dict, tz_aware=None, connect=None, **kwargs):
        self.address = (host or self.HOST, port or self.PORT)

    def __getattr__(self, name):
        if name.startswith('_'):
            raise AttributeError(name)
        return Database(self, name)

    def __getitem__(self, name):
        return Database(self, name)

    def get_database(self, name=None, **kwargs):
        return Database(self, name or 'test')

    def get_default_database(self, default=None, **kwargs):
        return Database(self, default or 'test')

    def close(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


Connection = MongoClient
MongoReplicaSetClient = MongoClient
