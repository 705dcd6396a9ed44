"""The phone call before the interview, for every phone path: the spoken prompts, the
keypad, the PIN flow and its limits on guessing. The embedded SIP server
(`signaling.sip`) and the LiveKit worker's phone rooms (`agent.worker.phone`) both run it."""
