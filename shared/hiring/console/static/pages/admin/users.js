// Users and roles: list the organisation's accounts, create one (the API's password feedback shown next to the
// field), change a role, disable or enable, delete (after a confirmation).

import { api } from "../../api.js";
import { register } from "../../app.js";
import { field, form, h, mount, showError, showNotice } from "../../dom.js";
import { confirmButton, table, when } from "./common.js";

const ROLE_OPTIONS = [
  ["candidate", "Candidate"],
  ["recruiter", "Recruiter"],
  ["admin", "Admin"],
];

async function act(work, done) {
  try {
    await work();
    await done();
  } catch (error) {
    showError(error);
  }
}

function roleControl(user, reload) {
  const id = `role-${user.id}`;
  const select = h(
    "select",
    { id, name: "role" },
    ROLE_OPTIONS.map(([value, text]) => h("option", { value, selected: value === user.role }, text)),
  );
  const save = h("button", { type: "button" }, "Change role");
  save.addEventListener("click", () =>
    act(
      async () => {
        const changed = await api.patch(`/api/users/${user.id}`, { role: select.value });
        showNotice(`${changed.email} is now ${changed.role} (was ${changed.previous_role}).`);
      },
      () => reload(false),
    ),
  );
  return h("span", { class: "adm-role-control" }, h("label", { for: id, class: "visually-hidden" }, `Role of ${user.email}`), select, " ", save);
}

function actions(user, reload) {
  const toggle = h("button", { type: "button" }, user.disabled ? `Enable ${user.email}` : `Disable ${user.email}`);
  toggle.addEventListener("click", () =>
    act(
      async () => {
        await api.post(`/api/users/${user.id}/${user.disabled ? "enable" : "disable"}`, {});
        showNotice(`${user.email} ${user.disabled ? "enabled" : "disabled: their sessions have ended"}.`);
      },
      () => reload(false),
    ),
  );
  const remove = confirmButton({
    label: `Delete ${user.email}`,
    question: `Delete ${user.email}? Their account goes; what they did stays in the audit log.`,
    confirm: "Yes, delete",
    action: () =>
      act(
        async () => {
          await api.del(`/api/users/${user.id}`);
          showNotice(`${user.email} deleted.`);
        },
        () => reload(false),
      ),
  });
  return h("span", { class: "adm-row-actions" }, toggle, " ", remove);
}

function userTable(users, me, reload) {
  return table(
    "The organisation's users",
    [
      { label: "Email", cell: (u) => [u.email, u.id === me.user_id ? h("span", { class: "hint" }, " (you)") : null] },
      { label: "Name", cell: (u) => u.full_name || "—" },
      { label: "Role", cell: (u) => (u.id === me.user_id ? u.role : roleControl(u, reload)) },
      { label: "State", cell: (u) => (u.disabled ? h("span", { class: "adm-badge adm-off" }, "Disabled") : h("span", { class: "adm-badge adm-on" }, "Active")) },
      { label: "Last sign-in", cell: (u) => (u.last_login_at ? when(u.last_login_at) : "Never") },
      { label: "Actions", cell: (u) => (u.id === me.user_id ? "—" : actions(u, reload)) },
    ],
    users,
    { id: "users" },
  );
}

register({
  path: "/admin/users",
  role: "admin",
  label: "Users",
  order: 60,
  title: "Users and roles",
  render: async (ctx) => {
    const list = h("div", { id: "user-list" });
    const reload = async (clear = true) => {
      const users = await api.get("/api/users", { query: { limit: 500 } });
      mount(list, userTable(users, ctx.me, reload));
      if (clear) document.getElementById("messages")?.replaceChildren();
    };
    await reload(false);
    const create = form({
      label: "Create a user",
      submit: "Create user",
      fields: [
        field({ label: "Email", name: "email", type: "email", autocomplete: "off", required: true }),
        field({ label: "Full name", name: "full_name", autocomplete: "off" }),
        field({
          label: "Password",
          name: "password",
          type: "password",
          autocomplete: "new-password",
          hint: "At least a few unrelated words; the API refuses common or short passwords and says why.",
          required: true,
        }),
        field({ label: "Role", name: "role", type: "select", options: ROLE_OPTIONS }),
      ],
      action: async (v, el) => {
        const email = v.email.trim();
        await api.post("/api/users", { email, password: v.password, role: v.role, full_name: v.full_name.trim() || null });
        el.reset();
        await reload(false);
        showNotice(`${email} created as ${v.role}.`);
      },
    });
    return [list, h("h2", {}, "Create a user"), create];
  },
});
