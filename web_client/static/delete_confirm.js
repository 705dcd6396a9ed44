/**
 * The two-step delete of an interview, shared by "My interviews" and the history table:
 * a Delete button, then a question with Delete / Keep. Keep puts the button back (focused);
 * Delete calls the server and, once it is gone, removes the row. Already gone (deleted in
 * another tab) counts as deleted: it is what the person asked for.
 */

import { el } from "./dom.js";

/**
 * @typedef {object} DeleteOptions
 * @property {HTMLElement} row        removed once deleted; gets data-confirming while asking
 * @property {string} label           the Delete button's accessible name ("Delete …, date")
 * @property {string} question        "Delete this interview and its transcript?"
 * @property {() => Promise<unknown>} remove   the DELETE request
 * @property {() => void} onDeleted   after the row is removed (update lists, move focus)
 */

/**
 * Shows the Delete button in `actions`.
 * @param {HTMLElement} actions
 * @param {DeleteOptions} options
 * @returns {HTMLButtonElement}
 */
export function offerDelete(actions, options) {
  const button = el("button", { className: "button button-small button-quiet", type: "button", "aria-label": options.label }, "Delete");
  button.addEventListener("click", () => askToConfirm(actions, options));
  delete options.row.dataset.confirming;
  actions.replaceChildren(button);
  return button;
}

function askToConfirm(actions, options) {
  const question = el("p", { className: "confirm-text", role: "status" }, options.question);
  const yes = el("button", { className: "button button-small button-danger", type: "button" }, "Delete");
  const no = el("button", { className: "button button-small button-secondary", type: "button" }, "Keep");
  no.addEventListener("click", () => offerDelete(actions, options).focus());
  yes.addEventListener("click", () => confirmDelete(actions, options, [yes, no]));
  actions.replaceChildren(question, yes, no);
  options.row.dataset.confirming = "true";
  no.focus();
}

async function confirmDelete(actions, options, buttons) {
  for (const button of buttons) button.disabled = true;
  try {
    await options.remove().catch((error) => {
      if (error.status !== 404) throw error;
    });
  } catch (error) {
    offerDelete(actions, options);
    actions.prepend(el("p", { className: "confirm-text error-text", role: "alert" }, `Not deleted: ${error.message}`));
    return;
  }
  options.row.remove();
  options.onDeleted();
}
