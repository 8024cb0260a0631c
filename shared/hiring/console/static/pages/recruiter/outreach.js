// Outreach to one prospect (issue 14), inside the prospect's card on the sourcing page: draft it (optionally asking
// the configured LLM to reword the evidence; the answer says whether the wording was kept or refused, and why), read
// the draft with the evidence each sentence cites, move it drafted -> sent -> replied, mark the person opted out
// (which puts them on the organisation's suppression list), and convert a prospect who replied, with their consent
// and the address they gave. Everything goes through the public API:
//   GET/POST /api/sourcing/prospects/{id}/outreach[?rephrase=true], POST .../outreach/status, POST .../convert.
// The panel loads when it is first opened, so a long list of prospects costs no request until one is looked at.

import { api } from "../../api.js";
import { clearErrors, field, formValues, h, mount, problemsOf, showError, showNotice } from "../../dom.js";
import { formatDate } from "./common.js";

export const OUTREACH_STATUS = {
  drafted: "Drafted",
  sent: "Sent",
  replied: "Replied",
  converted: "Converted",
  opted_out: "Opted out",
};
const MOVES = {
  sent: ["Mark as sent", "Marked as sent."],
  replied: ["Mark as replied", "Marked as replied."],
  opted_out: ["Mark opted out", "Marked opted out: they are on the suppression list and no run contacts them again."],
};

const path = (prospect) => `/api/sourcing/prospects/${encodeURIComponent(prospect.id)}`;

/** The draft as it reads, paragraph by paragraph. */
function letter(text, cls) {
  return h("div", { class: cls }, text.split("\n\n").map((p) => h("p", {}, p)));
}

function citations(outreach) {
  if (!outreach.citations.length) {
    return h("p", { class: "sub" }, "The draft cites no evidence: the profile gave none beyond the name.");
  }
  return h(
    "ul",
    { class: "outreach-citations" },
    outreach.citations.map((c) =>
      h("li", {}, h("q", {}, c.sentence), h("ul", {}, c.evidence.map((e) => h("li", { class: "sub" }, `Evidence: ${e}`)))),
    ),
  );
}

function rephrasingNote(outreach) {
  const r = outreach.rephrasing;
  if (!r) return null;
  const text = r.used
    ? `The LLM's wording passed the grounding check and is kept below${outreach.rephrased ? ` (${outreach.rephrased.model})` : ""}.`
    : `The LLM's wording was not used: ${r.reason || "no reason given"}. The template's draft stands.`;
  return h("p", { class: `outreach-rephrasing ${r.used ? "used" : "refused"}`, role: "status" }, text);
}

function history(outreach) {
  return h(
    "ol",
    { class: "outreach-history" },
    outreach.history.map((e) => h("li", {}, `${OUTREACH_STATUS[e.status] || e.status} · ${formatDate(e.at)}`)),
  );
}

function conversionNote(conversion) {
  if (!conversion) return null;
  const text =
    conversion.status === "linked"
      ? `Converted with their consent: linked to the candidate account of ${conversion.email}.`
      : `Converted with their consent: invited to register as a candidate with ${conversion.email} (no email is sent: tell them).`;
  return h("p", { class: "outreach-conversion", "data-conversion": conversion.status }, text);
}

/** The outreach panel of a prospect: a <details> whose content loads on first opening. */
export function outreachPanel(prospect) {
  // The list already says where the outreach stands (GET .../prospects carries outreach_status).
  const listed = prospect.outreach_status;
  const summary = h("summary", {}, listed ? `Outreach: ${(OUTREACH_STATUS[listed] || listed).toLowerCase()}` : "Outreach");
  const body = h("div", { class: "outreach-panel" });
  const panel = h("details", { class: "sourcing-outreach", "data-prospect-id": prospect.id }, summary, body);
  const local = h("p", { class: "outreach-error", hidden: true }); // the envelope's message, beside the action
  let loaded = false;

  const failed = (error, formEl = null) => {
    showError(error, formEl);
    local.textContent = `${error.message || "Something went wrong."}${error.code ? ` (${error.code})` : ""}`;
    local.hidden = false;
  };

  const show = (outreach, conversion = null) => {
    summary.textContent = outreach ? `Outreach: ${(OUTREACH_STATUS[outreach.status] || outreach.status).toLowerCase()}` : "Outreach";
    local.hidden = true;
    mount(body, outreach ? view(outreach, conversion) : [h("p", {}, "No outreach yet."), draftControls(null), local]);
  };

  const act = async (button, call) => {
    button.disabled = true;
    clearErrors();
    try {
      await call();
    } catch (error) {
      button.disabled = false;
      failed(error);
    }
  };

  function draftControls(outreach) {
    const id = `rephrase-${prospect.id}`;
    const box = h("input", { type: "checkbox", id, name: "rephrase" });
    const button = h("button", { type: "button", class: outreach ? null : "primary" }, outreach ? "Redraft" : "Draft outreach");
    button.addEventListener("click", () =>
      act(button, async () => {
        const drafted = await api.post(`${path(prospect)}/outreach`, undefined, { query: box.checked ? { rephrase: true } : null });
        show(drafted);
        showNotice(`Outreach to ${prospect.name} drafted${drafted.rephrasing ? (drafted.rephrasing.used ? " with the LLM's wording" : "; the LLM's wording was not used") : ""}.`);
      }),
    );
    return h(
      "div",
      { class: "outreach-draft-controls" },
      h("p", { class: "outreach-toggle" }, box, h("label", { for: id }, " Also ask the LLM to reword the evidence (kept only if every fact is in the draft)")),
      h("p", {}, button),
    );
  }

  function moveButtons(outreach) {
    return outreach.allowed
      .filter((status) => MOVES[status])
      .map((status) => {
        const [label, done] = MOVES[status];
        const button = h("button", { type: "button", class: status === "opted_out" ? "danger" : null, "data-move": status }, label);
        button.addEventListener("click", () =>
          act(button, async () => {
            show(await api.post(`${path(prospect)}/outreach/status`, { status }));
            showNotice(`${prospect.name}: ${done}`);
          }),
        );
        return button;
      });
  }

  function convertForm() {
    const button = h("button", { type: "submit", class: "primary" }, "Convert to a candidate");
    const el = h(
      "form",
      { class: "outreach-convert", "aria-label": `Convert ${prospect.name} with their consent`, novalidate: true },
      h("p", {}, "They replied. With their consent they become a candidate: linked to their account if one has this address, or invited to register with it."),
      h(
        "div",
        { class: "field field-check", "data-field": "consent" },
        h("input", { type: "checkbox", id: `consent-${prospect.id}`, name: "consent", "aria-describedby": `consent-${prospect.id}-error` }),
        h("label", { for: `consent-${prospect.id}` }, " They agreed to become a candidate"),
        h("p", { class: "field-error", id: `consent-${prospect.id}-error`, hidden: true }),
      ),
      field({ label: "Their email address", name: "email", type: "email", autocomplete: "off", hint: "The address they gave in their reply." }),
      h("div", { class: "actions" }, button),
    );
    el.addEventListener("submit", async (event) => {
      event.preventDefault();
      clearErrors(el);
      button.disabled = true;
      try {
        const v = formValues(el);
        const conversion = await api.post(`${path(prospect)}/convert`, { consent: v.consent, email: v.email.trim() });
        show(conversion.outreach, conversion);
        showNotice(`${prospect.name} converted: ${conversion.status === "linked" ? "linked to their candidate account" : "invited to register"}.`);
      } catch (error) {
        button.disabled = false;
        failed(error, problemsOf(error).length ? el : null);
      }
    });
    return el;
  }

  function view(outreach, conversion) {
    return [
      h("p", { class: "outreach-status" }, "Status: ", h("strong", { "data-outreach-status": outreach.status }, OUTREACH_STATUS[outreach.status] || outreach.status),
        outreach.allowed.length ? "" : " (final)"),
      conversionNote(conversion),
      outreach.status === "opted_out" ? h("p", { class: "outreach-suppressed" }, "They opted out: their email, profile address and GitHub login are on the suppression list; no run drafts to them or takes their profile again, and they leave the run's prospects when the page reloads.") : null,
      rephrasingNote(outreach),
      h("h4", {}, "Subject"),
      h("p", { class: "outreach-subject" }, outreach.subject),
      h("h4", {}, "Draft"),
      letter(outreach.body, "outreach-body"),
      outreach.rephrased ? [h("h4", {}, `Reworded by the LLM (${outreach.rephrased.model})`), letter(outreach.rephrased.body, "outreach-rephrased")] : null,
      h("h4", {}, "Evidence it cites"),
      citations(outreach),
      h("h4", {}, "History"),
      history(outreach),
      outreach.status === "drafted" ? draftControls(outreach) : null,
      outreach.allowed.includes("converted") ? convertForm() : null,
      h("div", { class: "actions outreach-moves" }, moveButtons(outreach)),
      local,
    ];
  }

  panel.addEventListener("toggle", async () => {
    if (!panel.open || loaded) return;
    loaded = true;
    mount(body, h("p", { class: "loading", role: "status" }, "Loading the outreach…"));
    try {
      const outreach = await api.get(`${path(prospect)}/outreach`);
      show(outreach, outreach.conversion || null);
    } catch (error) {
      if (error.status === 404) show(null);
      else {
        loaded = false;
        mount(body, local);
        failed(error);
      }
    }
  });
  return panel;
}
