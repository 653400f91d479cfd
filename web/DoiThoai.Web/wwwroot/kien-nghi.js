import {
  api, ApiProblem, signedIn, el, param, fail, showProblem, clearProblem, formatMoment, formatDay, dayText, readDay, ask, communeNav,
  FIELD, PETITION, SOURCE,
} from "/app.js";

const code = param("xa");
const base = `/api/communes/${encodeURIComponent(code)}/petitions`;
const STEP = { received: "Tiếp nhận", acknowledged: "Báo đã nhận", assigned: "Giao xử lý", escalated: "Chuyển cấp trên", answered: "Trả lời" };
const recordForm = document.getElementById("record-form");
let me;
let petitions = [];
let sessions = [];
let selected = null;

async function load() {
  me = await signedIn();
  communeNav(code, "kien-nghi", me);
  const commune = await api(`/api/communes/${encodeURIComponent(code)}`);
  document.title = `Kiến nghị · ${commune.name}`;
  document.getElementById("heading").textContent = `Kiến nghị · ${commune.name}`;
  document.getElementById("record").hidden = me.role === "viewer";
  sessions = await api(`/api/communes/${encodeURIComponent(code)}/sessions`);
  const sessionOption = (s) => el("option", { value: s.id }, `${s.id} · ${s.title} (${dayText(s.startsAt)})`);
  document.getElementById("session-filter").append(...sessions.map(sessionOption));
  recordForm.sessionId.append(...sessions.filter((s) => s.status !== "cancelled").map(sessionOption));
  if (param("phien")) {
    document.getElementById("session-filter").value = param("phien");
    recordForm.sessionId.value = param("phien");
    recordForm.source.value = "at-session";
  }
  await refresh();
  const wanted = location.hash.slice(1);
  if (wanted && petitions.some((p) => p.id === wanted)) openPetition(wanted);
}

async function refresh() {
  petitions = await api(base);
  draw();
  if (selected) detail(petitions.find((p) => p.id === selected));
}

/** Overdue first, then by the day the next step is owed; answered last. */
function order(a, b) {
  const rank = (p) => (p.status === "answered" ? 2 : p.overdue ? 0 : 1);
  return rank(a) - rank(b) || (a.owedBy ?? "9999").localeCompare(b.owedBy ?? "9999") || a.id.localeCompare(b.id);
}

function draw() {
  const filter = document.getElementById("filter").value;
  const session = document.getElementById("session-filter").value;
  const search = document.getElementById("search").value.trim().toLocaleLowerCase("vi");
  const open = petitions.filter((p) => p.status !== "answered");
  const figure = (value, label) => el("div", { class: "figure" }, el("strong", {}, value), label);
  document.getElementById("figures").replaceChildren(
    figure(open.length, "đang giải quyết"), figure(open.filter((p) => p.overdue).length, "quá hạn"),
    figure(petitions.length - open.length, "đã trả lời"));
  const rows = petitions
    .filter((p) => filter === "all" || (filter === "open" ? p.status !== "answered" : filter === "overdue" ? p.overdue : p.status === filter))
    .filter((p) => !session || p.sessionId === session)
    .filter((p) => !search || [p.id, p.content, p.assignedUnit ?? ""].some((t) => t.toLocaleLowerCase("vi").includes(search)))
    .sort(order)
    .map((p) => el("tr", { "data-petition": p.id, class: p.id === selected ? "selected" : "" },
      el("td", { class: "nowrap" }, p.id),
      el("td", {}, dayText(p.receivedOn ?? p.receivedAt)),
      el("td", {}, FIELD[p.field] ?? p.field),
      el("td", {}, p.content.length > 140 ? `${p.content.slice(0, 140)}…` : p.content),
      el("td", {}, el("span", { class: `badge ${p.overdue ? "late" : p.status === "answered" ? "held" : "scheduled"}` }, PETITION[p.status] ?? p.status),
        p.overdue ? el("span", { class: "badge late" }, "quá hạn") : ""),
      el("td", {}, p.owedBy ? dayText(p.owedBy) : ""),
      el("td", {}, el("button", { type: "button", class: "secondary", "aria-label": `Xem và xử lý ${p.id}`, onclick: () => openPetition(p.id) }, "Xử lý"))));
  document.querySelector("#petitions tbody").replaceChildren(...(rows.length ? rows : [el("tr", {}, el("td", { colspan: 7, class: "muted" }, "Không có kiến nghị nào."))]));
}

function openPetition(id) {
  selected = id;
  history.replaceState(null, "", `#${id}`);
  draw();
  detail(petitions.find((p) => p.id === id));
  const box = document.getElementById("detail");
  box.scrollIntoView({ block: "start" });
  box.focus();
}

/** One petition whole: who raised it (masked), its steps, and the forms for the steps its state allows. */
function detail(p) {
  const box = document.getElementById("detail");
  box.hidden = !p;
  if (!p) return;
  document.getElementById("detail-title").textContent = `Kiến nghị ${p.id}`;
  const fact = (term, value) => (value ? [el("dt", {}, term), el("dd", {}, value)] : []);
  const session = sessions.find((s) => s.id === p.sessionId);
  document.getElementById("detail-facts").replaceChildren(
    ...fact("Nội dung", p.content),
    ...fact("Lĩnh vực", FIELD[p.field]),
    ...fact("Nguồn", SOURCE[p.source]),
    ...fact("Phiên", session ? el("a", { href: `/phien.html?xa=${code}&id=${encodeURIComponent(session.id)}` }, session.title) : null),
    ...fact("Ngày nhận", dayText(p.receivedOn ?? p.receivedAt)),
    ...fact("Người kiến nghị", p.petitionerName ? [p.petitionerName, p.petitionerPhone ? ` · ${p.petitionerPhone}` : "", p.petitionerEmail ? ` · ${p.petitionerEmail}` : ""].join("") : "không ghi"),
    ...fact("Trạng thái", el("span", { class: `badge ${p.overdue ? "late" : ""}` }, PETITION[p.status], p.overdue ? " · quá hạn" : "")),
    ...fact("Hạn báo nhận", p.acknowledged ? null : formatDay(p.acknowledgeBy)),
    ...fact("Đơn vị xử lý", p.assignedUnit ? `${p.assignedUnit}${p.dueDate ? `, hạn ${dayText(p.dueDate)}` : ""}` : null),
    ...fact("Hẹn trả lời", p.answerDueDate ? formatDay(p.answerDueDate) : null),
    ...fact("Trả lời", p.answer));
  document.getElementById("detail-history").replaceChildren(...p.history.map((h) => el("li", {},
    `${formatMoment(h.at)} · ${STEP[h.kind] ?? h.kind} · ${h.by}`, h.unit ? ` · ${h.unit}` : "", h.dueDate ? `, hạn ${dayText(h.dueDate)}` : "", h.note ? ` (${h.note})` : "")));
  const canAct = me.role !== "viewer" && p.status !== "answered";
  const allows = {
    acknowledge: !p.acknowledged && ["received", "assigned"].includes(p.status),
    assign: ["received", "acknowledged", "assigned"].includes(p.status),
    escalate: ["received", "acknowledged", "assigned"].includes(p.status),
    answer: p.status !== "answered",
  };
  for (const form of document.querySelectorAll("#steps form")) {
    const shown = canAct && allows[form.dataset.step];
    if (shown && form.dataset.for !== p.id) {
      form.reset();
      clearProblem(form);
      form.dataset.for = p.id;
    }
    form.hidden = !shown;
  }
}

/** A day field read for the API: a problem next to it when it is no day. */
function dayOrProblem(form, name, errors) {
  const day = readDay(form[name]);
  if (day === null) errors[name] = ["Ngày ghi dd/mm/yyyy, ví dụ 18/12/2026."];
  return day || null;
}

for (const form of document.querySelectorAll("#steps form")) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearProblem(form);
    const step = form.dataset.step;
    const errors = {};
    const text = (name) => form[name].value.trim();
    const body = step === "acknowledge" ? { note: text("note") || null, answerDueDate: dayOrProblem(form, "answerDueDate", errors) }
      : step === "assign" ? { unit: text("unit"), dueDate: dayOrProblem(form, "dueDate", errors), note: text("note") || null }
      : step === "escalate" ? { reason: text("reason"), answerDueDate: dayOrProblem(form, "answerDueDate", errors) }
      : { answer: text("answer") };
    if (Object.keys(errors).length) return showProblem(form, new ApiProblem(400, { detail: "Ngày chưa hợp lệ.", errors }));
    if (step === "answer" && !(await ask(`Gửi trả lời kiến nghị ${selected}? Người kiến nghị được báo ngay; không sửa được sau khi gửi.`, "Gửi trả lời"))) return;
    try {
      await api(`${base}/${encodeURIComponent(selected)}/${step}`, { method: "POST", body });
      await refresh();
      document.getElementById("detail").focus();
    } catch (error) {
      showProblem(form, error);
    }
  });
}

recordForm.source.append(...Object.entries(SOURCE).map(([value, text]) => el("option", { value }, text)));
recordForm.field.append(...Object.entries(FIELD).map(([value, text]) => el("option", { value }, text)));
recordForm.receivedOn.value = dayText(new Date());
recordForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearProblem(recordForm);
  document.getElementById("recorded").hidden = true;
  const text = (name) => recordForm[name].value.trim() || null;
  const errors = {};
  const draft = {
    source: recordForm.source.value, field: recordForm.field.value, content: text("content") ?? "", sessionId: text("sessionId"),
    receivedOn: dayOrProblem(recordForm, "receivedOn", errors),
    petitionerName: text("petitionerName"), petitionerPhone: text("petitionerPhone"), petitionerEmail: text("petitionerEmail"),
  };
  if (Object.keys(errors).length) return showProblem(recordForm, new ApiProblem(400, { detail: "Ngày nhận chưa hợp lệ.", errors }));
  try {
    const recorded = await api(base, { method: "POST", body: draft });
    for (const name of ["content", "petitionerName", "petitionerPhone", "petitionerEmail"]) recordForm[name].value = "";
    const done = document.getElementById("recorded");
    done.textContent = `Đã tiếp nhận ${recorded.id}; hạn báo nhận ${formatDay(recorded.acknowledgeBy)}.`;
    done.hidden = false;
    await refresh();
    recordForm.content.focus();
  } catch (error) {
    showProblem(recordForm, error);
  }
});

for (const id of ["filter", "session-filter"]) document.getElementById(id).addEventListener("change", draw);
document.getElementById("search").addEventListener("input", draw);
load().catch(fail);
