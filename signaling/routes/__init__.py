"""HTTP routes, one module per area; `app.py` mounts each module's `router`."""
