// The admin's pages. This module holds a minimal home for now; the admin pages replace it.

import { link, register } from "../app.js";
import { h } from "../dom.js";

register({
  path: "/admin",
  role: "admin",
  label: "Home",
  order: 0,
  title: "Your home",
  render: (ctx) => [
    h("p", { class: "signed-in" }, `Signed in as ${ctx.me.email} (admin).`),
    h(
      "ul",
      {},
      h("li", {}, h("a", { href: link("/account") }, "Your account")),
      h("li", {}, h("a", { href: "/docs" }, "API documentation")),
    ),
  ],
});
