/**
 * The resume part of the setup form: upload (POST /api/resumes), the profile the server read
 * from it (GET /api/resumes/{id}/profile), and the candidate's corrections to that profile
 * before the interview: name, headline, years of experience, skills as removable chips with
 * an add box, roles (title, organisation) and project names.
 *
 * The corrected profile is the server's own object with the edited fields replaced, so what
 * the candidate did not touch (dates, descriptions, education) goes back as it came.
 */

import { byId, el } from "./dom.js";
import { getResumeProfile, uploadResume } from "./interview_api.js";

/** signaling/routes/resumes.py: agent.intake MAX_FILE_BYTES. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;
const ALLOWED = /\.(pdf|docx|txt)$/i;
const MAX_SKILL_CHARS = 80;

/** @typedef {{title: string|null, organisation: string|null, start?: string|null,
 *             end?: string|null, current?: boolean}} Role */

export class ProfileEditor {
  /** @param {{onBusy: (reason: string) => void}} options  "" when no longer busy */
  constructor({ onBusy }) {
    this.onBusy = onBusy;
    this.file = byId("resume-file");
    this.status = byId("resume-status");
    this.error = byId("resume-error");
    this.panel = byId("profile");
    this.name = byId("profile-name");
    this.headline = byId("profile-headline");
    this.years = byId("profile-years");
    this.yearsError = byId("profile-years-error");
    this.skillList = byId("skill-list");
    this.skillInput = byId("skill-new");
    this.skillStatus = byId("skill-status");
    this.roleList = byId("role-list");
    this.projectList = byId("project-list");
    /** @type {string|null} */ this.resumeId = null;
    /** @type {object|null} the profile as the server sent it */ this.original = null;
    /** @type {string[]} */ this.skills = [];
    /** @type {Role[]} */ this.roles = [];
    /** @type {{name: string}[]} */ this.projects = [];
    this.generation = 0;
    this.file.addEventListener("change", () => this.upload(this.file.files?.[0]));
    byId("skill-add").addEventListener("click", () => this.addSkills());
    this.skillInput.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" || event.isComposing) return;
      event.preventDefault(); // Enter here adds a skill; it never submits the form
      this.addSkills();
    });
    byId("resume-remove").addEventListener("click", () => this.clear(true));
  }

  showError(message) {
    this.error.textContent = message;
    this.error.hidden = !message;
    if (message) this.file.setAttribute("aria-invalid", "true");
    else this.file.removeAttribute("aria-invalid");
  }

  /** Uploads `file`, then reads its profile; a newer choice makes an older answer moot. */
  async upload(file) {
    const generation = ++this.generation;
    this.clear(false);
    if (!file) return;
    if (!ALLOWED.test(file.name)) {
      this.showError("Choose a PDF, DOCX or TXT file.");
      return;
    }
    if (file.size > MAX_FILE_BYTES) {
      this.showError("This file is larger than 5 MB. Upload a shorter resume as PDF, DOCX or TXT.");
      return;
    }
    this.onBusy("Waiting for your resume to be read…");
    this.status.textContent = `Uploading ${file.name}…`;
    try {
      const resume = await uploadResume(file);
      if (generation !== this.generation) return;
      this.resumeId = resume.id;
      this.status.textContent = "Reading your resume…";
      const profile = await getResumeProfile(resume.id);
      if (generation !== this.generation) return;
      this.show(profile);
      this.status.textContent = `${file.name} is read. Check the details below and correct anything we got wrong.`;
    } catch (error) {
      if (generation !== this.generation) return;
      // A stored resume whose profile could not be read still grounds the interview.
      this.status.textContent = this.resumeId ? "Your resume is uploaded; its details could not be shown." : "";
      this.showError(this.resumeId ? `The resume's details could not be read: ${error.message}` : error.message);
    } finally {
      if (generation === this.generation) this.onBusy("");
    }
  }

  /** Forgets the resume; `byPerson` also empties the file box and says so. */
  clear(byPerson) {
    if (byPerson) {
      this.generation += 1;
      this.file.value = "";
      this.onBusy("");
      this.status.textContent = "The resume will not be used.";
      this.file.focus();
    } else {
      this.status.textContent = "";
    }
    this.showError("");
    this.resumeId = null;
    this.original = null;
    this.skills = [];
    this.roles = [];
    this.projects = [];
    this.panel.hidden = true;
  }

  show(profile) {
    this.original = profile;
    this.name.value = profile.name ?? "";
    this.headline.value = profile.headline ?? "";
    this.years.value = profile.years_experience ?? "";
    this.skills = [...(profile.skills ?? [])];
    this.roles = (profile.roles ?? []).map((role) => ({ ...role }));
    this.projects = (profile.projects ?? []).map((project) => ({ ...project }));
    this.drawSkills();
    this.drawRoles();
    this.drawProjects();
    this.panel.hidden = false;
  }

  drawSkills() {
    const chips = this.skills.map((skill, index) => {
      const remove = el("button", { type: "button", className: "chip-remove", "aria-label": `Remove ${skill}` }, "×");
      remove.addEventListener("click", () => this.removeSkill(index));
      return el("li", { className: "chip" }, el("span", { className: "chip-text" }, skill), remove);
    });
    this.skillList.replaceChildren(...chips);
    this.skillList.dataset.empty = String(!chips.length);
  }

  removeSkill(index) {
    const [removed] = this.skills.splice(index, 1);
    this.drawSkills();
    this.skillStatus.textContent = `Removed ${removed}.`;
    const next = this.skillList.querySelectorAll(".chip-remove")[Math.min(index, this.skills.length - 1)];
    (next ?? this.skillInput).focus();
  }

  addSkills() {
    const wanted = this.skillInput.value.split(",").map((s) => s.trim().replace(/\s+/g, " ")).filter(Boolean);
    if (!wanted.length) {
      this.skillStatus.textContent = "Type a skill to add.";
      return;
    }
    const known = new Set(this.skills.map((s) => s.toLowerCase()));
    const added = [];
    for (const skill of wanted.map((s) => s.slice(0, MAX_SKILL_CHARS))) {
      if (known.has(skill.toLowerCase())) continue;
      known.add(skill.toLowerCase());
      added.push(skill);
    }
    this.skills.push(...added);
    this.skillInput.value = "";
    this.drawSkills();
    this.skillStatus.textContent = added.length ? `Added ${added.join(", ")}.` : "Already in your skills.";
  }

  drawRoles() {
    const rows = this.roles.map((role, index) => {
      const n = index + 1;
      const when = period(role);
      return el(
        "li",
        { className: "entry" },
        textField(`role-${n}-title`, "Title", role.title, 300, (v) => (role.title = v)),
        textField(`role-${n}-org`, "Organisation", role.organisation, 300, (v) => (role.organisation = v)),
        when ? el("p", { className: "entry-meta" }, when) : null,
        removeButton(`Remove experience ${n}${role.title ? `, ${role.title}` : ""}`, () => {
          this.roles.splice(index, 1);
          this.drawRoles();
          focusFirst(this.roleList, "button", this.projectList);
        }),
      );
    });
    this.roleList.replaceChildren(...rows);
    if (!rows.length) this.roleList.append(el("li", { className: "entry-empty muted" }, "No roles found."));
  }

  drawProjects() {
    const rows = this.projects.map((project, index) => {
      const n = index + 1;
      return el(
        "li",
        { className: "entry entry-single" },
        textField(`project-${n}-name`, `Project ${n}`, project.name, 300, (v) => (project.name = v ?? "")),
        removeButton(`Remove project ${n}${project.name ? `, ${project.name}` : ""}`, () => {
          this.projects.splice(index, 1);
          this.drawProjects();
          focusFirst(this.projectList, "button", this.skillInput);
        }),
      );
    });
    this.projectList.replaceChildren(...rows);
    if (!rows.length) this.projectList.append(el("li", { className: "entry-empty muted" }, "No projects found."));
  }

  /** A problem with the corrections, in words, or "". Focuses the field. */
  validate() {
    if (!this.original) return "";
    const raw = this.years.value.trim();
    const years = Number(raw);
    const bad = this.years.validity.badInput || (raw !== "" && !(years >= 0 && years <= 80));
    const problem = bad ? "Years of experience is a number from 0 to 80, or empty." : "";
    this.yearsError.textContent = problem;
    this.yearsError.hidden = !problem;
    if (problem) {
      this.years.setAttribute("aria-invalid", "true");
      this.years.focus();
    } else this.years.removeAttribute("aria-invalid");
    return problem;
  }

  /** `{resume_id, profile}` for POST /api/interviews, or {} without a resume. */
  value() {
    if (!this.resumeId) return {};
    if (!this.original) return { resume_id: this.resumeId };
    const raw = this.years.value.trim();
    const profile = {
      ...this.original,
      name: this.name.value.trim() || null,
      headline: this.headline.value.trim() || null,
      years_experience: raw === "" ? null : Number(raw),
      skills: [...this.skills],
      roles: this.roles.filter((role) => role.title || role.organisation),
      projects: this.projects.filter((project) => project.name),
    };
    return { resume_id: this.resumeId, profile };
  }
}

function textField(id, label, value, maxLength, onInput) {
  const input = el("input", { type: "text", id, value: value ?? "", maxLength, autocomplete: "off" });
  input.addEventListener("input", () => onInput(input.value.trim() || null));
  return el("div", { className: "field" }, el("label", { for: id }, label), input);
}

function removeButton(label, onClick) {
  const button = el("button", { type: "button", className: "button button-quiet button-small", "aria-label": label }, "Remove");
  button.addEventListener("click", onClick);
  return button;
}

function focusFirst(list, selector, fallback) {
  (list.querySelector(selector) ?? fallback).focus();
}

const monthYear = (value) => {
  const date = value ? new Date(`${value}T00:00:00`) : null;
  return date && !Number.isNaN(date.getTime())
    ? new Intl.DateTimeFormat("en-US", { month: "short", year: "numeric" }).format(date)
    : "";
};

/** "Mar 2021 – present" from a role's dates, or "" when unknown. */
function period(role) {
  const start = monthYear(role.start);
  const end = role.current ? "present" : monthYear(role.end);
  return start || end ? `${start || "?"} – ${end || "?"}` : "";
}
