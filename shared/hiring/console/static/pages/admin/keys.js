// Scraper API keys: create one (its secret shown once, with a copy button), list them, revoke one.

import { api } from "../../api.js";
import { register } from "../../app.js";
import { empty, field, form, h, mount, showError, showNotice } from "../../dom.js";
import { confirmButton, num, table, when } from "./common.js";

async function copy(input, status) {
  input.select();
  try {
    await navigator.clipboard.writeText(input.value);
    status.textContent = "Copied to the clipboard.";
  } catch {
    status.textContent = "Your browser did not allow copying: the key is selected, press Ctrl+C (⌘C on a Mac).";
  }
}

/** The new key, once: a read-only field with a copy button and the warning that it will not be shown again. */
function secretPanel(created) {
  const input = h("input", { id: "new-api-key", type: "text", readonly: true, value: created.key, spellcheck: "false" });
  const status = h("p", { class: "hint", role: "status" });
  const button = h("button", { type: "button", class: "primary" }, "Copy key");
  button.addEventListener("click", () => copy(input, status));
  const panel = h(
    "section",
    { class: "adm-secret", "aria-labelledby": "new-key-title" },
    h("h2", { id: "new-key-title" }, `Key “${created.name}” created`),
    h(
      "p",
      { class: "adm-warning" },
      h("strong", {}, "Copy it now: you will not see this key again."),
      " Only a hash is stored; if it is lost, revoke it and create another.",
    ),
    h("div", { class: "field" }, h("label", { for: "new-api-key" }, "Your new API key"), h("div", { class: "adm-copy-row" }, input, button)),
    status,
    h("p", { class: "hint" }, "Bots send it in the X-Scraper-API-Key header."),
  );
  return panel;
}

function keyTable(keys, reload) {
  if (!keys.length) return empty("No API keys yet. Create one above for each scraper bot.");
  return table(
    "Scraper API keys",
    [
      { label: "Name", cell: (k) => k.name },
      { label: "Prefix", cell: (k) => h("code", {}, k.prefix) },
      { label: "Requests per minute", cell: (k) => num(k.rate_limit_per_minute) },
      { label: "Created", cell: (k) => when(k.created_at) },
      { label: "Last used", cell: (k) => (k.last_used_at ? when(k.last_used_at) : "Never") },
      {
        label: "Status",
        cell: (k) => (k.revoked_at ? h("span", { class: "adm-badge adm-off" }, `Revoked ${when(k.revoked_at)}`) : h("span", { class: "adm-badge adm-on" }, "Active")),
      },
      {
        label: "Action",
        cell: (k) =>
          k.revoked_at
            ? "—"
            : confirmButton({
                label: `Revoke ${k.name}`,
                question: `Revoke “${k.name}”? Bots using it are refused at once.`,
                confirm: "Yes, revoke",
                action: async () => {
                  try {
                    await api.post(`/api/admin/api-keys/${k.id}/revoke`, {});
                    await reload();
                    showNotice(`Key “${k.name}” revoked.`);
                  } catch (error) {
                    showError(error);
                  }
                },
              }),
      },
    ],
    keys,
    { id: "api-keys" },
  );
}

register({
  path: "/admin/keys",
  role: "admin",
  label: "API keys",
  order: 30,
  title: "Scraper API keys",
  render: async () => {
    const secret = h("div", { id: "new-key" });
    const list = h("div", { id: "key-list" });
    const reload = async () => mount(list, keyTable(await api.get("/api/admin/api-keys"), reload));
    await reload();
    const create = form({
      label: "Create an API key",
      submit: "Create key",
      fields: [
        field({ label: "Name", name: "name", hint: "What the key is for, e.g. the bot's host.", required: true, maxlength: 100 }),
        field({
          label: "Requests per minute",
          name: "rate_limit_per_minute",
          type: "number",
          min: 1,
          max: 6000,
          value: "60",
          hint: "The bot is refused (429) above this rate.",
        }),
      ],
      action: async (v, el) => {
        const rate = Number(v.rate_limit_per_minute || 60);
        const created = await api.post("/api/admin/api-keys", { name: v.name.trim(), rate_limit_per_minute: rate });
        mount(secret, secretPanel(created));
        el.reset();
        el.querySelector('[name="rate_limit_per_minute"]').value = "60";
        await reload();
        showNotice(`Key “${created.name}” created. Copy it now: it is shown only once.`);
        secret.querySelector("#new-api-key").focus();
      },
    });
    return [
      h("p", {}, "Scraper bots authenticate with a key; each key has its own rate limit and can be revoked at any time."),
      create,
      secret,
      h("h2", {}, "Keys"),
      list,
    ];
  },
});
