/**
 * HTTP client for the Mockline API (docs/CONTRACTS.md, "HTTP API").
 *
 * Owns turning every failure into an ApiError with a message a person can read:
 * an unreachable server, a non-JSON reply, or the server's own `error.message`.
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

async function request(method, path, body) {
  const init = { method, headers: { Accept: "application/json" } };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(
      "Could not reach the Mockline server. Check that it is running and that you are online, then try again.",
    );
  }
  const payload = await response.json().catch(() => null);
  if (!response.ok) {
    const error = payload && payload.error;
    const message = (error && error.message) || `The server answered ${response.status} ${response.statusText}.`;
    throw new ApiError(message, { status: response.status, code: (error && error.code) || "http_error" });
  }
  if (payload === null) {
    throw new ApiError("The server sent a reply this page could not read.", {
      status: response.status,
      code: "bad_response",
    });
  }
  return payload;
}

const interviewPath = (id) => `/api/interviews/${encodeURIComponent(id)}`;

export const getOptions = () => request("GET", "/api/options");

/** @param {{role: string, level: string, interview_type: string}} setup */
export const createInterview = (setup) => request("POST", "/api/interviews", setup);

/** @param {{sdp: string, type: string}} offer */
export const postOffer = (id, offer) => request("POST", `${interviewPath(id)}/offer`, offer);

export const endInterview = (id) => request("POST", `${interviewPath(id)}/end`);

export const getInterview = (id) => request("GET", interviewPath(id));
