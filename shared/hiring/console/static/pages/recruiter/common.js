// What the recruiter's pages share: stage names, grade and score badges, dates, the modal dialog (labelled, focus
// kept inside, Escape closes) and moving an application, which asks for a reason before a rejection.

import { api } from "../../api.js";
import { link } from "../../app.js";
import { clearErrors, field, formValues, h, problemsOf } from "../../dom.js";

/** The open stages in order, then the two ways an application closes without a hire. */
export const STAGES = ["applied", "screening", "interview", "offer", "hired"];
export const STATUSES = [...STAGES, "rejected", "withdrawn"];
/** Where staff may send an application (a candidate withdraws their own). */
export const STAFF_TARGETS = STATUSES.filter((s) => s !== "withdrawn");
export const GRADES = ["A+", "A", "B", "C", "D", "F"];
const LABELS = {
  applied: "Applied",
  screening: "Screening",
  interview: "Interview",
  offer: "Offer",
  hired: "Hired",
  rejected: "Rejected",
  withdrawn: "Withdrawn",
};

export function stageLabel(status) {
  return LABELS[status] || status;
}

/** The stage after `status` on the happy path, or null at the end. */
export function nextStage(status) {
  const at = STAGES.indexOf(status);
  return at >= 0 && at < STAGES.length - 1 ? STAGES[at + 1] : null;
}

export function formatDate(value) {
  if (!value) return "";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleDateString("en-GB", { dateStyle: "medium" });
}

export function formatNumber(value, digits = 1) {
  if (value === null || value === undefined) return "–";
  return Number(value).toLocaleString("en-GB", { maximumFractionDigits: digits });
}

export function formatPercent(fraction) {
  if (fraction === null || fraction === undefined) return "–";
  return `${Math.round(Number(fraction) * 100)}%`;
}

/** A grade as a badge: "Grade C". */
export function gradeBadge(grade) {
  if (!grade) return h("span", { class: "grade grade-none" }, "Unranked");
  const cls = `grade grade-${grade.replace("+", "plus").toLowerCase()}`;
  return h("span", { class: cls, title: `Grade ${grade}` }, h("span", { class: "visually-hidden" }, "Grade "), grade);
}

/** A 0-100 score as a meter with its figure beside it. */
export function scoreMeter(score, label = "Score") {
  if (score === null || score === undefined) return h("span", { class: "muted" }, "manual review");
  return h(
    "span",
    { class: "score" },
    h("meter", { min: 0, max: 100, low: 40, high: 70, optimum: 100, value: score, "aria-label": `${label} ${score} of 100` }),
    h("span", { class: "score-figure" }, formatNumber(score)),
  );
}

/** A list of skills as chips; `kind` styles them (matched, missing, required, preferred). */
export function skillList(skills, kind, emptyText = "none") {
  if (!skills || !skills.length) return h("p", { class: "muted" }, emptyText);
  return h("ul", { class: `chips chips-${kind}` }, skills.map((s) => h("li", {}, s)));
}

/** The links under a job's title: its page, applicants, pipeline, funnel and matches. */
export function jobTabs(jobId, current) {
  const tabs = [
    ["", "Posting and analysis"],
    ["/applicants", "Applicants"],
    ["/pipeline", "Pipeline"],
    ["/funnel", "Funnel"],
    ["/matches", "Matches"],
  ];
  return h(
    "nav",
    { class: "job-tabs", "aria-label": "This job" },
    h(
      "ul",
      {},
      tabs.map(([suffix, text]) =>
        h(
          "li",
          {},
          h("a", { href: link(`/recruiter/jobs/${jobId}${suffix}`), "aria-current": suffix === current ? "page" : null }, text),
        ),
      ),
    ),
  );
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** A modal dialog with a form: resolves with what `action(values)` answered, or null when cancelled (Escape or
 *  the Cancel button). The dialog stays open while `action` runs; its error shows inside the dialog and next to
 *  the field it names. Focus starts on the first field, Tab cycles inside, and returns to the opener after. */
export function askDialog({ title, text, fields = [], confirm, danger = false, action }) {
  const opener = document.activeElement;
  const titleId = `dialog-title-${Math.random().toString(36).slice(2, 8)}`;
  const problem = h("p", { class: "alert error", role: "alert", hidden: true });
  const submit = h("button", { type: "submit", class: danger ? "primary danger" : "primary" }, confirm);
  const cancel = h("button", { type: "button" }, "Cancel");
  const body = h(
    "form",
    { "aria-label": title, novalidate: true },
    text ? h("p", {}, text) : null,
    fields,
    problem,
    h("div", { class: "actions" }, submit, cancel),
  );
  const dialog = h("dialog", { class: "dialog", "aria-labelledby": titleId }, h("h2", { id: titleId }, title), body);
  document.body.append(dialog);
  return new Promise((resolve) => {
    let answer = null;
    let busy = false;
    dialog.addEventListener("cancel", (event) => {
      if (busy) event.preventDefault(); // Escape waits for the answer to a request already sent
    });
    const finish = () => {
      dialog.close();
    };
    dialog.addEventListener("close", () => {
      dialog.remove();
      if (opener && opener.isConnected && typeof opener.focus === "function") opener.focus();
      resolve(answer);
    });
    dialog.addEventListener("keydown", (event) => {
      if (event.key !== "Tab") return;
      const items = [...dialog.querySelectorAll(FOCUSABLE)].filter((el) => !el.closest("[hidden]"));
      if (!items.length) return;
      const first = items[0];
      const last = items[items.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    });
    cancel.addEventListener("click", finish);
    body.addEventListener("submit", async (event) => {
      event.preventDefault();
      clearErrors(body);
      problem.hidden = true;
      const values = formValues(body);
      const missing = [...body.querySelectorAll("[required]")].find((el) => !String(el.value).trim());
      if (missing) {
        showFieldProblem(body, missing.name, "Fill this in: it is required.");
        return;
      }
      submit.disabled = true;
      busy = true;
      try {
        answer = action ? await action(values) : values;
        busy = false;
        finish();
      } catch (error) {
        problem.textContent = `${error.message || "Something went wrong."}${error.code ? ` (${error.code})` : ""}`;
        problem.hidden = false;
        for (const p of problemsOf(error)) showFieldProblem(body, String(p.field || "").split(".").pop(), p.message);
      } finally {
        busy = false;
        submit.disabled = false;
      }
    });
    dialog.showModal();
    (body.querySelector("input, textarea, select") || submit).focus();
  });
}

function showFieldProblem(formEl, name, message) {
  const holder = name ? formEl.querySelector(`[data-field="${CSS.escape(name)}"]`) : null;
  if (!holder) return;
  const slot = holder.querySelector(".field-error");
  slot.textContent = message;
  slot.hidden = false;
  const control = holder.querySelector("input, textarea, select");
  control?.setAttribute("aria-invalid", "true");
  control?.focus();
}

/** Move one application: POST /api/applications/{id}/status. A rejection first asks for the reason the candidate
 *  will see (null when the recruiter cancels). Other refusals (422 naming the allowed moves) are thrown. */
export async function moveApplication(applicationId, status, who) {
  const url = `/api/applications/${applicationId}/status`;
  if (status !== "rejected") return api.post(url, { status });
  return askDialog({
    title: `Reject ${who}`,
    text: "The candidate sees this reason, with feedback drawn from the gaps of their match.",
    fields: [
      field({
        label: "Reason",
        name: "reason",
        type: "textarea",
        required: true,
        rows: 3,
        hint: "Say what decided it, e.g. the role needs production React experience.",
      }),
    ],
    confirm: "Reject",
    danger: true,
    action: (values) => api.post(url, { status, reason: values.reason.trim() }),
  });
}
