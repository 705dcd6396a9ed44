"""`mockline worker`: interview calls in LiveKit rooms, as a livekit-agents worker.

- `rooms`: names shared with the web tier (rooms, identities, dispatch metadata, topic).
- `room_transport`: a LiveKit room as a `Transport` of the session owner.
- `job`: one dispatched call (prewarm, the dispatch gate, the job entrypoint).
- `server`: the worker process: registration, load, metrics, shutdown.
"""
