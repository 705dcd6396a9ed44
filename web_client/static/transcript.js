/**
 * Renders saved interview turns (GET /api/interviews/{id} `turns`) as a conversation.
 *
 * Shared by the candidate page (after a call) and the transcript page. An interrupted
 * interviewer turn shows only what the candidate heard (`heard_text`) and is marked
 * "(interrupted)": the unheard rest of the reply was never part of the conversation.
 */

const SPEAKER_LABELS = { interviewer: "Interviewer", candidate: "You" };

export function speakerLabel(speaker, { candidateLabel = "You" } = {}) {
  if (speaker === "candidate") return candidateLabel;
  return SPEAKER_LABELS[speaker] ?? String(speaker);
}

/** The words a listener actually heard for this turn. */
export function spokenText(turn) {
  if (turn.interrupted && typeof turn.heard_text === "string") return turn.heard_text;
  return turn.text ?? "";
}

function renderTurn(turn, options) {
  const item = document.createElement("li");
  item.className = "turn";
  item.dataset.speaker = turn.speaker;
  if (turn.interrupted) item.dataset.interrupted = "true";

  const label = document.createElement("span");
  label.className = "turn-speaker";
  label.textContent = speakerLabel(turn.speaker, options);

  const text = document.createElement("p");
  text.className = "turn-text";
  const words = spokenText(turn).trim();
  text.textContent = words;
  if (turn.interrupted) {
    const note = document.createElement("span");
    note.className = "turn-note";
    note.textContent = words ? " (interrupted)" : "(interrupted)";
    text.append(note);
  }
  item.append(label, text);
  return item;
}

/**
 * Replaces the contents of `list` (an <ol>) with one `li.turn[data-speaker]` per turn.
 * @param {HTMLElement} list
 * @param {object[]} turns
 * @param {{candidateLabel?: string}} [options]
 */
export function renderTurns(list, turns, options = {}) {
  const ordered = [...(turns ?? [])].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  list.replaceChildren(...ordered.map((turn) => renderTurn(turn, options)));
  list.dataset.empty = ordered.length ? "false" : "true";
}
