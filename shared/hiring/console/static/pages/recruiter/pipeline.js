// A job's pipeline board: one column per status, a card per applicant. A card moves by dragging it onto another
// column, or with its own "Move to" select and button (the keyboard way); several move at once with their
// checkboxes (POST /api/applications/bulk-status, one outcome per card). The API decides which moves are allowed:
// a refused move shows its message, which names the allowed ones. Rejecting asks for the reason first.

import { api } from "../../api.js";
import { link, register } from "../../app.js";
import { empty, field, h, mount, showError, showNotice } from "../../dom.js";
import {
  askDialog,
  formatNumber,
  gradeBadge,
  jobTabs,
  moveApplication,
  nextStage,
  STAFF_TARGETS,
  stageLabel,
  STATUSES,
} from "./common.js";

register({
  path: "/recruiter/jobs/:id/pipeline",
  role: "recruiter",
  title: "Pipeline",
  render: async (ctx) => {
    const jobId = ctx.params.id;
    const job = await api.get(`/api/jobs/${jobId}`);
    document.getElementById("page-title").textContent = `Pipeline: ${job.title}`;
    const board = h("div", { class: "board", id: "board" });
    const outcomes = h("div", { class: "outcomes", id: "bulk-outcomes", "aria-live": "polite" });
    const state = { jobId, board, outcomes, selected: new Set(), people: new Map() };
    const bulk = bulkBar(state);
    await load(state);
    return [
      jobTabs(jobId, "/pipeline"),
      h(
        "p",
        { class: "muted" },
        "Drag a card onto another column, or use its Move to list. Tick several cards to move them together.",
      ),
      bulk,
      outcomes,
      board,
    ];
  },
});

async function load(state) {
  const applicants = await api.get(`/api/jobs/${state.jobId}/applicants`, { query: { limit: 200 } });
  state.people = new Map(applicants.map((a) => [a.application_id, a]));
  for (const id of [...state.selected]) if (!state.people.has(id)) state.selected.delete(id);
  if (!applicants.length) {
    mount(
      state.board,
      empty("No one has applied yet.", h("a", { href: link(`/recruiter/jobs/${state.jobId}/matches`) }, "Find candidates among the matches")),
    );
    return;
  }
  mount(state.board, STATUSES.map((status) => column(state, status, applicants.filter((a) => a.status === status))));
  updateBulk(state);
}

function nameOf(person) {
  return person.candidate.name || person.candidate.email || "Unnamed candidate";
}

function column(state, status, people) {
  const headingId = `col-${status}`;
  const list = h("ul", { class: "cards" }, people.map((p) => card(state, p)));
  const col = h(
    "section",
    { class: `column column-${status}`, "aria-labelledby": headingId, "data-status": status },
    h("h2", { id: headingId }, `${stageLabel(status)} `, h("span", { class: "count" }, `(${people.length})`)),
    people.length ? list : h("p", { class: "muted column-empty" }, "No one here."),
  );
  col.addEventListener("dragover", (event) => {
    if (!event.dataTransfer.types.includes("text/x-application")) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    col.classList.add("drop-target");
  });
  col.addEventListener("dragleave", (event) => {
    if (!col.contains(event.relatedTarget)) col.classList.remove("drop-target");
  });
  col.addEventListener("drop", async (event) => {
    event.preventDefault();
    col.classList.remove("drop-target");
    const id = event.dataTransfer.getData("text/x-application");
    const person = state.people.get(id);
    if (!person || person.status === status) return;
    await move(state, person, status);
  });
  return col;
}

function card(state, person) {
  const id = person.application_id;
  const who = nameOf(person);
  const check = h("input", { type: "checkbox", id: `pick-${id}`, checked: state.selected.has(id) });
  check.addEventListener("change", () => {
    if (check.checked) state.selected.add(id);
    else state.selected.delete(id);
    updateBulk(state);
  });
  const targets = STAFF_TARGETS.filter((s) => s !== person.status);
  const select = h(
    "select",
    { id: `to-${id}`, "aria-label": `Move ${who} to` },
    targets.map((s) => h("option", { value: s }, stageLabel(s))),
  );
  const suggested = nextStage(person.status);
  if (suggested) select.value = suggested;
  const go = h("button", { type: "button", "aria-label": `Move ${who}` }, "Move");
  go.addEventListener("click", () => move(state, person, select.value));
  const closed = ["hired", "rejected", "withdrawn"].includes(person.status);
  const el = h(
    "li",
    { class: "card", draggable: closed ? "false" : "true", "data-application-id": id, "aria-label": who },
    h(
      "div",
      { class: "card-head" },
      check,
      h("label", { for: `pick-${id}`, class: "visually-hidden" }, `Select ${who}`),
      h("a", { href: link(`/recruiter/applications/${id}`), class: "card-name" }, who),
    ),
    h(
      "p",
      { class: "card-meta" },
      gradeBadge(person.grade),
      person.score === null ? " manual review" : ` ${formatNumber(person.score)}`,
      person.years_experience !== null ? ` · ${formatNumber(person.years_experience)} yrs` : "",
    ),
    closed ? null : h("div", { class: "card-move" }, h("label", { for: `to-${id}`, class: "visually-hidden" }, `Move ${who} to`), select, go),
  );
  el.addEventListener("dragstart", (event) => {
    event.dataTransfer.setData("text/x-application", id);
    event.dataTransfer.effectAllowed = "move";
    el.classList.add("dragging");
  });
  el.addEventListener("dragend", () => el.classList.remove("dragging"));
  return el;
}

async function move(state, person, status) {
  const who = nameOf(person);
  try {
    const moved = await moveApplication(person.application_id, status, who);
    if (!moved) return;
    mount(state.outcomes);
    await load(state);
    showNotice(`${who} moved to ${stageLabel(moved.status)}.`);
    document.getElementById(`to-${person.application_id}`)?.focus();
  } catch (error) {
    showError(error);
  }
}

function bulkBar(state) {
  const count = h("span", { id: "bulk-count" }, "No card selected.");
  const select = h("select", { id: "bulk-to" }, STAFF_TARGETS.map((s) => h("option", { value: s }, stageLabel(s))));
  const go = h("button", { type: "button", class: "primary", disabled: true }, "Move selected");
  go.addEventListener("click", () => bulkMove(state, select.value));
  state.bulkCount = count;
  state.bulkButton = go;
  return h(
    "div",
    { class: "bulk-bar", role: "group", "aria-label": "Move selected cards" },
    count,
    h("label", { for: "bulk-to" }, "Move selected to"),
    select,
    go,
  );
}

function updateBulk(state) {
  if (!state.bulkCount) return;
  const n = state.selected.size;
  state.bulkCount.textContent = n ? `${n} selected.` : "No card selected.";
  state.bulkButton.disabled = n === 0;
}

async function bulkMove(state, status) {
  const ids = [...state.selected];
  if (!ids.length) return;
  const send = (reason) => api.post("/api/applications/bulk-status", { application_ids: ids, status, reason });
  let result;
  try {
    if (status === "rejected") {
      result = await askDialog({
        title: `Reject ${ids.length} ${ids.length === 1 ? "applicant" : "applicants"}`,
        text: "Each candidate sees this reason, with feedback drawn from the gaps of their own match.",
        fields: [field({ label: "Reason", name: "reason", type: "textarea", rows: 3, required: true })],
        confirm: "Reject",
        danger: true,
        action: (v) => send(v.reason.trim()),
      });
      if (!result) return;
    } else {
      result = await send(null);
    }
  } catch (error) {
    showError(error);
    return;
  }
  const people = new Map(state.people);
  state.selected.clear();
  await load(state);
  showNotice(`${result.changed} of ${ids.length} moved to ${stageLabel(status)}.`);
  mount(
    state.outcomes,
    h("h2", {}, "Outcome per card"),
    h(
      "ul",
      { class: "outcome-list" },
      result.results.map((r) => {
        const person = people.get(r.application_id);
        const who = person ? nameOf(person) : r.application_id;
        const text =
          r.outcome === "changed"
            ? `moved to ${stageLabel(r.status)}`
            : r.outcome === "unchanged"
              ? `already in ${stageLabel(r.status)}`
              : r.outcome === "not_found"
                ? "not found"
                : `not moved: ${r.message}`;
        return h("li", { class: `outcome outcome-${r.outcome}`, "data-application-id": r.application_id }, h("strong", {}, `${who}: `), text);
      }),
    ),
  );
}
