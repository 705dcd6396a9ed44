/**
 * The widget's stylesheet, adopted by its shadow root (a constructed stylesheet, so a strict
 * Content-Security-Policy on the host page does not block it, and nothing reaches the host).
 *
 * Themable through custom properties on the element: --ml-accent, --ml-accent-text,
 * --ml-surface, --ml-text, --ml-muted, --ml-radius, --ml-font. The root resets every
 * inherited property, so the host's styles (even `* { … !important }`) cannot leak in.
 */

export const CSS = `
:host { display: block; }
:host([position="floating"]) { position: fixed; right: 24px; bottom: 24px; z-index: 2147483000; }
:host([hidden]) { display: none; }
.ml {
  all: initial; display: flex; flex-direction: column; box-sizing: border-box;
  font-family: var(--ml-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  font-size: 14px; line-height: 1.45; color: var(--ml-text, #1b2330);
  background: var(--ml-surface, #ffffff); border: 1px solid #d9dee6;
  border-radius: var(--ml-radius, 18px); box-shadow: 0 8px 28px rgba(15, 23, 42, 0.14);
  width: 100%; max-width: 380px; min-height: 420px; overflow: hidden;
}
.ml *, .ml *::before, .ml *::after { box-sizing: border-box; font: inherit; color: inherit; letter-spacing: normal; text-transform: none; }
.ml[hidden], .ml [hidden] { display: none !important; }
:host([position="floating"]) .ml { position: absolute; right: 0; bottom: 76px; width: 360px; max-height: min(640px, calc(100vh - 120px)); }
.ml-launch {
  all: initial; display: grid; place-items: center; width: 60px; height: 60px; border-radius: 50%;
  background: var(--ml-accent, #0d6b62); color: var(--ml-accent-text, #fff); cursor: pointer;
  box-shadow: 0 6px 20px rgba(15, 23, 42, 0.25);
}
.ml-launch:focus-visible, .ml button:focus-visible, .ml select:focus-visible, .ml textarea:focus-visible {
  outline: 3px solid var(--ml-accent, #0d6b62); outline-offset: 2px;
}
.ml-launch svg { width: 26px; height: 26px; fill: currentColor; }
.ml-head {
  display: flex; align-items: center; gap: 8px; padding: 14px 16px;
  background: var(--ml-accent, #0d6b62); color: var(--ml-accent-text, #fff);
}
.ml-head h2 { margin: 0; font-size: 15px; font-weight: 600; flex: 1; }
.ml-org { font-size: 12px; opacity: 0.85; }
.ml-x { all: initial; cursor: pointer; color: inherit; font-size: 20px; line-height: 1; padding: 2px 6px; }
.ml-body { flex: 1; display: flex; flex-direction: column; gap: 12px; padding: 16px; overflow: auto; }
.ml h3 { margin: 0; font-size: 16px; font-weight: 600; }
.ml h4 { margin: 4px 0 0; font-size: 13px; font-weight: 600; }
.ml p { margin: 0; }
.ml-muted { color: var(--ml-muted, #5b6675); font-size: 13px; }
.ml-actions { display: flex; flex-direction: column; gap: 8px; margin-top: auto; }
.ml button.ml-btn {
  all: initial; display: block; text-align: center; cursor: pointer; border-radius: 999px;
  padding: 11px 16px; font: 600 14px/1.2 var(--ml-font, system-ui, sans-serif);
  background: var(--ml-accent, #0d6b62); color: var(--ml-accent-text, #fff); border: 2px solid var(--ml-accent, #0d6b62);
}
.ml button.ml-btn.ml-secondary { background: transparent; color: var(--ml-accent, #0d6b62); }
.ml button.ml-btn.ml-danger { background: #b42318; border-color: #b42318; color: #fff; }
.ml button.ml-btn:disabled { opacity: 0.55; cursor: default; }
.ml-link { all: initial; cursor: pointer; color: var(--ml-accent, #0d6b62); text-decoration: underline; font: 600 13px/1.4 var(--ml-font, system-ui, sans-serif); }
.ml label { font-size: 13px; font-weight: 600; }
.ml select, .ml textarea {
  width: 100%; border: 1px solid #c4ccd8; border-radius: 10px; padding: 8px 10px;
  background: #fff; color: #1b2330; resize: vertical;
}
.ml-notice { background: #f3f6f9; border-radius: 12px; padding: 12px; }
.ml-avatar {
  align-self: center; width: 96px; height: 96px; border-radius: 50%; display: grid; place-items: center;
  background: var(--ml-accent, #0d6b62); color: var(--ml-accent-text, #fff); font-size: 30px; font-weight: 700;
  box-shadow: 0 0 0 calc(var(--ml-level, 0) * 40px) color-mix(in srgb, var(--ml-accent, #0d6b62) 25%, transparent);
  transition: box-shadow 80ms linear;
}
.ml-state { text-align: center; font-weight: 600; }
.ml-captions {
  list-style: none; margin: 0; padding: 8px; display: flex; flex-direction: column; gap: 6px;
  min-height: 120px; max-height: 240px; overflow: auto; background: #f3f6f9; border-radius: 12px;
}
.ml-captions .caption { display: flex; flex-direction: column; }
.ml-captions .caption-speaker { font-size: 11px; font-weight: 700; color: var(--ml-muted, #5b6675); text-transform: uppercase; }
.ml-captions .caption[data-speaker="candidate"] { align-items: flex-end; text-align: right; }
.ml-captions .caption[data-final="false"] .caption-text { opacity: 0.7; }
.ml-row { display: flex; gap: 8px; }
.ml-row > * { flex: 1; }
.ml-overall strong { font-size: 34px; font-weight: 700; color: var(--ml-accent, #0d6b62); }
.ml-dims { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 6px; }
.ml-dim { display: grid; grid-template-columns: 112px 1fr 32px; align-items: center; gap: 8px; font-size: 13px; }
.ml-bar { height: 8px; background: #e6eaf0; border-radius: 4px; overflow: hidden; }
.ml-bar-fill { display: block; height: 100%; background: var(--ml-accent, #0d6b62); }
.ml-dim-score { text-align: right; font-variant-numeric: tabular-nums; }
.ml-improve { margin: 0; padding-left: 18px; font-size: 13px; }
.ml-error { color: #b42318; font-weight: 600; }
.ml-status { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
`;

/** The sheet for `root`: adopted where supported, else a <style> element. */
export function applyStyles(root) {
  if ("adoptedStyleSheets" in root && typeof CSSStyleSheet === "function" && "replaceSync" in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
    return;
  }
  const style = document.createElement("style");
  style.textContent = CSS;
  root.append(style);
}
