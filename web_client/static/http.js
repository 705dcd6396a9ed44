/**
 * One HTTP exchange with the Mockline server, without any notion of who is signed in.
 *
 * Owns turning every failure into an ApiError with a message a person can read: an
 * unreachable server, a reply this page cannot read, or the server's own `error.message`
 * (docs/CONTRACTS.md: errors are always `{"error": {"code", "message"}}`).
 * session.js adds the Bearer header and the refresh-once-on-401 rule on top of this.
 */

export class ApiError extends Error {
  /**
   * @param {string} message  readable text, safe to show on the page
   * @param {{status?: number, code?: string}} [details]
   */
  constructor(message, { status = 0, code = "network_error" } = {}) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
  }
}

const UNREACHABLE_TEXT =
  "Could not reach the Mockline server. Check that it is running and that you are online, then try again.";

/**
 * Sends one request. Cookies go along for same-origin paths only (the refresh cookie
 * lives under /api/auth and is httpOnly: this page never sees it).
 *
 * @param {string} method
 * @param {string} path
 * @param {{body?: unknown, headers?: Record<string, string>, keepalive?: boolean}} [options]
 * @returns {Promise<Response>} any status; only a network failure throws
 */
export async function send(method, path, { body, headers = {}, keepalive = false } = {}) {
  const init = { method, credentials: "same-origin", keepalive, headers: { Accept: "application/json", ...headers } };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  try {
    return await fetch(path, init);
  } catch {
    throw new ApiError(UNREACHABLE_TEXT);
  }
}

/**
 * Reads and drops a body this page does not need. An unread body keeps its request open
 * (the browser's loader, and tools that wait for the network to go idle, see it pending).
 */
export async function discard(response) {
  await response.arrayBuffer().catch(() => {});
}

/** The ApiError for a response that is not ok, from its `error` body when it has one. */
export async function errorOf(response) {
  const payload = await response.json().catch(() => null);
  const error = payload && payload.error;
  const message = (error && error.message) || `The server answered ${response.status} ${response.statusText}.`;
  return new ApiError(message, { status: response.status, code: (error && error.code) || "http_error" });
}

/**
 * The body of an ok response as `expect` says: parsed JSON, a Blob, or nothing (204).
 * Throws the server's ApiError for any other status.
 *
 * @param {Response} response
 * @param {'json'|'blob'|'none'|'response'} expect  'response': the response itself, to stream
 */
export async function read(response, expect = "json") {
  if (!response.ok) throw await errorOf(response);
  if (expect === "response") return response;
  if (expect === "none") return null;
  if (expect === "blob") return response.blob();
  const payload = await response.json().catch(() => null);
  if (payload === null) {
    throw new ApiError("The server sent a reply this page could not read.", {
      status: response.status,
      code: "bad_response",
    });
  }
  return payload;
}

/** send() then read(): for requests that need no session. */
export async function request(method, path, body) {
  return read(await send(method, path, { body }));
}
