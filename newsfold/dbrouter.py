"""Pages read from a PostgreSQL read replica, everything else from the primary.

With DATABASE_REPLICA_URL set, an anonymous reader's GET or HEAD request reads through the
replica: those are nearly all the traffic, and a replica a moment behind shows them the
site a moment ago, which they cannot tell. Writes always go to the primary, and so do the
reads of a signed-in reader (who must see the comment they just posted), of any request
that may write, and of workers and commands, which decide on what they read.
"""

from __future__ import annotations

import contextvars

from django.db import connections

REPLICA = "replica"
_replica_reads = contextvars.ContextVar("replica_reads", default=False)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if _replica_reads.get() and REPLICA in connections.settings else None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, two ways in

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"  # the replica follows the primary's schema by replication


class ReplicaReadsMiddleware:
    """After authentication: only then is it known whether the reader is signed in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        anonymous = user is None or not user.is_authenticated
        token = _replica_reads.set(anonymous and request.method in ("GET", "HEAD"))
        try:
            return self.get_response(request)
        finally:
            _replica_reads.reset(token)
