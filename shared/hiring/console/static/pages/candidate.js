// The candidate's pages. This module holds a minimal home for now; the candidate pages replace it.

import { api } from "../api.js";
import { link, register } from "../app.js";
import { field, form, h, showNotice } from "../dom.js";

register({
  path: "/candidate",
  role: "candidate",
  label: "Home",
  order: 0,
  title: "Your home",
  render: async (ctx) => {
    const roles = await api.get("/api/me/roles");
    return [
      h("p", { class: "signed-in" }, `Signed in as ${ctx.me.email} (candidate).`),
      h("ul", {}, h("li", {}, h("a", { href: link("/account") }, "Your account"))),
      h("h2", {}, "Roles you want"),
      form({
        label: "Desired roles",
        submit: "Save roles",
        fields: [
          field({
            label: "Desired roles",
            name: "titles",
            hint: "Job titles separated by commas, e.g. Data Engineer, Backend Engineer.",
            value: roles.roles.map((r) => r.title).join(", "),
          }),
        ],
        action: async (v) => {
          const titles = v.titles.split(",").map((t) => t.trim()).filter(Boolean);
          const saved = await api.put("/api/me/roles", { titles });
          showNotice(`Saved ${saved.roles.length} role${saved.roles.length === 1 ? "" : "s"}.`);
        },
      }),
    ];
  },
});
