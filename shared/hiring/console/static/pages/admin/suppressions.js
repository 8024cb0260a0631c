// The sourcing suppression list (issue 14): everyone who opted out of outreach, and anyone an admin added, by a
// keyed hash of their email, profile address or GitHub login (the value itself is never stored, so the list shows
// the hash). No sourcing run drafts to or takes the profile of a person on it. Admins only, as the API allows:
// GET/POST /api/admin/sourcing-suppressions.

import { api } from "../../api.js";
import { register } from "../../app.js";
import { empty, field, form, h, mount, showNotice } from "../../dom.js";
import { table, when } from "./common.js";

const KINDS = [
  ["email", "Email"],
  ["profile_url", "Profile address"],
  ["github_login", "GitHub login"],
];
const REASONS = { opted_out: "Opted out of outreach", admin: "Added by an admin" };
const kindText = (kind) => (KINDS.find(([k]) => k === kind) || [kind, kind])[1];

function listTable(rows, me, emails) {
  const by = (r) => (!r.created_by ? "—" : r.created_by === me.user_id ? "you" : emails.get(r.created_by) || r.created_by);
  if (!rows.length) return empty("Nobody is on the suppression list: people who opt out of outreach are added here.");
  return table(
    "The suppression list, newest first",
    [
      { label: "Kind", cell: (r) => kindText(r.kind) },
      { label: "Key (keyed hash)", cell: (r) => h("code", { class: "adm-digest" }, r.digest), class: "adm-digest-cell" },
      { label: "Why", cell: (r) => REASONS[r.reason] || r.reason },
      { label: "By", cell: by },
      { label: "Added", cell: (r) => when(r.created_at) },
    ],
    rows,
    { id: "suppressions" },
  );
}

register({
  path: "/admin/suppressions",
  role: "admin",
  label: "Suppression list",
  order: 55,
  title: "Sourcing suppression list",
  render: async (ctx) => {
    const list = h("div", { id: "suppression-list" });
    const reload = async () => {
      const [rows, users] = await Promise.all([api.get("/api/admin/sourcing-suppressions"), api.get("/api/users", { query: { limit: 500 } })]);
      const emails = new Map(users.map((u) => [u.id, u.email])); // who added a row, by their address
      mount(list, h("p", { class: "adm-summary" }, `${rows.length} ${rows.length === 1 ? "entry" : "entries"}.`), listTable(rows, ctx.me, emails));
    };
    await reload();
    const add = form({
      label: "Add to the suppression list",
      submit: "Add",
      fields: [
        field({ label: "Kind", name: "kind", type: "select", options: KINDS }),
        field({ label: "Value", name: "value", required: true, maxlength: 500, autocomplete: "off", hint: "The email, profile address or GitHub login; only its keyed hash is kept." }),
      ],
      action: async (v, el) => {
        const added = await api.post("/api/admin/sourcing-suppressions", { kind: v.kind, value: v.value.trim() });
        el.querySelector('[name="value"]').value = "";
        await reload();
        showNotice(added.added ? `${kindText(added.kind)} added: no sourcing run contacts this person again.` : `${kindText(added.kind)} was already on the list.`);
      },
    });
    return [
      h("p", {}, "People who opted out of sourcing outreach, and anyone you add, are never drafted to again and their profiles are not taken by any run. Values are kept only as keyed hashes, so the list shows hashes, not addresses."),
      add,
      h("h2", {}, "On the list"),
      list,
    ];
  },
});
