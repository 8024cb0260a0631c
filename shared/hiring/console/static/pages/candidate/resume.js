// The candidate's resume page: upload (drag and drop, or choose a file), the upload's progress, then the status
// moving from pending to read or to a clear failure or review reason (polling GET /api/resumes/{id}); and the list
// of their uploads.

import { api, ApiError } from "../../api.js";
import { link, register } from "../../app.js";
import { empty, h, mount, showError, showNotice } from "../../dom.js";
import { STATUS_TEXT, TERMINAL, myResumes, when } from "./common.js";

const POLL_MS = 1000;

function statusLine(resume) {
  const words = STATUS_TEXT[resume.status] || resume.status;
  const reason = resume.status_reason ? `: ${resume.status_reason}` : "";
  const code = resume.error_code && resume.status !== "parsed" ? ` (${resume.error_code})` : "";
  return `${words}${reason}${code}`;
}

/** Whether the parser produced a profile: read, or read with low confidence (a review); a scan without text
 *  waits for review with no profile. */
function hasProfile(resume) {
  return resume.status === "parsed" || (resume.status === "needs_review" && resume.confidence !== null);
}

/** The status box of one upload: polls until the resume reaches a final status. */
function tracker(resumeId, onDone) {
  const box = h("div", { class: "upload-status", role: "status", "aria-live": "polite", "data-status": "pending" });
  const render = (resume) => {
    box.dataset.status = resume.status;
    const parts = [h("p", {}, h("strong", {}, "Status: "), statusLine(resume))];
    if (hasProfile(resume)) {
      parts.push(
        h("p", {}, `${resume.skills.length} skills found${resume.confidence !== null ? `, confidence ${Math.round(resume.confidence * 100)}%` : ""}.`),
        h(
          "p",
          { class: "actions" },
          h("a", { href: link(`/candidate/resumes/${resume.id}`) }, "See your profile"),
          resume.status === "parsed" ? h("a", { href: link("/candidate/matches") }, "See your matches") : null,
        ),
      );
    }
    if (resume.status === "failed" || (resume.status === "needs_review" && !hasProfile(resume))) {
      parts.push(h("p", {}, "Try another file: a PDF with selectable text (not a scan), or a plain-text resume."));
    }
    mount(box, parts);
  };
  const poll = async () => {
    if (!box.isConnected && box.dataset.started) return; // the user left the page
    box.dataset.started = "1";
    let resume;
    try {
      resume = await api.get(`/api/resumes/${resumeId}`);
    } catch (error) {
      if (box.isConnected) showError(error);
      return;
    }
    render(resume);
    if (TERMINAL.includes(resume.status)) onDone(resume);
    else setTimeout(poll, POLL_MS);
  };
  mount(box, h("p", {}, h("strong", {}, "Status: "), STATUS_TEXT.pending));
  setTimeout(poll, 0);
  return box;
}

function resumeTable(resumes) {
  if (!resumes.length) return empty("You have not uploaded a resume yet.");
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { "aria-label": "Your resumes" },
      h("thead", {}, h("tr", {}, h("th", {}, "File"), h("th", {}, "Uploaded"), h("th", {}, "Status"), h("th", {}, "Skills"))),
      h(
        "tbody",
        {},
        resumes.map((r) =>
          h(
            "tr",
            { "data-resume": r.id },
            h(
              "td",
              {},
              r.status === "parsed" || (r.status === "needs_review" && r.error_code === "low_confidence")
                ? h("a", { href: link(`/candidate/resumes/${r.id}`) }, r.filename)
                : r.filename,
            ),
            h("td", {}, when(r.created_at, true)),
            h("td", { class: `status-${r.status}` }, statusLine(r)),
            h("td", {}, String(r.skills.length)),
          ),
        ),
      ),
    ),
  );
}

function uploader(onUploaded) {
  const input = h("input", {
    id: "resume-file",
    name: "file",
    type: "file",
    accept: ".pdf,.txt,application/pdf,text/plain",
    "aria-describedby": "resume-file-hint",
  });
  const progress = h("progress", { id: "upload-progress", max: "1", value: "0", hidden: true });
  const progressLabel = h("label", { for: "upload-progress", hidden: true }, "Upload progress");
  const button = h("button", { type: "submit", class: "primary" }, "Upload");
  const zone = h(
    "div",
    { class: "dropzone", "data-dropzone": "resume" },
    h("p", { class: "dropzone-title" }, "Drag your resume here"),
    h("p", { class: "hint", id: "resume-file-hint" }, "PDF or plain text, up to the size limit. Or choose the file:"),
    h("div", { class: "field" }, h("label", { for: "resume-file" }, "Resume file"), input),
  );
  const el = h(
    "form",
    { "aria-label": "Upload a resume", novalidate: true },
    zone,
    h("div", { class: "progress-row" }, progressLabel, progress),
    h("div", { class: "actions" }, button),
  );

  const send = async (file) => {
    if (!file) {
      showError(new Error("Choose a file first (or drag it onto the box)."));
      input.focus();
      return;
    }
    const data = new FormData();
    data.append("file", file, file.name);
    button.disabled = true;
    progress.hidden = false;
    progressLabel.hidden = false;
    progress.value = 0;
    try {
      const accepted = await api.upload("/api/resumes", data, (fraction) => {
        progress.value = fraction;
      });
      showNotice(`Uploaded ${file.name}. We are reading it now.`);
      onUploaded(accepted.id);
    } catch (error) {
      showError(error);
      if (error instanceof ApiError) onUploaded(null);
    } finally {
      button.disabled = false;
      input.value = "";
    }
  };

  el.addEventListener("submit", (event) => {
    event.preventDefault();
    send(input.files[0]);
  });
  for (const name of ["dragenter", "dragover"]) {
    zone.addEventListener(name, (event) => {
      event.preventDefault();
      zone.classList.add("dragging");
    });
  }
  zone.addEventListener("dragleave", () => zone.classList.remove("dragging"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("dragging");
    send(event.dataTransfer && event.dataTransfer.files[0]);
  });
  return el;
}

register({
  path: "/candidate/resume",
  role: "candidate",
  label: "Resume",
  order: 10,
  title: "Your resume",
  render: async () => {
    const list = h("section", { "aria-labelledby": "resumes-heading" });
    const statusSlot = h("div", { id: "upload-tracker" });
    const refreshList = async () => {
      const resumes = await myResumes();
      mount(list, h("h2", { id: "resumes-heading" }, "Your uploads"), resumeTable(resumes));
    };
    const onUploaded = (id) => {
      if (id) mount(statusSlot, tracker(id, () => refreshList()));
      refreshList();
    };
    await refreshList();
    return [
      h(
        "p",
        {},
        "Upload your resume and we read your skills, experience and education from it, with the line each came from. ",
        "A new upload replaces the earlier one for matching.",
      ),
      uploader(onUploaded),
      statusSlot,
      list,
    ];
  },
});
