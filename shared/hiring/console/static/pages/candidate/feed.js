// The feed: the best current jobs across the desired roles, the gap analysis (the most-requested skills the resume
// lacks) as a Chart.js bar chart with a table of the same numbers, and the saved search preferences.

import { api, ApiError } from "../../api.js";
import { link, register } from "../../app.js";
import { empty, field, form, h, showNotice } from "../../dom.js";
import { grade, uploadLink } from "./common.js";

const split = (text) => String(text || "").split(",").map((t) => t.trim()).filter(Boolean);

function gapChart(missing) {
  const canvas = h("canvas", {
    id: "gap-chart",
    role: "img",
    "aria-label": `Bar chart: the ${missing.length} most-requested skills you lack; the table below has the same numbers.`,
  });
  const box = h("div", { class: "c-chart-box" }, canvas);
  box.style.height = `${Math.max(160, missing.length * 26 + 40)}px`;
  const draw = () => {
    if (!window.Chart || !canvas.isConnected) return;
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: missing.map((m) => m.skill),
        datasets: [{ label: "Jobs requiring it", data: missing.map((m) => m.jobs), backgroundColor: "#1d4ed8" }],
      },
      options: {
        indexAxis: "y",
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: "jobs requiring it" } } },
      },
    });
  };
  requestAnimationFrame(draw); // drawn once the canvas is in the page
  return box;
}

function gapTable(missing) {
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { "aria-label": "Most-requested skills you lack" },
      h("thead", {}, h("tr", {}, h("th", {}, "Skill"), h("th", {}, "Jobs requiring it"))),
      h("tbody", {}, missing.map((m) => h("tr", {}, h("th", { scope: "row" }, m.skill), h("td", {}, String(m.jobs))))),
    ),
  );
}

function preferencesForm(saved) {
  const el = form({
    label: "Search preferences",
    submit: "Save preferences",
    fields: [
      field({ label: "Keywords", name: "q", value: saved.q || "", hint: "Words every job in your feed must contain." }),
      field({ label: "Skills", name: "skills", value: saved.skills.join(", "), hint: "Separated by commas; every one must be asked for." }),
      field({ label: "Location", name: "location", value: saved.location || "" }),
      field({
        label: "Remote",
        name: "remote",
        type: "select",
        options: [["", "Either"], ["true", "Remote jobs (or at the location)"], ["false", "No remote jobs"]],
      }),
      field({ label: "Lowest score", name: "min_score", type: "number", min: "0", max: "100", value: saved.min_score ?? "" }),
      field({ label: "Blocked companies", name: "blocked_companies", value: saved.blocked_companies.join(", "), hint: "Separated by commas; they leave your feed and matches." }),
    ],
    action: async (v) => {
      await api.put("/api/me/search-preferences", {
        q: v.q.trim() || null,
        skills: split(v.skills),
        location: v.location.trim() || null,
        remote: v.remote === "" ? null : v.remote === "true",
        min_score: v.min_score === "" ? null : Number(v.min_score),
        blocked_companies: split(v.blocked_companies),
      });
      showNotice("Saved your search preferences.");
    },
  });
  // A select takes its value once its options exist.
  el.querySelector("select[name=remote]").value = saved.remote === null || saved.remote === undefined ? "" : String(saved.remote);
  return el;
}

register({
  path: "/candidate/feed",
  role: "candidate",
  label: "Feed",
  order: 40,
  title: "Your feed",
  render: async () => {
    const saved = await api.get("/api/me/search-preferences");
    const prefs = [h("h2", {}, "Search preferences"), preferencesForm(saved)];
    let feed;
    try {
      feed = await api.get("/api/me/feed", { query: { limit: 20 } });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return [empty("Upload a resume to get a feed.", uploadLink()), ...prefs];
      if (error instanceof ApiError && error.status === 422) {
        return [empty("Tell us the roles you want first.", h("a", { href: link("/candidate") }, "Set your desired roles")), ...prefs];
      }
      throw error;
    }
    const roles = feed.roles.map((r) => r.title).join(", ");
    return [
      h("p", {}, `For ${roles}: ${feed.jobs_considered} current jobs considered. `, h("a", { href: link("/candidate") }, "Change your roles")),
      feed.preferences.applied.length ? h("p", { class: "c-muted" }, `Applied preferences: ${feed.preferences.applied.join(", ")}.`) : null,
      h("section", { "aria-labelledby": "gap-heading" },
        h("h2", { id: "gap-heading" }, "Skills these roles ask for that you lack"),
        feed.missing_skills.length
          ? [gapChart(feed.missing_skills), gapTable(feed.missing_skills)]
          : h("p", {}, "None: your resume shows every skill these jobs require."),
        feed.held_skills.length
          ? [h("h3", {}, "Skills they ask for that you have"),
             h("ul", { class: "c-held" }, feed.held_skills.map((s) => h("li", {}, h("strong", {}, s.skill), ` (${s.jobs} jobs)`,
               s.evidence.length ? h("span", { class: "c-muted c-small" }, ` — ${s.evidence[0]}`) : null)))]
          : null),
      h("section", { "aria-labelledby": "feed-jobs-heading" },
        h("h2", { id: "feed-jobs-heading" }, "Best jobs for you"),
        feed.jobs.length
          ? h("ol", { class: "feed-jobs" }, feed.jobs.map((j) => h("li", {}, grade(j.grade), " ", h("strong", {}, j.title),
              j.company ? ` · ${j.company}` : "", j.location ? ` · ${j.location}` : "", ` · ${Math.round(j.score)} / 100`,
              j.missing_skills.length ? h("span", { class: "c-muted c-small" }, ` · missing ${j.missing_skills.slice(0, 3).join(", ")}`) : null)))
          : empty("No current job passes your preferences.")),
      ...prefs,
    ];
  },
});
