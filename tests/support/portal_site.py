"""A college portal on its own origin, with its own tiny backend that mints embed tokens.

`Portal` serves, on 127.0.0.1 and a port of its own (so another origin than Mockline's):
- ``/``: a page with the widget's script tag and element, a hostile stylesheet, and host
  elements whose styles the tests compare; ``/floating``: the floating button instead;
- ``/iframe``: the iframe alternative, its token minted at render time into the fragment;
- ``POST /api/mockline-token``: what a portal's backend does: calls Mockline with the
  organisation's server key for its signed-in student and returns ``{"token"}``.
Every page records the widget's events (DOM events, and messages from the iframe) in
``window.hostEvents``.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx

HOSTILE_CSS = """
* { color: rgb(255, 0, 0) !important; font-family: serif !important; letter-spacing: 4px !important; }
button { background: rgb(255, 0, 255) !important; border: 5px dashed lime !important; }
p, h2, h3 { display: none !important; }
mockline-interview p { display: none !important; }
.ml, .ml-btn, .ml-body { background: black !important; display: none !important; }
"""

RECORDER = """
window.hostEvents = [];
for (const type of ["mockline:started", "mockline:ended", "mockline:report-ready", "mockline:error"]) {
  document.addEventListener(type, (e) => window.hostEvents.push({ type, detail: e.detail }));
}
window.addEventListener("message", (e) => {
  if (e.data && typeof e.data.type === "string") window.hostEvents.push({ type: e.data.type, detail: e.data, origin: e.origin });
});
"""


@dataclass
class PortalConfig:
    mockline_url: str
    org_id: str
    server_key: str
    set_id: str
    student_id: str
    student_name: str


def _page(config: PortalConfig, position: str) -> str:
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>College portal</title>
<link rel="stylesheet" href="/hostile.css">
<style>.host-button {{ padding: 3px; }}</style>
<script>{RECORDER}</script>
<script src="{config.mockline_url}/widget.js" async></script></head>
<body><h1>Placement practice</h1>
<button class="host-button" type="button">Portal button</button>
<p class="host-text">Portal text</p>
<div id="slot" style="width: 380px">
<mockline-interview org="{config.org_id}" set="{config.set_id}" position="{position}"
  token-endpoint="/api/mockline-token" accent="#3b4fa8"></mockline-interview></div>
</body></html>"""


def _iframe_page(config: PortalConfig, token: str) -> str:
    src = f"{config.mockline_url}/embed/{config.org_id}?set={config.set_id}#token={token}"
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>Portal (iframe)</title>
<script>{RECORDER}</script></head>
<body><h1>Practice (iframe)</h1>
<iframe id="mockline" src="{src}" allow="microphone" width="400" height="620"></iframe>
</body></html>"""


def mint_token(config: PortalConfig) -> str:
    resp = httpx.post(
        f"{config.mockline_url}/api/orgs/{config.org_id}/embed-tokens",
        json={"student_id": config.student_id, "name": config.student_name},
        headers={"Authorization": f"Bearer {config.server_key}"},
        timeout=30,
    )
    resp.raise_for_status()
    token: str = resp.json()["token"]
    return token


def _handler(config: PortalConfig) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

        def _send(self, status: int, body: str, content_type: str) -> None:
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            if path == "/":
                self._send(200, _page(config, "inline"), "text/html; charset=utf-8")
            elif path == "/floating":
                self._send(200, _page(config, "floating"), "text/html; charset=utf-8")
            elif path == "/iframe":
                self._send(
                    200, _iframe_page(config, mint_token(config)), "text/html; charset=utf-8"
                )
            elif path == "/hostile.css":
                self._send(200, HOSTILE_CSS, "text/css")
            else:
                self._send(404, "not found", "text/plain")

        def do_POST(self) -> None:
            if self.path != "/api/mockline-token":
                self._send(404, "not found", "text/plain")
                return
            self._send(200, json.dumps({"token": mint_token(config)}), "application/json")

    return Handler


@contextmanager
def portal_site(config: PortalConfig, port: int) -> Iterator[str]:
    """Serves the portal on 127.0.0.1:`port`; yields its origin."""
    httpd = ThreadingHTTPServer(("127.0.0.1", port), _handler(config))
    thread = threading.Thread(target=httpd.serve_forever, name=f"portal-{port}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
