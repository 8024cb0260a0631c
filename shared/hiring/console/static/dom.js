// The console's one DOM helper: build elements, forms whose fields show their own problems, and the shared
// loading, empty and error states. No framework: every page is plain functions returning elements.

/** h("p", {class: "note", onclick: fn}, "text", child, [more]) -> an element. Attributes set to null, undefined
 *  or false are left out, true sets an empty attribute, on* functions become event listeners. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === "value" && "value" in el) {
      el.value = value;
    } else {
      el.setAttribute(key, value === true ? "" : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replace everything inside `el` with `children`. */
export function mount(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let fieldCount = 0;

/** A labelled input with a hint and a slot for its own error: field({label, name, type, required, ...attrs}).
 *  Use type "textarea" or "select" (with options: [[value, text], ...]) for those elements. */
export function field({ label, name, type = "text", hint, options, ...attrs }) {
  const id = `f-${name}-${++fieldCount}`;
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ");
  let control;
  if (type === "textarea") {
    control = h("textarea", { id, name, "aria-describedby": describedBy, ...attrs });
  } else if (type === "select") {
    control = h(
      "select",
      { id, name, "aria-describedby": describedBy, ...attrs },
      (options || []).map(([value, text]) => h("option", { value }, text)),
    );
  } else {
    control = h("input", { id, name, type, "aria-describedby": describedBy, ...attrs });
  }
  return h(
    "div",
    { class: "field", "data-field": name },
    h("label", { for: id }, label),
    hint ? h("p", { class: "hint", id: hintId }, hint) : null,
    control,
    h("p", { class: "field-error", id: errorId, hidden: true }),
  );
}

/** The values of a form's named controls as an object of strings (checkboxes as booleans). */
export function formValues(form) {
  const values = {};
  for (const el of form.elements) {
    if (!el.name) continue;
    values[el.name] = el.type === "checkbox" ? el.checked : el.value;
  }
  return values;
}

/** A spinner-free loading state, announced politely to screen readers. */
export function loading(text = "Loading…") {
  return h("p", { class: "loading", role: "status" }, text);
}

/** An empty state: what is missing and, optionally, a link or button to fix it. */
export function empty(text, action = null) {
  return h("div", { class: "empty" }, h("p", {}, text), action);
}

/** Clear the problems `showError` put on a form and in the message region. */
export function clearErrors(form = null) {
  const region = document.getElementById("messages");
  if (region) region.replaceChildren();
  if (!form) return;
  for (const slot of form.querySelectorAll(".field-error")) {
    slot.hidden = true;
    slot.textContent = "";
  }
  for (const control of form.querySelectorAll("[aria-invalid]")) control.removeAttribute("aria-invalid");
}

/** The problems of an error envelope, each {field, message}: details.problems, or details.field (one problem). */
export function problemsOf(error) {
  const details = (error && error.details) || {};
  if (Array.isArray(details.problems)) return details.problems.map((p) => ({ field: p.field, message: p.message }));
  if (details.field) return [{ field: details.field, message: error.message }];
  return [];
}

/** Render an error (an ApiError from api.js, or any Error) in the aria-live message region, and each problem
 *  that names a field of `form` next to its input. Returns the element shown in the region. */
export function showError(error, form = null) {
  clearErrors(form);
  const region = document.getElementById("messages");
  const placed = [];
  for (const problem of problemsOf(error)) {
    const name = String(problem.field || "").split(".").pop();
    const holder = form && name ? form.querySelector(`[data-field="${CSS.escape(name)}"]`) : null;
    if (!holder) continue;
    const slot = holder.querySelector(".field-error");
    slot.textContent = problem.message;
    slot.hidden = false;
    holder.querySelector("input, textarea, select")?.setAttribute("aria-invalid", "true");
    placed.push(name);
  }
  const text = (error && error.message) || "Something went wrong.";
  const code = error && error.code ? ` (${error.code})` : "";
  const box = h("div", { class: "alert error", role: "alert" }, h("p", {}, text + code));
  if (region) region.replaceChildren(box);
  if (form && placed.length) form.querySelector(`[data-field="${CSS.escape(placed[0])}"] [aria-invalid]`)?.focus();
  return box;
}

/** A success note in the message region. */
export function showNotice(text) {
  const region = document.getElementById("messages");
  const box = h("div", { class: "alert notice" }, h("p", {}, text));
  if (region) region.replaceChildren(box);
  return box;
}

/** A form whose submit runs `action(values, form)` with the button disabled; errors render next to the fields. */
export function form({ label, submit, action, fields }) {
  const button = h("button", { type: "submit", class: "primary" }, submit);
  const el = h("form", { "aria-label": label, novalidate: true }, fields, h("div", { class: "actions" }, button));
  el.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors(el);
    button.disabled = true;
    try {
      await action(formValues(el), el);
    } catch (error) {
      showError(error, el);
    } finally {
      button.disabled = false;
    }
  });
  return el;
}

/** A table wider than the screen scrolls inside its .table-wrap; a keyboard user must reach that scroll too (WCAG
 *  2.1.1, axe's scrollable-region-focusable). Watches `root`: each .table-wrap becomes a region named like its
 *  table, and is in the tab order only while it actually scrolls (checked again on resize). app.js calls it once. */
export function keyboardScrollables(root) {
  const update = () => {
    for (const wrap of root.querySelectorAll(".table-wrap")) {
      if (!wrap.hasAttribute("role")) {
        const table = wrap.querySelector("table");
        const name = table && (table.getAttribute("aria-label") || (table.caption && table.caption.textContent));
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", name || "Table");
      }
      if (wrap.scrollWidth > wrap.clientWidth) wrap.setAttribute("tabindex", "0");
      else wrap.removeAttribute("tabindex");
    }
  };
  new MutationObserver(update).observe(root, { childList: true, subtree: true });
  window.addEventListener("resize", update);
  update();
}
