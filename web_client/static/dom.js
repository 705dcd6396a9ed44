/**
 * Building elements without HTML strings: the pages run under a CSP without
 * 'unsafe-inline', and text from the server must never be parsed as markup.
 */

/**
 * `el("button", {type: "button", className: "button", dataset: {x: "1"}}, "Text", child)`.
 * Props are DOM properties, except `dataset` (merged) and names with a dash or `aria-`/`for`
 * (set as attributes). Children are nodes or strings; null/false are skipped.
 *
 * @param {string} tag
 * @param {Record<string, unknown>} [props]
 * @param {...(Node|string|null|false|undefined)} children
 * @returns {HTMLElement}
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (name === "dataset") Object.assign(node.dataset, value);
    else if (name.includes("-") || name === "for") node.setAttribute(name, String(value));
    else node[name] = value;
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child);
  }
  return node;
}

export const byId = (id) => document.getElementById(id);

/** Shows `message` in an alert element, or hides it for an empty message. */
export function setAlert(element, message) {
  element.textContent = message ?? "";
  element.hidden = !message;
}
