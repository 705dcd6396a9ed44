"""Storage: PostgreSQL through asyncpg, versioned migrations, embedded server fallback.

Start with `Database.start(settings)`; read and write interviews through `Database.store`.
"""

from agent.store.db import Database
from agent.store.embedded import EmbeddedPostgresError
from agent.store.interviews import InterviewNotFoundError, InterviewStore
from agent.store.migrate import apply_migrations
from agent.store.models import Interview, InterviewStatus, Latency, Speaker, Turn
from agent.store.pool import create_pool, init_connection

__all__ = [
    "Database",
    "EmbeddedPostgresError",
    "Interview",
    "InterviewNotFoundError",
    "InterviewStatus",
    "InterviewStore",
    "Latency",
    "Speaker",
    "Turn",
    "apply_migrations",
    "create_pool",
    "init_connection",
]
