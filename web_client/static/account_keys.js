/**
 * "Your own LLM key" on the account page (docs/CONTRACTS.md, "Bring-your-own LLM key").
 *
 * The key a person types is sent once (PUT) and the input is cleared right after; this page
 * never receives a key back, only its masked `hint`, and never puts a key anywhere but the
 * request body.
 */

import { deleteKey, listKeys, saveKey } from "./api.js";
import { byId, el, setAlert } from "./dom.js";
import { formatDate } from "./format.js";

const PROVIDER_LABELS = {
  openai: "OpenAI",
  gemini: "Google Gemini",
  anthropic: "Anthropic",
  openai_compatible: "OpenAI-compatible server",
};

const providerLabel = (provider) => PROVIDER_LABELS[provider] ?? provider;

export class KeysSection {
  constructor() {
    this.form = byId("key-form");
    this.list = byId("key-list");
    this.status = byId("keys-status");
    this.provider = byId("key-provider");
    this.apiKey = byId("key-api-key");
    this.baseUrl = byId("key-base-url");
    this.model = byId("key-model");
    this.error = byId("key-error");
    this.save = byId("save-key");
    /** @type {Map<string, object>} provider -> KeyOut */
    this.saved = new Map();
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submit();
    });
    this.provider.addEventListener("change", () => this.fillFromSaved());
  }

  async reload() {
    try {
      const keys = await listKeys();
      this.saved = new Map((Array.isArray(keys) ? keys : []).map((key) => [key.provider, key]));
      this.render();
      this.fillFromSaved();
    } catch (error) {
      this.status.textContent = `Your keys could not be loaded: ${error.message}`;
    }
  }

  render() {
    const keys = [...this.saved.values()];
    this.list.replaceChildren(...keys.map((key) => this.renderKey(key)));
    this.status.textContent = keys.length ? "" : "No key saved: the interviewer uses Mockline's own model.";
  }

  renderKey(key) {
    const label = providerLabel(key.provider);
    const saved = `saved ${formatDate(key.updated_at ?? key.created_at)}`;
    const meta = [key.model, key.base_url, saved].filter(Boolean).join(" · ");
    const remove = el(
      "button",
      { className: "button button-small button-quiet", type: "button", "aria-label": `Remove ${label} key` },
      "Remove",
    );
    remove.addEventListener("click", () => this.remove(key.provider, remove));
    return el(
      "li",
      { className: "item-row key-item", dataset: { provider: key.provider } },
      el(
        "div",
        { className: "item-main" },
        el("p", { className: "item-title" }, label, " ", el("code", { className: "key-hint" }, key.hint)),
        el("p", { className: "item-meta" }, meta),
      ),
      el("div", { className: "item-actions" }, remove),
    );
  }

  /** Choosing a provider that has a key shows what saving would replace, and its settings. */
  fillFromSaved() {
    const key = this.saved.get(this.provider.value);
    this.baseUrl.value = key?.base_url ?? "";
    this.model.value = key?.model ?? "";
    byId("key-replace-hint").textContent = key
      ? `Saving replaces your ${providerLabel(key.provider)} key ending ${key.hint}.`
      : "";
  }

  problem(provider, body) {
    if (!body.api_key) return "Paste your API key.";
    if (provider === "openai_compatible" && !body.base_url) {
      return "Enter the base URL of your OpenAI-compatible server, like https://llm.example.com/v1.";
    }
    return "";
  }

  async submit() {
    const provider = this.provider.value;
    const body = { api_key: this.apiKey.value.trim() };
    if (this.baseUrl.value.trim()) body.base_url = this.baseUrl.value.trim();
    if (this.model.value.trim()) body.model = this.model.value.trim();
    const problem = this.problem(provider, body);
    setAlert(this.error, problem);
    if (problem) {
      (body.api_key ? this.baseUrl : this.apiKey).focus();
      return;
    }
    this.save.disabled = true;
    try {
      const saved = await saveKey(provider, body);
      this.apiKey.value = "";
      this.saved.set(saved.provider, saved);
      this.render();
      this.fillFromSaved();
      this.status.textContent = `Saved your ${providerLabel(saved.provider)} key ending ${saved.hint}.`;
    } catch (error) {
      setAlert(this.error, `The key was not saved: ${error.message}`);
    } finally {
      this.save.disabled = false;
    }
  }

  async remove(provider, button) {
    button.disabled = true;
    try {
      await deleteKey(provider).catch((error) => {
        if (error.status !== 404) throw error;
      });
      this.saved.delete(provider);
      this.render();
      this.fillFromSaved();
      this.status.textContent = `Removed your ${providerLabel(provider)} key.`;
    } catch (error) {
      button.disabled = false;
      this.status.textContent = `The key was not removed: ${error.message}`;
    }
  }
}
