import { api, ApiProblem, signedIn, el, param, fail, showProblem, clearProblem, formatMoment, formatDay, vietnamParts, readMoment, writeMoment, communeNav, noticePlanView, latest, KIND, STATUS } from "/app.js";

const code = param("ma");
const form = document.getElementById("schedule-form");
const hint = document.getElementById("notice-hint");
let sessions = [];
let shown = vietnamParts(new Date()); // the month on screen

async function load() {
  const me = await signedIn();
  communeNav(code, "xa", me);
  const commune = await api(`/api/communes/${encodeURIComponent(code)}`);
  document.title = `${commune.name} · Lịch đối thoại`;
  document.getElementById("commune-name").textContent = `Lịch đối thoại · ${commune.name}`;
  const crumb = document.getElementById("breadcrumb");
  crumb.replaceChildren(me.commune ? commune.provinceName : el("a", { href: `/tinh.html?ma=${commune.provinceCode}` }, commune.provinceName), ` › ${commune.name}`);
  document.getElementById("schedule").hidden = me.role === "viewer";
  await Promise.all([refresh(), instructions(me)]);
}

/** The province's instructions, each with this commune's own progress; the office acknowledges or reports it done. */
async function instructions(me) {
  const list = await api(`/api/communes/${encodeURIComponent(code)}/instructions`);
  const box = document.getElementById("instructions");
  box.hidden = list.length === 0;
  const answer = async (id, what) => {
    await api(`/api/communes/${encodeURIComponent(code)}/instructions/${encodeURIComponent(id)}/${what}`, { method: "POST" });
    await instructions(me);
  };
  document.getElementById("instruction-list").replaceChildren(...list.map((i) => {
    const p = i.progress;
    const state = p.done ? el("span", { class: "badge held" }, "Đã hoàn thành")
      : p.onTrack ? el("span", { class: "badge scheduled" }, "Đúng tiến độ")
      : el("span", { class: "badge missing" }, "Chưa thực hiện");
    const canAct = me.role !== "viewer";
    return el("li", { "data-instruction": i.id },
      el("strong", {}, i.text), " ", state, el("br"),
      el("span", { class: "muted" }, `${i.id} · ${i.issuedBy} · ${formatMoment(i.issuedAt)}`, i.periodicBy ? ` · hạn ${formatDay(i.periodicBy)}` : ""),
      " ",
      canAct && !p.acknowledgedAt ? el("button", { type: "button", class: "secondary", onclick: () => answer(i.id, "acknowledge") }, "Đã nhận") : "",
      p.acknowledgedAt ? el("span", { class: "muted" }, ` · đã nhận ${formatMoment(p.acknowledgedAt)}`) : "",
      canAct && !i.periodicBy && !p.done ? el("button", { type: "button", class: "secondary", onclick: () => answer(i.id, "done") }, "Báo cáo đã thực hiện") : "");
  }));
}

async function refresh() {
  sessions = await api(`/api/communes/${encodeURIComponent(code)}/sessions`);
  drawMonth();
  const rows = [...sessions].reverse().map((s) => el("tr", {},
    el("td", {}, formatMoment(s.startsAt)),
    el("td", {}, el("span", { class: `badge ${s.kind === "urgent" ? "urgent" : ""}` }, KIND[s.kind])),
    el("td", {}, el("a", { href: `/phien.html?xa=${code}&id=${encodeURIComponent(s.id)}` }, s.title)),
    el("td", {}, el("span", { class: `badge ${s.status}` }, STATUS[s.status]))));
  document.querySelector("#sessions tbody").replaceChildren(...(rows.length ? rows : [el("tr", {}, el("td", { colspan: 4, class: "muted" }, "Chưa có phiên đối thoại nào."))]));
}

/** A month grid, Monday first, with each session on its day (Vietnam time). */
function drawMonth() {
  const { year, month } = shown;
  document.getElementById("month-title").textContent = `Tháng ${month}/${year}`;
  const first = new Date(Date.UTC(year, month - 1, 1));
  const lead = (first.getUTCDay() + 6) % 7;
  const today = vietnamParts(new Date());
  const cells = ["T2", "T3", "T4", "T5", "T6", "T7", "CN"].map((d) => el("div", { class: "dow" }, d));
  for (let i = 0; i < 42; i++) {
    const day = new Date(Date.UTC(year, month - 1, 1 - lead + i));
    const [y, m, d] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
    const onDay = sessions.filter((s) => {
      const p = vietnamParts(new Date(s.startsAt));
      return p.year === y && p.month === m && p.day === d;
    });
    const isToday = today.year === y && today.month === m && today.day === d;
    cells.push(el("div", { class: `day ${m !== month ? "other" : ""} ${isToday ? "today" : ""}` }, d,
      onDay.map((s) => el("a", {
        href: `/phien.html?xa=${code}&id=${encodeURIComponent(s.id)}`,
        class: s.status === "cancelled" ? "cancelled" : s.kind === "urgent" ? "urgent" : "",
        title: `${formatMoment(s.startsAt)} · ${s.title}`,
      }, `${String(vietnamParts(new Date(s.startsAt)).hour).padStart(2, "0")}h ${s.title}`))));
  }
  document.getElementById("month").replaceChildren(...cells);
}

function step(months) {
  const index = shown.year * 12 + (shown.month - 1) + months;
  shown = { year: Math.floor(index / 12), month: (index % 12) + 1 };
  drawMonth();
}

/** Shows only the fields that apply to the kind and form chosen. */
function fitFields() {
  const kind = form.kind.value;
  const mode = form.form.value;
  const past = form.past.checked;
  form.querySelectorAll("[data-for]").forEach((label) => {
    const applies = [kind, mode, past ? "past" : null].includes(label.dataset.for);
    label.hidden = !applies;
  });
  form.querySelector("button[type=submit]").textContent = past ? "Ghi nhận hội nghị đã tổ chức" : "Lên lịch";
}

/** The lead-time rule explained as the officer types the date: asked of the commune, which knows its rule and the holidays. */
const checked = latest();
async function explainNotice() {
  previewPlan();
  const startsAt = readMoment(form, "startsAt");
  if (!startsAt || form.past.checked) return (hint.hidden = true); // a dialogue already held sends no notice
  const ticket = checked.take();
  try {
    const check = await api(`/api/communes/${encodeURIComponent(code)}/notice-check?kind=${form.kind.value}&startsAt=${encodeURIComponent(startsAt)}`);
    if (!checked.current(ticket)) return;
    hint.hidden = false;
    hint.className = `hint ${check.allowed ? "allowed" : "refused"}`;
    hint.replaceChildren(check.explanation);
    if (check.earliestAllowedStart) {
      // The earliest start is exact to the minute; filling in the rest of the form takes a while, so the start offered
      // is the next quarter hour at least ten minutes past it, and still holds when the form is sent.
      const quarter = 15 * 60_000;
      const offered = new Date(Math.ceil((Date.parse(check.earliestAllowedStart) + 10 * 60_000) / quarter) * quarter);
      hint.append(" ", el("button", { type: "button", class: "secondary", title: `Chọn ${formatMoment(offered.toISOString())}`, onclick: () => {
        writeMoment(form, "startsAt", offered);
        explainNotice();
      } }, "Chọn thời điểm sớm nhất"));
    }
  } catch (error) {
    if (checked.current(ticket)) {
      hint.hidden = false;
      hint.className = "hint refused";
      hint.textContent = error.message;
    }
  }
}

form.kind.addEventListener("change", () => {
  if (form.kind.value === "urgent" && !readMoment(form, "startsAt")) {
    // An urgent dialogue is usually today: two hours from now, on the quarter hour.
    const soon = new Date(Date.now() + 2 * 3600_000);
    soon.setUTCMinutes(Math.ceil(soon.getUTCMinutes() / 15) * 15, 0, 0);
    writeMoment(form, "startsAt", soon);
    form.durationMinutes.value = 60;
  }
  fitFields();
  explainNotice();
});
form.form.addEventListener("change", fitFields);
form.past.addEventListener("change", () => {
  fitFields();
  explainNotice();
});
for (const field of [form.startsAtDay, form.startsAtTime]) {
  field.addEventListener("input", explainNotice);
  field.addEventListener("change", explainNotice);
}

/** The session the form describes, as the API takes it; fields hidden for this kind and form are left out. */
function draftOf() {
  const value = (name) => (form[name].closest("label")?.hidden ? null : form[name].value.trim() || null);
  return {
    kind: form.kind.value,
    form: form.form.value,
    title: form.title.value.trim(),
    startsAt: readMoment(form, "startsAt") || null,
    durationMinutes: Number(form.durationMinutes.value || 0),
    topic: value("topic"),
    targetGroup: value("targetGroup"),
    urgentReason: value("urgentReason"),
    venue: value("venue"),
    onlineUrl: value("onlineUrl"),
  };
}

/**
 * What scheduling would send, to how many and when, shown before the office confirms: asked of the commune with the
 * same rules the sending follows. Shown once the form would be accepted; a refused form shows its problems instead.
 */
const previewed = latest();
let previewTimer;
function previewPlan() {
  clearTimeout(previewTimer);
  previewTimer = setTimeout(async () => {
    const draft = draftOf();
    const box = document.getElementById("plan-preview");
    if (!draft.title || !draft.startsAt || form.past.checked) return (box.hidden = true);
    const ticket = previewed.take();
    try {
      const plan = await api(`/api/communes/${encodeURIComponent(code)}/sessions/preview`, { method: "POST", body: draft });
      if (!previewed.current(ticket)) return;
      drawPlan(plan);
      box.hidden = false;
    } catch {
      if (previewed.current(ticket)) box.hidden = true;
    }
  }, 350);
}

function drawPlan(plan) {
  document.getElementById("plan-body").replaceChildren(...noticePlanView(plan));
}

for (const name of ["title", "venue", "onlineUrl", "urgentReason", "topic", "durationMinutes"]) form[name].addEventListener("input", previewPlan);
for (const name of ["kind", "form", "targetGroup"]) form[name].addEventListener("change", previewPlan);

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearProblem(form);
  const draft = draftOf();
  if (draft.startsAt === null && (form.startsAtDay.value || form.startsAtTime.value)) {
    return showProblem(form, new ApiProblem(400, {
      detail: "Thông tin phiên đối thoại chưa hợp lệ.",
      errors: { startsAt: ["Ngày ghi dd/mm/yyyy (ví dụ 18/12/2026), giờ ghi hh:mm theo 24 giờ (ví dụ 14:30)."] },
    }));
  }

  const button = form.querySelector("button[type=submit]");
  button.disabled = true;
  try {
    const session = form.past.checked
      ? await api(`/api/communes/${encodeURIComponent(code)}/sessions/past`, { method: "POST",
        body: { session: draft, minutes: form.minutes.value.trim(), reason: form.reason.value.trim() } })
      : await api(`/api/communes/${encodeURIComponent(code)}/sessions`, { method: "POST", body: draft });
    location.href = `/phien.html?xa=${code}&id=${encodeURIComponent(session.id)}&${form.past.checked ? "ghi" : "moi"}=1`;
  } catch (error) {
    showProblem(form, error);
    if (error.problem?.earliestAllowedStart) explainNotice();
  } finally {
    button.disabled = false;
  }
});

document.getElementById("previous-month").addEventListener("click", () => step(-1));
document.getElementById("next-month").addEventListener("click", () => step(1));
fitFields();
load().catch(fail);
