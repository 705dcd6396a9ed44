"""Mockline's agent: the voice pipeline, speech plugins, interviewer, evaluation and store."""
