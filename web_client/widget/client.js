/**
 * The widget's view of the Mockline API (docs/CONTRACTS.md, "Organisations and the widget").
 *
 * Requests go to the Mockline server the script came from, with the student's embed token
 * as Bearer. The token comes from the host's `token-endpoint` (POST, JSON `{"token"}`), from
 * the page's URL fragment in the iframe (`/embed/{org}#token=…`), or from a function the host
 * set as `element.tokenProvider`. On a 401 the widget asks for a fresh token once and retries.
 * Errors are http.js's ApiError, with a message a person can read.
 */

import { ApiError, discard, read, send } from "../static/http.js";

export { ApiError };

export class WidgetClient {
  /**
   * @param {string} base  the Mockline origin, e.g. "https://mockline.example.edu"
   * @param {string} org   the organisation id
   * @param {() => Promise<string>} fetchToken
   */
  constructor(base, org, fetchToken) {
    this.base = base;
    this.org = encodeURIComponent(org);
    this.fetchToken = fetchToken;
    /** @type {Promise<string>|null} */ this.token = null;
  }

  _token(fresh) {
    if (fresh || !this.token) {
      this.token = this.fetchToken();
      this.token.catch(() => {
        this.token = null;
      });
    }
    return this.token;
  }

  async _send(method, path, body, fresh) {
    const token = await this._token(fresh);
    return send(method, this.base + path, { body, headers: { Authorization: `Bearer ${token}` } });
  }

  /** @param {'json'|'blob'|'none'} expect */
  async request(method, path, { body, expect = "json" } = {}) {
    let response = await this._send(method, path, body, false);
    if (response.status === 401) {
      await discard(response);
      response = await this._send(method, path, body, true);
    }
    return read(response, expect);
  }

  embedInfo = () => this.request("GET", `/api/orgs/${this.org}/embed`);
  acceptNotice = () => this.request("POST", `/api/orgs/${this.org}/notice`, { expect: "none" });
  startSet = (setId) =>
    this.request("POST", `/api/orgs/${this.org}/sets/${encodeURIComponent(setId)}/interviews`);

  callToken = (id) => this.request("POST", `${interviewPath(id)}/call-token`);
  /** Authorised by the call token alone, as on the candidate page. */
  offer = async (id, offer) => read(await send("POST", `${this.base}${interviewPath(id)}/offer`, { body: offer }));
  end = (id) => this.request("POST", `${interviewPath(id)}/end`);
  open = (id) => this.request("POST", `${interviewPath(id)}/open`);
  message = (id, text) => this.request("POST", `${interviewPath(id)}/messages`, { body: { text } });
  report = (id) => this.request("GET", `${interviewPath(id)}/report`);
  reportPdf = (id) => this.request("GET", `${interviewPath(id)}/report.pdf`, { expect: "blob" });
}

const interviewPath = (id) => `/api/interviews/${encodeURIComponent(id)}`;

/**
 * Asks the host's backend for a token: POST to `endpoint` (same-origin cookies go along, so
 * the portal knows which student asks) and read `{"token"}`.
 */
export async function tokenFromEndpoint(endpoint) {
  let response;
  try {
    response = await fetch(endpoint, {
      method: "POST",
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
  } catch {
    throw new ApiError("Could not reach this site to start your practice session.");
  }
  const payload = await response.json().catch(() => null);
  if (!response.ok || typeof payload?.token !== "string") {
    throw new ApiError("This site could not start your practice session. Sign in to the portal and reload.", {
      status: response.status,
      code: "token_endpoint",
    });
  }
  return payload.token;
}

/** The token in this page's fragment (`#token=…`), removed from the address bar at once. */
export function tokenFromFragment() {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const token = params.get("token");
  if (token) history.replaceState(null, "", window.location.pathname + window.location.search);
  return token;
}
