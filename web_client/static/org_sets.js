/**
 * Practice sets on /org: the list with each set's completion, a form for a new set (role,
 * level, type, length, persona tone, job description, dates) and deleting one.
 */

import { getOptions } from "./api.js";
import { byId, el } from "./dom.js";
import * as orgApi from "./org_api.js";

const range = (s) => (s.opens_on || s.closes_on ? `${s.opens_on ?? "…"} to ${s.closes_on ?? "…"}` : "always open");

export async function fillSetForm() {
  const options = await getOptions();
  const fill = (id, items) =>
    byId(id).replaceChildren(...items.map((o) => el("option", { value: o.id ?? o }, o.label ?? o)));
  fill("set-role", options.roles);
  fill("set-level", options.levels);
  fill("set-type", options.interview_types);
}

export function renderSets(org, sets, completion, reload, onError) {
  const done = new Map(completion.map((c) => [c.set_id, c]));
  byId("set-list").replaceChildren(
    ...sets.map((s) => {
      const c = done.get(s.id);
      const remove = el("button", { type: "button", className: "button button-quiet button-small", "aria-label": `Delete ${s.name}` }, "Delete");
      remove.addEventListener("click", () => orgApi.deleteSet(org, s.id).then(reload, (e) => onError(e.message)));
      const progress = c ? `${c.students_completed} of ${c.cohort_size} students completed · ${c.students_started} started` : "";
      return el(
        "li",
        { className: "item-row", dataset: { set: s.id } },
        el("div", { className: "item-main" },
          el("p", { className: "item-title" }, s.name),
          el("p", { className: "item-meta" }, `${s.setup.role.replaceAll("_", " ")} · ${s.setup.level} · ${s.setup.interview_type.replaceAll("_", " ")} · ${range(s)}${s.is_open ? "" : " (closed today)"}`),
          el("p", { className: "item-meta" }, progress)),
        el("div", { className: "item-actions" }, remove),
      );
    }),
  );
  byId("sets").hidden = false;
}

export function setFormBody() {
  const value = (id) => byId(id).value.trim();
  return {
    name: value("set-name"),
    setup: {
      role: value("set-role"),
      level: value("set-level"),
      interview_type: value("set-type"),
      length: { unit: "questions", value: Number(value("set-questions") || 5) },
      persona: { tone: value("set-tone") },
    },
    job_description: value("set-jd") || null,
    opens_on: value("set-opens") || null,
    closes_on: value("set-closes") || null,
  };
}
