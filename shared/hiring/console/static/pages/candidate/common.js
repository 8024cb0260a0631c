// What the candidate pages share: the candidate's resumes, status words, dates, score bars and grade badges.

import { api } from "../../api.js";
import { link } from "../../app.js";
import { h } from "../../dom.js";

export const TERMINAL = ["parsed", "failed", "needs_review"];

/** What a resume status means, in words a candidate understands. */
export const STATUS_TEXT = {
  pending: "Waiting to be read",
  parsing: "Being read",
  parsed: "Read",
  failed: "Could not be read",
  needs_review: "Read, needs a review",
};

/** The candidate's resumes, newest first. */
export async function myResumes() {
  return api.get("/api/resumes", { query: { limit: 50 } });
}

/** The resume matching uses: the newest read one (a newer upload supersedes the earlier ones). */
export function activeOf(resumes) {
  return resumes.find((r) => r.status === "parsed") || null;
}

/** A date (ISO string) as the browser's locale writes it; with `time` the hour too. */
export function when(iso, time = false) {
  if (!iso) return "";
  const date = new Date(iso);
  return time ? date.toLocaleString() : date.toLocaleDateString();
}

/** "2023-03" as "Mar 2023". */
export function month(value) {
  if (!value) return "";
  const [year, m] = String(value).split("-");
  if (!m) return year;
  return new Date(Number(year), Number(m) - 1, 1).toLocaleDateString(undefined, { month: "short", year: "numeric" });
}

/** Months as "3 yr 10 mo". */
export function duration(months) {
  if (!months) return "0 mo";
  const years = Math.floor(months / 12);
  const rest = months % 12;
  return [years ? `${years} yr` : "", rest ? `${rest} mo` : ""].filter(Boolean).join(" ");
}

/** A grade badge: A+ .. F. */
export function grade(value) {
  const letter = value || "–";
  return h("span", { class: `c-grade c-grade-${letter.replace("+", "plus").toLowerCase()}`, title: "Grade" }, letter);
}

/** A labelled bar for a 0-100 score; the number is in the text, the bar only repeats it. */
export function scoreBar(label, score, note = "") {
  const value = score === null || score === undefined ? null : Math.max(0, Math.min(100, Number(score)));
  const fill = h("span", { class: "bar-fill" });
  if (value !== null) fill.style.width = `${value}%`;
  return h(
    "div",
    { class: "score-row" },
    h("span", { class: "score-label" }, label),
    h("span", { class: "bar", "aria-hidden": "true" }, fill),
    h("span", { class: "score-value" }, value === null ? "does not apply" : `${Math.round(value)} / 100`, note),
  );
}

/** A list of skill chips. */
export function chips(names, kind = "") {
  if (!names || !names.length) return h("span", { class: "c-muted" }, "none");
  return h("ul", { class: `c-chips ${kind}` }, names.map((name) => h("li", {}, name)));
}

/** A link back to the upload page when there is nothing to show yet. */
export function uploadLink(text = "Upload your resume") {
  return h("a", { href: link("/candidate/resume") }, text);
}
