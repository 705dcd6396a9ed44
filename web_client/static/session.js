/**
 * Who this tab is signed in as (docs/CONTRACTS.md, "Accounts (issue 4)": Sessions).
 *
 * Owns the access token, which lives in this module's memory only (never in storage, never
 * in the DOM); the refresh token is the httpOnly cookie `mockline_refresh` that the browser
 * sends to /api/auth by itself. Rules kept here and nowhere else:
 * - every authorized request carries `Authorization: Bearer <token>`; on a 401 it refreshes
 *   once and retries once;
 * - one refresh at a time, across tabs too (refresh tokens rotate on every use, so two
 *   concurrent refreshes with the same cookie would sign the loser out);
 * - a page restores its session with a silent refresh when it loads;
 * - practising never needs an account: `ensureSession()` starts a guest session.
 */

import { ApiError, discard, read, send } from "./http.js";

/** @typedef {{id: string, email: string|null, is_guest: boolean, store_audio: boolean,
 *             transcript_retention_days: number|null, created_at: string}} User */
/** @typedef {'unknown'|'none'|'guest'|'member'} SessionStatus  'unknown' until restored */

let accessToken = null;
/** @type {User|null} */
let currentUser = null;
let restored = false;
/** How the last refresh went: 'ok', 'none' (the server said there is no session), 'error'. */
let lastRefresh = "error";
/** @type {Promise<boolean>|null} */ let refreshing = null;
/** @type {Promise<boolean>|null} */ let restoring = null;
/** @type {Set<(status: SessionStatus, user: User|null) => void>} */
const listeners = new Set();

export function status() {
  if (!restored && !currentUser) return "unknown";
  if (!currentUser) return "none";
  return currentUser.is_guest ? "guest" : "member";
}

/** @returns {User|null} */
export const user = () => currentUser;

/**
 * Calls `listener(status, user)` whenever who is signed in changes (and once restore
 * settles). Settings changes do not notify; they are the account page's business.
 * @returns {() => void} unsubscribe
 */
export function onChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Calls `show()` once the session is known and again whenever a different person (or
 * nobody) is signed in: pages that show one account's data reload with it.
 */
export function onViewerChange(show) {
  let shownFor = null;
  return onChange((status, user) => {
    const viewer = user?.id ?? "nobody";
    if (status === "unknown" || viewer === shownFor) return;
    shownFor = viewer;
    show();
  });
}

const identity = (u) => (u ? `${u.id}|${u.email ?? ""}|${u.is_guest}` : "");

function setUser(next) {
  const changed = identity(next) !== identity(currentUser);
  currentUser = next;
  if (changed) notify();
}

function notify() {
  const now = status();
  for (const listener of [...listeners]) listener(now, currentUser);
}

function adopt(session) {
  accessToken = session.access_token;
  lastRefresh = "ok";
  setUser(session.user);
  return currentUser;
}

/** Drops the session in this tab only (the server side is already gone or being ended). */
export function forget() {
  accessToken = null;
  setUser(null);
}

/** The user's settings changed on the server; keeps the same identity. */
export function updateUser(next) {
  setUser(next);
}

async function refreshOnce() {
  const response = await send("POST", "/api/auth/refresh");
  if (response.status === 401) {
    await discard(response);
    lastRefresh = "none";
    forget();
    return false;
  }
  adopt(await read(response));
  return true;
}

/**
 * Trades the refresh cookie for a new access token. Resolves false when the server says
 * there is no session; rejects with ApiError when it cannot tell (offline, starting up).
 */
export function refresh() {
  refreshing ??= (async () => {
    try {
      // A tab waiting on the lock sends the cookie the previous holder just rotated.
      return navigator.locks
        ? await navigator.locks.request("mockline-refresh", refreshOnce)
        : await refreshOnce();
    } catch (error) {
      lastRefresh = "error";
      throw error;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** The silent refresh a page does when it loads; resolves true when signed in. Idempotent. */
export function restore() {
  restoring ??= refresh()
    .catch(() => false)
    .finally(() => {
      // A restored session has notified already; "nobody" is news only now.
      const before = status();
      restored = true;
      if (status() !== before) notify();
    });
  return restoring;
}

/** The signed-in user, or a new guest when there is nobody (practising never needs sign-up). */
export async function ensureSession() {
  await restore();
  if (accessToken) return currentUser;
  if (lastRefresh === "error" && (await refresh().catch(() => false))) return currentUser;
  return adopt(await read(await send("POST", "/api/auth/guest")));
}

/** `{Authorization}` for the current token, or nothing. */
export function authHeaders() {
  return accessToken ? { Authorization: `Bearer ${accessToken}` } : {};
}

/**
 * An API request as the signed-in user: Bearer header, one refresh and retry on 401.
 *
 * @param {string} method
 * @param {string} path
 * @param {{body?: unknown, expect?: 'json'|'blob'|'none'}} [options]
 */
export async function authorized(method, path, { body, expect = "json" } = {}) {
  await restore();
  const used = accessToken;
  let response = await send(method, path, { body, headers: authHeaders() });
  if (response.status === 401) {
    const renewedElsewhere = accessToken !== null && accessToken !== used;
    const mayRefresh = used !== null || lastRefresh === "error";
    if (renewedElsewhere || (mayRefresh && (await refresh().catch(() => false)))) {
      await discard(response);
      response = await send(method, path, { body, headers: authHeaders() });
    }
  }
  return read(response, expect);
}

/** @param {{email: string, password: string}} credentials */
export async function signIn(credentials) {
  return adopt(await read(await send("POST", "/api/auth/signin", { body: credentials })));
}

/** @param {{email: string, password: string}} credentials */
export async function signUp(credentials) {
  return adopt(await read(await send("POST", "/api/auth/signup", { body: credentials })));
}

/** Turns the current guest into an account with these credentials; its interviews stay. */
export async function claim(credentials) {
  return adopt(await authorized("POST", "/api/auth/claim", { body: credentials }));
}

/**
 * Ends the session on the server (its refresh cookie and its access tokens, this one
 * included, stop working) and forgets the token.
 */
export async function signOut() {
  const response = await send("POST", "/api/auth/logout", { headers: authHeaders() });
  if (response.status === 401) await discard(response);
  else await read(response, "none");
  forget();
}

export { ApiError };
