// Everyone's pages: sign in, register (a candidate joins an organisation by its slug), and the account page.

import { api } from "../api.js";
import { homeOf, link, navigate, register } from "../app.js";
import { field, form, h } from "../dom.js";

function afterSignIn(me, query) {
  const next = query.get("next");
  navigate(next && next.startsWith("/") && !next.startsWith("/signin") ? next : homeOf(me.role));
}

register({
  path: "/signin",
  role: "public",
  label: "Sign in",
  order: 1,
  title: "Sign in",
  render: (ctx) => [
    ctx.query.get("expired") ? h("p", { class: "alert notice" }, "Your session has ended; sign in again.") : null,
    form({
      label: "Sign in",
      submit: "Sign in",
      fields: [
        field({ label: "Email", name: "email", type: "email", autocomplete: "username", required: true }),
        field({ label: "Password", name: "password", type: "password", autocomplete: "current-password", required: true }),
        field({
          label: "Organisation (optional)",
          name: "tenant",
          hint: "Its short name, e.g. demo; needed only when your email has accounts in several.",
          autocomplete: "organization",
        }),
      ],
      action: async (v) => afterSignIn(await api.login(v.email.trim(), v.password, v.tenant.trim() || null), ctx.query),
    }),
    h("p", {}, "New here? ", h("a", { href: link("/register") }, "Create a candidate account"), "."),
  ],
});

register({
  path: "/register",
  role: "public",
  label: "Register",
  order: 2,
  title: "Create a candidate account",
  render: (ctx) => [
    form({
      label: "Register",
      submit: "Create account",
      fields: [
        field({
          label: "Organisation",
          name: "tenant",
          hint: "The short name your organisation gave you, e.g. demo.",
          autocomplete: "organization",
          required: true,
        }),
        field({ label: "Full name", name: "full_name", autocomplete: "name" }),
        field({ label: "Email", name: "email", type: "email", autocomplete: "email", required: true }),
        field({
          label: "Password",
          name: "password",
          type: "password",
          autocomplete: "new-password",
          hint: "A long passphrase of unrelated words is strongest.",
          required: true,
        }),
      ],
      action: async (v) => {
        const tenant = v.tenant.trim();
        const email = v.email.trim();
        await api.post(
          "/api/auth/register",
          { tenant, email, password: v.password, full_name: v.full_name.trim() || null },
          { auth: false },
        );
        afterSignIn(await api.login(email, v.password, tenant), ctx.query);
      },
    }),
    h("p", {}, "Have an account? ", h("a", { href: link("/signin") }, "Sign in"), "."),
  ],
});

register({
  path: "/account",
  role: "any",
  label: "Account",
  order: 90,
  title: "Your account",
  render: async () => {
    const me = await api.me(true);
    return h(
      "dl",
      { class: "facts" },
      h("dt", {}, "Email"),
      h("dd", { id: "account-email" }, me.email),
      h("dt", {}, "Role"),
      h("dd", {}, me.role),
      h("dt", {}, "User id"),
      h("dd", {}, h("code", {}, me.user_id)),
      h("dt", {}, "Organisation id"),
      h("dd", {}, h("code", {}, me.tenant_id)),
    );
  },
});
