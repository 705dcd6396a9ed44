"""The voice session: livekit-agents AgentSession bridged to any transport's audio frames."""
