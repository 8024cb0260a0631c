// The shell: page registry, hash router, role-aware navigation, sign-out, and the page frame (heading, message
// region, content). Page modules (pages/*.js) call register() when index.html loads them; the router starts once
// every module has run (DOMContentLoaded).

import { api, session } from "./api.js";
import { h, keyboardScrollables, loading, mount, showError } from "./dom.js";

export const ROLES = ["candidate", "recruiter", "admin"];
const APP_NAME = "Hiring console";
const routes = [];

/** Add a page. route = {
 *    path:   "/candidate/matches/:id"   (":name" segments become ctx.params.name),
 *    role:   "candidate" | "recruiter" | "admin" | "any" (any signed-in user) | "public" (signed out too),
 *    label:  "Matches"   (optional: shown in the navigation of that role; leave it out for detail pages),
 *    order:  10          (optional: position in the navigation, smaller first),
 *    title:  "Your matches" or (ctx) => string   (the page's h1; defaults to label),
 *    render: async (ctx) => Node | Node[]        (the page content under the heading),
 *  }. ctx = {params, query (URLSearchParams), me (the caller or null), path, navigate, refresh}. */
export function register(route) {
  if (!route.path || !route.path.startsWith("/") || typeof route.render !== "function") {
    throw new Error(`a route needs a path starting with / and a render function: ${JSON.stringify(route.path)}`);
  }
  if (![...ROLES, "any", "public"].includes(route.role)) throw new Error(`unknown role for ${route.path}`);
  if (routes.some((r) => r.path === route.path)) throw new Error(`route ${route.path} is registered twice`);
  const names = [];
  const pattern = route.path.replace(/:([a-z_]+)/gi, (_, name) => {
    names.push(name);
    return "([^/]+)";
  });
  routes.push({ order: 100, ...route, names, regex: new RegExp(`^${pattern}/?$`) });
}

/** Every registered route (read-only copies), e.g. for a page that lists links. */
export function registeredRoutes() {
  return routes.map(({ regex, names, ...route }) => route);
}

/** Go to a console path: navigate("/candidate/matches", {page: 2}). */
export function navigate(path, query = null) {
  const text = query ? new URLSearchParams(query).toString() : "";
  const hash = `#${path}${text ? `?${text}` : ""}`;
  if (location.hash === hash) route();
  else location.hash = hash;
}

/** The href of a console path, for links: h("a", {href: link("/admin/audit")}, "Audit log"). */
export function link(path) {
  return `#${path}`;
}

/** The home path of a role. */
export function homeOf(role) {
  return `/${role}`;
}

function parseHash() {
  const raw = decodeURIComponent(location.hash.replace(/^#/, "")) || "/";
  const [path, query = ""] = raw.split("?");
  return { path: path || "/", query: new URLSearchParams(query), raw };
}

function match(path) {
  for (const candidate of routes) {
    const found = candidate.regex.exec(path);
    if (found) {
      const params = {};
      candidate.names.forEach((name, i) => {
        params[name] = decodeURIComponent(found[i + 1]);
      });
      return { route: candidate, params };
    }
  }
  return null;
}

// --- the frame ---------------------------------------------------------------------------------------------

const frame = {};

function buildFrame() {
  const root = document.getElementById("app");
  frame.nav = h("ul", { id: "nav-links", class: "nav-links" });
  frame.toggle = h(
    "button",
    { type: "button", class: "nav-toggle", "aria-expanded": "false", "aria-controls": "nav-links" },
    "Menu",
  );
  frame.toggle.addEventListener("click", () => {
    const open = frame.toggle.getAttribute("aria-expanded") !== "true";
    frame.toggle.setAttribute("aria-expanded", String(open));
    frame.nav.classList.toggle("open", open);
  });
  frame.heading = h("h1", { id: "page-title", tabindex: "-1" }, APP_NAME);
  frame.content = h("div", { id: "content" });
  const skip = h("a", { class: "skip-link", href: "#main" }, "Skip to content");
  skip.addEventListener("click", (event) => {
    event.preventDefault();
    frame.heading.focus();
  });
  mount(
    root,
    skip,
    h(
      "header",
      { class: "site-header" },
      h("a", { class: "brand", href: "#/" }, APP_NAME),
      h("nav", { "aria-label": "Main" }, frame.toggle, frame.nav),
    ),
    h(
      "main",
      { id: "main" },
      frame.heading,
      h("div", { id: "messages", class: "messages", "aria-live": "polite" }),
      frame.content,
    ),
    h("footer", { class: "site-footer" }, h("a", { href: "/docs" }, "API documentation")),
  );
  keyboardScrollables(frame.content);
}

function renderNav(me, current) {
  const items = [];
  const linkItem = (path, label) =>
    h("li", {}, h("a", { href: link(path), "aria-current": path === current ? "page" : null }, label));
  if (me) {
    routes
      .filter((r) => r.label && (r.role === me.role || r.role === "any"))
      .sort((a, b) => a.order - b.order)
      .forEach((r) => items.push(linkItem(r.path, r.label)));
    const out = h("button", { type: "button", class: "link-button" }, "Sign out");
    out.addEventListener("click", signOut);
    items.push(h("li", { class: "who" }, h("span", {}, `${me.email} (${me.role})`)), h("li", {}, out));
  } else {
    routes
      .filter((r) => r.label && r.role === "public")
      .sort((a, b) => a.order - b.order)
      .forEach((r) => items.push(linkItem(r.path, r.label)));
  }
  mount(frame.nav, items);
  frame.toggle.setAttribute("aria-expanded", "false");
  frame.nav.classList.remove("open");
}

export async function signOut() {
  await api.logout();
  navigate("/signin");
}

// --- the router --------------------------------------------------------------------------------------------

let generation = 0;
let shown = 0; // the first page of a visit keeps focus at the top, so Tab reaches the skip link first

async function route() {
  const mine = ++generation;
  const { path, query, raw } = parseHash();
  document.getElementById("messages")?.replaceChildren();
  let me = null;
  if (session.active()) {
    try {
      me = await api.me();
    } catch {
      me = null; // a failed refresh already ended the session
    }
  }
  if (mine !== generation) return;
  if (path === "/") {
    navigate(me ? homeOf(me.role) : "/signin");
    return;
  }
  const found = match(path);
  renderNav(me, found ? found.route.path : path);
  if (!found) {
    return show(mine, "Page not found", () => [
      h("p", {}, "There is no page at this address."),
      h("a", { href: "#/" }, "Go to your home page"),
    ]);
  }
  const { route: page, params } = found;
  if (page.role !== "public" && !me) {
    navigate("/signin", { next: raw });
    return;
  }
  if (me && page.role !== "public" && page.role !== "any" && page.role !== me.role) {
    return show(mine, "Not available", () => [
      h("p", {}, `This page is for the ${page.role} role; you are signed in as ${me.role}.`),
      h("a", { href: link(homeOf(me.role)) }, "Go to your home page"),
    ]);
  }
  const ctx = { params, query, me, path, navigate, refresh: route };
  const title = typeof page.title === "function" ? page.title(ctx) : page.title || page.label || APP_NAME;
  return show(mine, title, () => page.render(ctx));
}

async function show(mine, title, render) {
  document.title = `${title} · ${APP_NAME}`;
  mount(frame.heading, title);
  mount(frame.content, loading());
  if (shown++ > 0) frame.heading.focus();
  let content;
  try {
    content = await render();
  } catch (error) {
    if (mine !== generation) return;
    mount(frame.content);
    showError(error);
    return;
  }
  if (mine !== generation) return;
  mount(frame.content, content);
}

function start() {
  buildFrame();
  session.onSignedOut(() => {
    const { raw } = parseHash();
    navigate("/signin", raw.startsWith("/signin") ? null : { next: raw, expired: "1" });
  });
  window.addEventListener("hashchange", route);
  route();
}

// Module scripts run before DOMContentLoaded, in document order: by then every page module has registered.
if (document.readyState === "complete") start();
else document.addEventListener("DOMContentLoaded", start);
