"""What the server holds while it runs: settings, database, speech models, the interview
sessions of this process (calls and typed exchanges) and report generation.

In LiveKit mode (`Settings.livekit_configured`) calls run in `mockline worker`s: this server
loads no speech models and issues LiveKit call tokens instead (`livekit.calls`). The fleet's
shared state (call presence, one report generation per interview) is in Redis when
``MOCKLINE_REDIS_URL`` is set, else in this process (`agent.sessions.presence`).

Models load in the background after the server starts listening, so `/readyz` can say
"not yet" (503, with the start-up `phase`) instead of the port refusing connections.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from uuid import UUID

import asyncpg

from agent.intake import aclose_default_pool, default_pool
from agent.interviewer.warmup import warm_interviewer
from agent.llm import LlmClient
from agent.plugins import SpeechModels, load_speech_models
from agent.sessions.deps import CallOptions, SessionDeps
from agent.sessions.hub import SessionHub
from agent.sessions.live import WatcherCount
from agent.sessions.live_redis import live_feed
from agent.sessions.presence import CallPresence, SingleFlight, process_owner
from agent.sessions.presence_redis import lease_store
from agent.sessions.provider import llm_client_for
from agent.sessions.reports import Reports
from agent.sessions.thinking import aclose_thinking
from agent.sessions.thinking import warm as warm_thinking
from agent.settings import Settings
from agent.store.crypto import load_key_ring
from agent.store.db import Database
from agent.store.dial_in import DialInStore, pin_pepper
from agent.store.interviews import InterviewStore
from agent.store.orgs import OrgStore
from agent.store.reports import ReportStore
from agent.store.signin_failures import SignInFailureStore
from agent.store.signing_secret import load_signing_secret
from agent.store.users import UserStore
from agent.voice.vocabulary import warm_hearing

from .auth.revocation import revocations_for
from .auth.signin_throttle import SignInThrottle
from .auth.tokens import TokenIssuer
from .livekit.calls import LiveKitCalls
from .livekit.dial_in import LiveKitDialIn
from .livekit.recovery import watch_expired_calls
from .loop_lag import LoopLagMonitor
from .orgs.limits import OrgLimits
from .orgs.origins import OriginCache
from .sip.server import SipServer
from .sip.service import start_sip
from .webrtc.ice import include_loopback_candidates, rtc_configuration

log = logging.getLogger(__name__)

# Transcript retention is applied at start-up and then this often.
RETENTION_SWEEP_S = 3600.0

Progress = Callable[[str], None]


class Runtime:
    def __init__(self, settings: Settings, progress: Progress | None = None) -> None:
        self.settings = settings
        self._progress = progress or (lambda msg: log.info("%s", msg))
        self.phase = "starting"
        """What start-up is doing now (its last progress line); readiness shows it."""
        self.loop_lag = LoopLagMonitor()
        self.db: Database | None = None
        self.speech: SpeechModels | None = None
        self._reports: Reports | None = None
        self._sessions: SessionHub | None = None
        self.rtc_config = rtc_configuration(settings)
        self.error: str | None = None
        signing_secret = load_signing_secret(settings)
        self.tokens = TokenIssuer(signing_secret, settings)
        self._pin_pepper = pin_pepper(signing_secret)
        self.sip: SipServer | None = None
        """Set when dial-in is on (``MOCKLINE_SIP_PORT``) and the models are loaded."""
        self.revocations = revocations_for(settings.redis_url)
        # A malformed key ring stops the server here rather than failing the first request.
        self.key_ring = load_key_ring(settings)
        # Organisations: the origins they allow (CORS) and their per-organisation limits.
        self.org_origins = OriginCache(self._load_org_origins)
        self.org_limits = OrgLimits.from_settings(settings)
        self.leases = lease_store(settings.redis_url)
        self.live = live_feed(settings.redis_url)
        """Calls' captions for pages watching an interview (`routes.live`)."""
        self.live_watchers = WatcherCount()
        self.livekit = LiveKitCalls(settings, self.leases) if settings.livekit_configured else None
        """Set in LiveKit mode: calls go through LiveKit rooms and workers."""
        self.livekit_dial_in: LiveKitDialIn | None = None
        """Set in LiveKit mode with ``MOCKLINE_SIP_PORT``: phones call through LiveKit SIP."""
        if self.livekit is not None and settings.sip_port is not None:
            calls = self.livekit
            self.livekit_dial_in = LiveKitDialIn(
                lambda: calls.lkapi, settings, settings.livekit_agent_name
            )
        self._owner = process_owner("web")
        self._loader: asyncio.Task[None] | None = None
        self._retention: asyncio.Task[None] | None = None
        self._recovery: asyncio.Task[None] | None = None
        include_loopback_candidates()

    @property
    def ready(self) -> bool:
        calls = self.speech is not None or self.livekit is not None
        dial_in = self.sip is not None or self.settings.sip_port is None or self.livekit is not None
        return self.db is not None and calls and dial_in

    @property
    def store(self) -> InterviewStore:
        if self.db is None:
            raise RuntimeError("database not started")
        return self.db.store

    @property
    def db_pool(self) -> asyncpg.Pool:
        if self.db is None:
            raise RuntimeError("database not started")
        return self.db.pool

    @property
    def users(self) -> UserStore:
        if self.db is None:
            raise RuntimeError("database not started")
        return self.db.users

    @property
    def reports(self) -> Reports:
        """Report generation: per-interview locks and the background generations."""
        if self._reports is None:
            flights = SingleFlight(self.leases, self._owner, prefix="mockline:report")
            self._reports = Reports(self.db_pool, self.client_for, flights)
        return self._reports

    @property
    def dial_in(self) -> DialInStore:
        """Dial-in PINs, hashed with a key derived from the signing secret."""
        return DialInStore(self.db_pool, self._pin_pepper)

    @property
    def sessions(self) -> SessionHub:
        """The interviews in use in this process: their calls and typed exchanges."""
        if self._sessions is None:
            deps = SessionDeps(
                pool=self.db_pool,
                client_for=self.client_for,
                reports=self.reports,
                speech=self.speech,
                calls=CallOptions(
                    max_questions=self.settings.max_questions,
                    silence_prompt_s=self.settings.silence_prompt_s,
                    max_calls=self.settings.call_capacity,
                ),
                presence=CallPresence(self.leases, self._owner),
                live=self.live,
            )
            self._sessions = SessionHub(deps)
        return self._sessions

    async def forget_dial_in(self, interview_id: UUID) -> None:
        """An ended or deleted interview's PIN stops working now (a call would be refused
        anyway: redeeming checks the interview)."""
        try:
            await self.dial_in.forget(interview_id)
        except Exception as exc:  # the store is down: redeeming still refuses it
            log.warning("dial-in PIN not forgotten (%s)", type(exc).__name__)

    def _report(self, message: str) -> None:
        self.phase = message
        self._progress(message)

    def start_loading(self) -> None:
        self.loop_lag.start()
        self._loader = asyncio.create_task(self._load(), name="load-runtime")

    async def wait_ready(self) -> None:
        if self._loader is not None:
            await self._loader

    async def _load(self) -> None:
        try:
            t0 = time.perf_counter()
            self._report("starting database…")
            self.db = await Database.start(self.settings)
            self._report(f"database ready ({time.perf_counter() - t0:.1f} s)")
            t1 = time.perf_counter()
            if self.livekit is None:
                self._report("loading speech models (VAD, ASR, TTS)…")
                self.speech = await asyncio.to_thread(load_speech_models, self.settings)
                await asyncio.to_thread(warm_interviewer)  # else each process's first reply is late
                await asyncio.to_thread(warm_hearing)
                if self.settings.sip_port is not None:
                    self._report("starting dial-in (SIP)…")
                    self.sip = await start_sip(
                        self.settings, self.speech, self.dial_in, self.sessions
                    )
            else:
                self._report(f"calls go through LiveKit at {self.livekit.public_url}")
                if self.livekit_dial_in is not None:
                    self._report("setting up dial-in through LiveKit SIP…")
                    try:
                        await self.livekit_dial_in.ensure()
                    except Exception as exc:  # LiveKit not up yet: the first PIN retries
                        log.warning("LiveKit SIP not set up yet (%s)", type(exc).__name__)
                if self.settings.redis_url:
                    self._recovery = asyncio.create_task(
                        watch_expired_calls(
                            self.settings.redis_url,
                            self.livekit,
                            lambda: self.store,
                            self.sessions.deps.presence,
                        ),
                        name="livekit-recovery",
                    )
            self._retention = asyncio.create_task(self._sweep_retention(), name="retention")
            await default_pool().warm()  # the first upload then pays no worker start
            await warm_thinking()  # nor the first typed reply
            what = "speech models" if self.livekit is None else "server"
            self._report(f"{what} ready ({time.perf_counter() - t1:.1f} s)")
        except Exception as exc:
            self.error = f"{type(exc).__name__}: {exc}"
            log.exception("start-up failed")
            self._report(f"start-up failed: {self.error}")

    async def client_for(self, user_id: UUID) -> LlmClient | None:
        """The language model that phrases and judges this user's interviews, if any (their
        own key, else the server's); the caller closes it."""
        return await llm_client_for(user_id, self.db_pool, self.key_ring)

    async def _load_org_origins(self) -> frozenset[str]:
        if self.db is None:
            return frozenset()
        return await OrgStore(self.db.pool).all_origins()

    async def _sweep_retention(self) -> None:
        while True:
            try:
                await self.users.purge_expired_transcripts()
                await ReportStore(self.db_pool).purge_expired()  # reports quote the answers
                await SignInThrottle(SignInFailureStore(self.db_pool)).purge()
                await self.dial_in.purge_expired()
            except Exception:  # the next sweep retries; calls are unaffected
                log.exception("transcript retention sweep failed")
            await asyncio.sleep(RETENTION_SWEEP_S)

    async def aclose(self) -> None:
        await self.loop_lag.aclose()
        for task in (self._retention, self._recovery):
            if task is not None:
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)
        if self._loader is not None and not self._loader.done():
            self._loader.cancel()
            await asyncio.gather(self._loader, return_exceptions=True)
        if self._sessions is not None:
            await self._sessions.aclose()
        if self.sip is not None:
            await self.sip.aclose()
            self.sip = None
        await self.org_limits.aclose()
        if self._reports is not None:
            await self._reports.aclose()
        await aclose_default_pool()
        await aclose_thinking()
        await self.revocations.aclose()
        if self.livekit is not None:
            await self.livekit.aclose()
        await self.leases.aclose()
        await self.live.aclose()
        if self.speech is not None:
            await self.speech.aclose()
            self.speech = None
        if self.db is not None:
            await self.db.aclose()
            self.db = None
