"""``GET /metrics``: this server's Prometheus series (`agent.metrics`).

No personal data is in them (labels are kinds and stages), but they are for the operator:
the TLS proxy in infra/ does not route this path from outside.
"""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Response

from agent import metrics

router = APIRouter()


@router.get("/metrics", include_in_schema=False)
async def prometheus_metrics() -> Response:
    body, content_type = await asyncio.to_thread(metrics.exposition)
    return Response(content=body, media_type=content_type)
