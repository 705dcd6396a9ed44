"""Organisations at the HTTP edge: per-organisation limits and the origins they allow."""
