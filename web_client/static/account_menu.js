/**
 * The account area of every page's header, and the sign-in / create-account dialog.
 *
 * Draws from session.js and never keeps its own idea of who is signed in: it re-renders on
 * session changes. "Create account" for a guest claims the guest (POST /api/auth/claim), so
 * the interviews they already did stay theirs. Messages for a refused sign-in or sign-up are
 * the server's own `error.message`.
 */

import { el, setAlert } from "./dom.js";
import * as session from "./session.js";

/** @typedef {'signin'|'signup'|'claim'} AuthMode */

const MODES = {
  signin: {
    title: "Sign in",
    intro: "Sign in to see your saved interviews and settings.",
    submit: "Sign in",
    password: "current-password",
    action: session.signIn,
  },
  signup: {
    title: "Create account",
    intro: "An account keeps your interviews and settings across devices.",
    submit: "Create account",
    password: "new-password",
    action: session.signUp,
  },
  claim: {
    title: "Save your interviews",
    intro: "Create an account to keep the interviews you did as a guest. They stay yours.",
    submit: "Create account",
    password: "new-password",
    action: session.claim,
  },
};

const GUEST_SIGNIN_NOTE =
  "You are practising as a guest. Signing in to another account leaves this guest session and " +
  "its interviews; to keep them, create an account instead.";

/** @type {ReturnType<typeof buildDialog>|null} */
let dialog = null;

function field(id, label, input, hint) {
  return el("div", { className: "field" }, el("label", { for: id }, label), input, hint);
}

function buildDialog() {
  const title = el("h2", { id: "auth-title" });
  const intro = el("p", { id: "auth-intro", className: "muted" });
  const email = el("input", { id: "auth-email", name: "email", type: "email", autocomplete: "email", required: true });
  const password = el("input", { id: "auth-password", name: "password", type: "password", required: true });
  const passwordHint = el("p", { id: "auth-password-hint", className: "field-hint" }, "At least 8 characters.");
  password.setAttribute("aria-describedby", "auth-password-hint");
  const error = el("p", { id: "auth-error", className: "alert", role: "alert", hidden: true });
  const submit = el("button", { id: "auth-submit", className: "button button-primary", type: "submit" });
  const cancel = el("button", { className: "button button-secondary", type: "button" }, "Cancel");
  const switchText = el("span");
  const switchButton = el("button", { id: "auth-switch", className: "link-button", type: "button" });
  const form = el(
    "form",
    { id: "auth-form", className: "stack", noValidate: true },
    field("auth-email", "Email", email),
    field("auth-password", "Password", password, passwordHint),
    error,
    el("div", { className: "form-actions" }, submit, cancel),
    el("p", { className: "muted switch-mode" }, switchText, " ", switchButton),
  );
  const node = el(
    "dialog",
    { id: "auth-dialog", className: "dialog", "aria-labelledby": "auth-title" },
    title,
    intro,
    form,
  );
  document.body.append(node);
  const parts = { node, title, intro, form, email, password, passwordHint, error, submit, switchText, switchButton };
  cancel.addEventListener("click", () => node.close());
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submitAuth(parts);
  });
  switchButton.addEventListener("click", () => {
    showMode(parts, parts.mode === "signin" ? "signup" : "signin");
    email.focus();
  });
  return parts;
}

function showMode(parts, mode) {
  const spec = MODES[mode];
  parts.mode = mode;
  parts.title.textContent = spec.title;
  parts.intro.textContent = mode === "signin" && session.status() === "guest" ? GUEST_SIGNIN_NOTE : spec.intro;
  parts.submit.textContent = spec.submit;
  parts.password.autocomplete = spec.password;
  parts.passwordHint.hidden = mode === "signin";
  parts.switchText.textContent = mode === "signin" ? "No account yet?" : "Already have an account?";
  parts.switchButton.textContent = mode === "signin" ? "Create one" : "Sign in";
  setAlert(parts.error, "");
}

function localProblem(parts) {
  if (!parts.email.value.trim()) return "Enter your email address.";
  if (parts.email.validity.typeMismatch) return "Enter a valid email address, like name@example.com.";
  if (!parts.password.value) return "Enter a password.";
  return "";
}

async function submitAuth(parts) {
  const problem = localProblem(parts);
  setAlert(parts.error, problem);
  if (problem) return;
  parts.submit.disabled = true;
  parts.submit.setAttribute("aria-busy", "true");
  try {
    await MODES[parts.mode].action({ email: parts.email.value.trim(), password: parts.password.value });
    parts.password.value = "";
    parts.node.close();
  } catch (error) {
    setAlert(parts.error, error.message);
    (error.code === "invalid_credentials" || error.code === "weak_password" ? parts.password : parts.email).focus();
  } finally {
    parts.submit.disabled = false;
    parts.submit.setAttribute("aria-busy", "false");
  }
}

/**
 * Opens the dialog. "signup" for a guest becomes "claim", so nothing they did is lost.
 * @param {AuthMode} mode
 */
export function openAuthDialog(mode) {
  dialog ??= buildDialog();
  const effective = mode === "signup" && session.status() === "guest" ? "claim" : mode;
  showMode(dialog, effective);
  dialog.password.value = "";
  if (!dialog.node.open) dialog.node.showModal();
  dialog.email.focus();
}

function button(label, className, onClick, id) {
  const node = el("button", { id, className: `button button-small ${className}`, type: "button" }, label);
  node.addEventListener("click", onClick);
  return node;
}

function render(container, status, user, onError) {
  const signOut = async () => {
    try {
      await session.signOut();
    } catch (error) {
      onError(`You could not be signed out: ${error.message}`);
    }
  };
  const onAccountPage = window.location.pathname === "/account";
  const accountLink = el(
    "a",
    { id: "account-link", className: "account-link", href: "/account", "aria-current": onAccountPage ? "page" : null },
    "Account",
  );
  container.dataset.status = status;
  if (status === "unknown") container.replaceChildren();
  else if (status === "none") {
    container.replaceChildren(
      button("Sign in", "button-secondary", () => openAuthDialog("signin"), "sign-in"),
      button("Create account", "button-primary", () => openAuthDialog("signup"), "create-account"),
    );
  } else if (status === "guest") {
    container.replaceChildren(
      el("span", { id: "account-name", className: "account-name" }, "Guest"),
      accountLink,
      // Signing in is one switch away inside the dialog; for a guest, saving comes first.
      button("Create account", "button-primary", () => openAuthDialog("claim"), "create-account"),
    );
  } else {
    container.replaceChildren(
      el("span", { id: "account-name", className: "account-name", title: user.email }, user.email),
      accountLink,
      button("Sign out", "button-secondary", signOut, "sign-out"),
    );
  }
}

/**
 * Keeps `container` (in the header) showing who is signed in, with the actions that fit.
 * @param {HTMLElement} container
 * @param {{onError?: (message: string) => void}} [options]
 */
export function mountAccountMenu(container, { onError = () => {} } = {}) {
  const draw = () => render(container, session.status(), session.user(), onError);
  session.onChange(draw);
  draw();
}
