"""A TCP proxy in front of the test PostgreSQL that can cut the line: a real network outage
(connections reset, new ones refused) without stopping the server other tests share."""

from __future__ import annotations

import asyncio
import contextlib
from urllib.parse import parse_qs, urlparse


class PgProxy:
    def __init__(self, database_url: str) -> None:
        parsed = urlparse(database_url)
        query = parse_qs(parsed.query)
        self._host = query.get("host", [parsed.hostname or "127.0.0.1"])[0]
        self._port = int(query.get("port", [parsed.port or 5432])[0])
        self._user = parsed.username or "postgres"
        self._database = parsed.path.lstrip("/") or "postgres"
        self._server: asyncio.Server | None = None
        self._links: set[asyncio.Task[None]] = set()
        self.port = 0

    @property
    def url(self) -> str:
        return f"postgresql://{self._user}@127.0.0.1:{self.port}/{self._database}"

    async def up(self) -> None:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", self.port)
        self.port = self._server.sockets[0].getsockname()[1]

    async def down(self) -> None:
        """Refuses new connections and resets the open ones."""
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None
        for link in list(self._links):
            link.cancel()
        await asyncio.gather(*self._links, return_exceptions=True)

    async def _connect(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        if self._host.startswith("/"):
            return await asyncio.open_unix_connection(f"{self._host}/.s.PGSQL.{self._port}")
        return await asyncio.open_connection(self._host, self._port)

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        link = asyncio.current_task()
        assert link is not None
        self._links.add(link)
        up_reader, up_writer = await self._connect()
        try:
            await asyncio.gather(_pipe(reader, up_writer), _pipe(up_reader, writer))
        finally:
            self._links.discard(link)
            for w in (writer, up_writer):
                w.close()
                with contextlib.suppress(Exception):
                    await w.wait_closed()


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    while data := await reader.read(65536):
        writer.write(data)
        await writer.drain()
    writer.close()
