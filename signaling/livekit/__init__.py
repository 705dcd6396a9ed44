"""LiveKit mode of the web tier: call tokens for interview rooms (`calls`) and LiveKit's
webhooks (`webhooks`). The media and the calls themselves run in `mockline worker`s."""
