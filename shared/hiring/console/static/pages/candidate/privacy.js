// Privacy: the candidate's choices about automated processing, the export of everything held about them, and
// deleting the account (confirmed by typing).

import { api } from "../../api.js";
import { navigate, register } from "../../app.js";
import { field, form, h, showNotice } from "../../dom.js";

function checkbox(name, label, hint, checked) {
  const id = `privacy-${name}`;
  return h(
    "div",
    { class: "field c-check", "data-field": name },
    h("input", { id, name, type: "checkbox", checked, "aria-describedby": `${id}-hint` }),
    h("label", { for: id }, label),
    h("p", { class: "hint", id: `${id}-hint` }, hint),
    h("p", { class: "field-error", hidden: true }),
  );
}

function download(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

register({
  path: "/candidate/privacy",
  role: "candidate",
  label: "Privacy",
  order: 50,
  title: "Privacy",
  render: async () => {
    const choices = await api.get("/api/me/privacy");
    const exportButton = h("button", { type: "button" }, "Download my data");
    exportButton.addEventListener("click", async () => {
      exportButton.disabled = true;
      try {
        const blob = await api.get("/api/me/export");
        const stamp = new Date().toISOString().slice(0, 10).replaceAll("-", "");
        download(blob, `hiring-export-${stamp}.zip`);
        showNotice("Your data is downloading as a zip file.");
      } finally {
        exportButton.disabled = false;
      }
    });
    return [
      h("section", { "aria-labelledby": "choices-heading" },
        h("h2", { id: "choices-heading" }, "Your choices"),
        form({
          label: "Privacy choices",
          submit: "Save choices",
          fields: [
            checkbox("ai_processing", "Let an AI model read my data", "Off: no language model ever sees your resume; parsing and feedback use rules only.", choices.ai_processing),
            checkbox("automated_ranking", "Rank me automatically", "Off: recruiters see you unranked, flagged for a person to review.", choices.automated_ranking),
          ],
          action: async (v) => {
            await api.put("/api/me/privacy", { ai_processing: v.ai_processing, automated_ranking: v.automated_ranking });
            showNotice("Saved your choices.");
          },
        })),
      h("section", { "aria-labelledby": "export-heading" },
        h("h2", { id: "export-heading" }, "Your data"),
        h("p", {}, "One zip file with your account, choices, each resume (the original file, what we read from it and your corrections), matches, applications and feedback."),
        exportButton),
      h("section", { "aria-labelledby": "delete-heading", class: "danger-zone" },
        h("h2", { id: "delete-heading" }, "Delete your account"),
        h("p", {}, "This erases your account and everything about you: resumes, originals, matches, applications' personal data, feedback and sessions. It cannot be undone."),
        form({
          label: "Delete your account",
          submit: "Delete my account",
          fields: [field({ label: "Type DELETE to confirm", name: "confirm", autocomplete: "off" })],
          action: async (v, el) => {
            if (v.confirm.trim() !== "DELETE") {
              const error = new Error("Type DELETE in capitals to confirm.");
              error.code = "not_confirmed";
              error.details = { field: "confirm" };
              throw error;
            }
            await api.del("/api/me");
            await api.logout();
            navigate("/signin");
            showNotice("Your account was deleted.");
          },
        })),
    ];
  },
});
