"""Speech plugins: ASR, TTS backends and VAD, adapted to livekit-agents."""

from agent.plugins.livekit_tts import BackendTTS
from agent.plugins.speech_models import SpeechModels, load_speech_models
from agent.plugins.tts_backend import TtsBackend, TtsUnavailable
from agent.plugins.tts_choice import load_tts_backend
from agent.plugins.vad import load_vad
from agent.plugins.whisper_stt import WhisperSTT

__all__ = [
    "BackendTTS",
    "SpeechModels",
    "TtsBackend",
    "TtsUnavailable",
    "WhisperSTT",
    "load_speech_models",
    "load_tts_backend",
    "load_vad",
]
