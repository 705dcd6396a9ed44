/**
 * The Mockline API as functions (docs/CONTRACTS.md, "HTTP API" and "Accounts (issue 4)").
 *
 * Everything a user owns goes through session.authorized (Bearer, refresh once on 401).
 * Two calls go without the session on purpose: the public options, and the WebRTC offer,
 * which the short-lived call token alone authorises.
 */

import { ApiError, request, send } from "./http.js";
import { authHeaders, authorized } from "./session.js";

export { ApiError };

const interviewPath = (id) => `/api/interviews/${encodeURIComponent(id)}`;
const keyPath = (provider) => `/api/me/keys/${encodeURIComponent(provider)}`;

export const getOptions = () => request("GET", "/api/options");

/** @param {{role: string, level: string, interview_type: string}} setup */
export const createInterview = (setup) => authorized("POST", "/api/interviews", { body: setup });

/** Mine, newest first. */
export const listInterviews = () => authorized("GET", "/api/interviews");

export const getInterview = (id) => authorized("GET", interviewPath(id));

export const deleteInterview = (id) => authorized("DELETE", interviewPath(id), { expect: "none" });

/** @returns {Promise<{token: string, expires_in: number}>} bound to this interview and user */
export const createCallToken = (id) => authorized("POST", `${interviewPath(id)}/call-token`);

/** @param {{sdp: string, type: string, token: string}} offer */
export const postOffer = (id, offer) => request("POST", `${interviewPath(id)}/offer`, offer);

export const endInterview = (id) => authorized("POST", `${interviewPath(id)}/end`);

/**
 * Best effort while the page is going away: a keepalive request outlives the page and,
 * unlike navigator.sendBeacon, can carry the Bearer header. No refresh, no answer read.
 */
export function endInterviewOnUnload(id) {
  send("POST", `${interviewPath(id)}/end`, { headers: authHeaders(), keepalive: true }).catch(() => {});
}

export const getMe = () => authorized("GET", "/api/me");

/** @param {{store_audio?: boolean, transcript_retention_days?: number|null}} settings */
export const updateSettings = (settings) => authorized("PATCH", "/api/me/settings", { body: settings });

/** @returns {Promise<Blob>} a zip */
export const exportData = () => authorized("GET", "/api/me/export", { expect: "blob" });

export const deleteAccount = () => authorized("DELETE", "/api/me", { expect: "none" });

export const listKeys = () => authorized("GET", "/api/me/keys");

/** @param {{api_key: string, base_url?: string, model?: string}} key */
export const saveKey = (provider, key) => authorized("PUT", keyPath(provider), { body: key });

export const deleteKey = (provider) => authorized("DELETE", keyPath(provider), { expect: "none" });
