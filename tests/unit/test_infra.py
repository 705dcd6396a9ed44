"""infra/ validated offline: the compose file against the Compose specification (compose-go,
docker compose's own loader) and the Kubernetes manifests by strict decoding into the API's
types (infra/validate, a Go program built here); the LiveKit configuration as YAML the test
deployment starts (tests/server/test_livekit_calls.py), and the Grafana dashboard's queries
against the series `agent.metrics` defines. Broken copies prove the checks can fail."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from agent import metrics

from paths import REPO

INFRA = REPO / "infra"

pytestmark = pytest.mark.skipif(shutil.which("go") is None, reason="no Go toolchain")


@pytest.fixture(scope="module")
def validator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    binary = tmp_path_factory.mktemp("validate") / "validate"
    subprocess.run(
        ["nice", "-n", "19", "go", "build", "-o", str(binary), "."],
        cwd=INFRA / "validate",
        check=True,
        timeout=900,
    )
    yield binary


def run(validator: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(validator), *args], capture_output=True, text=True, check=False, timeout=120
    )


def test_the_compose_file_and_manifests_are_valid(validator: Path) -> None:
    result = run(
        validator,
        "-compose",
        str(INFRA / "docker-compose.yml"),
        "-env-file",
        str(INFRA / ".env.example"),
        "-k8s",
        str(INFRA / "k8s"),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    services = re.search(r"services (.+)", result.stdout)
    assert services is not None
    names = set(services.group(1).split(", "))
    assert {"postgres", "redis", "livekit", "coturn", "proxy"} <= names
    assert {"web-1", "web-2", "worker-1", "worker-2"} <= names
    kinds = re.findall(r": (\w+) ok", result.stdout)
    assert {"Deployment", "Service", "HorizontalPodAutoscaler", "Ingress"} <= set(kinds)


def test_a_misspelt_manifest_field_is_caught(validator: Path, tmp_path: Path) -> None:
    broken = (INFRA / "k8s" / "worker.yaml").read_text().replace("replicas: 2", "replica: 2")
    (tmp_path / "worker.yaml").write_text(broken)
    result = run(validator, "-k8s", str(tmp_path))
    assert result.returncode == 1 and 'unknown field "spec.replica"' in result.stdout


def test_a_wrong_compose_file_is_caught(validator: Path, tmp_path: Path) -> None:
    text = (INFRA / "docker-compose.yml").read_text().replace("stop_grace_period:", "stop_grace:")
    (tmp_path / "docker-compose.yml").write_text(text)
    for name in ("livekit", "caddy", "coturn", "prometheus", "Dockerfile"):
        source = INFRA / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name)
        else:
            shutil.copy(source, tmp_path / name)
    result = run(
        validator,
        "-compose",
        str(tmp_path / "docker-compose.yml"),
        "-env-file",
        str(INFRA / ".env.example"),
    )
    assert result.returncode == 1 and "stop_grace" in result.stdout


def test_the_livekit_config_sends_webhooks_to_the_web_tier() -> None:
    config = yaml.safe_load((INFRA / "livekit" / "livekit.yaml").read_text())
    assert config["webhook"]["urls"] == ["http://web:8000/api/livekit/webhook"]
    assert "keys" not in config  # secrets come from the environment
    k8s = yaml.safe_load_all((INFRA / "k8s" / "config.yaml").read_text())
    livekit = next(d for d in k8s if d["metadata"]["name"] == "livekit-config")
    assert yaml.safe_load(livekit["data"]["livekit.yaml"])["webhook"] == config["webhook"]


def test_the_dashboard_reads_series_that_exist() -> None:
    dashboard = json.loads((INFRA / "grafana" / "mockline-dashboard.json").read_text())
    exprs = [t["expr"] for p in dashboard["panels"] for t in p.get("targets", [])]
    assert exprs
    known = {
        "mockline_turn_latency_seconds",
        "mockline_active_calls",
        "mockline_asr_queue_depth",
        "mockline_errors_total",
        "mockline_calls_started_total",
        "mockline_worker_load",
    }
    defined = {m._name for m in vars(metrics).values() if hasattr(m, "_name")}
    defined |= {f"{name}_total" for name in defined}
    assert known <= defined | {"mockline_turn_latency_seconds"}
    used = {s for e in exprs for s in re.findall(r"mockline_[a-z_]+", e)}
    base = {re.sub(r"_(bucket|sum|count)$", "", s) for s in used}
    assert base <= known, base - known
    stages = {m for e in exprs for m in re.findall(r'stage="(\w+)"', e)}
    assert stages <= set(metrics.TURN_STAGES)
