import { api, ApiProblem, signedIn, el, fail, showProblem, clearProblem, formatMoment, dayText, parseDay, ask, latest } from "/app.js";

const yearForm = document.getElementById("year-form");
const form = document.getElementById("holidays-form");

async function load() {
  await signedIn();
  const now = new Date().getFullYear();
  yearForm.year.append(...[now - 1, now, now + 1].map((y) => el("option", { value: y, selected: y === now }, y)));
  await show();
}

/** The chosen year's list; an answer for a year no longer chosen (the year changed meanwhile) is dropped. */
const shown = latest();
async function show() {
  const ticket = shown.take();
  const chosen = yearForm.year.value;
  const year = await api(`/api/holidays/${chosen}`);
  if (!shown.current(ticket)) return;
  document.getElementById("official").textContent = year.isOfficialList
    ? `Năm ${chosen}: danh sách chính thức, cập nhật ${formatMoment(year.replacedAt)}.`
    : `Năm ${chosen}: chưa có danh sách chính thức, đang dùng các ngày lễ theo Bộ luật Lao động (Tết Âm lịch tính theo lịch âm).`;
  document.querySelector("#days tbody").replaceChildren(...year.days.map((d) => row(d, "Tên ngày nghỉ")));
  document.querySelector("#makeup tbody").replaceChildren(...(year.makeUpWorkingDays ?? []).map((d) => row(d, "Làm bù cho")));
}

function row(day = { date: "", name: "" }, nameLabel) {
  const tr = el("tr", {},
    el("td", {}, el("input", { name: "date", value: day.date ? dayText(day.date) : "", inputmode: "numeric", placeholder: "dd/mm/yyyy", "aria-label": "Ngày (dd/mm/yyyy)" })),
    el("td", {}, el("input", { name: "name", value: day.name, maxlength: 100, "aria-label": nameLabel })),
    el("td", {}, el("button", { type: "button", class: "danger", "aria-label": `Bỏ ${day.name || "dòng này"}`, onclick: () => tr.remove() }, "Bỏ")));
  return tr;
}

function read(table, problems, label) {
  return [...document.querySelectorAll(`#${table} tbody tr`)].map((tr) => {
    const typed = tr.querySelector("[name=date]").value.trim();
    const date = parseDay(typed);
    if (!date) problems.push(`${label}: "${typed}" không phải ngày dd/mm/yyyy.`);
    return { date, name: tr.querySelector("[name=name]").value.trim() };
  });
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearProblem(form);
  document.getElementById("saved").hidden = true;
  const problems = [];
  const days = read("days", problems, "Ngày nghỉ");
  const makeUpWorkingDays = read("makeup", problems, "Ngày làm bù");
  if (problems.length) return showProblem(form, new ApiProblem(400, { detail: "Danh sách chưa hợp lệ.", errors: { days: problems } }));
  const year = yearForm.year.value;
  if (!(await ask(`Thay danh sách ngày nghỉ năm ${year}? Hạn thông báo và hạn kiến nghị đã tính được tính lại theo danh sách mới.`, "Lưu danh sách"))) return;
  try {
    const change = await api(`/api/holidays/${year}`, { method: "PUT", body: { days, makeUpWorkingDays } });
    const saved = document.getElementById("saved");
    saved.textContent = `Đã lưu ${change.holidays.days.length} ngày nghỉ, ${change.holidays.makeUpWorkingDays?.length ?? 0} ngày làm bù. `
      + `Đã tính lại ${change.noticeDeadlinesMoved} hạn thông báo và ${change.petitionDeadlinesMoved} hạn kiến nghị.`;
    saved.hidden = false;
    await show();
  } catch (error) {
    showProblem(form, error);
  }
});

document.getElementById("add-day").addEventListener("click", () => {
  const tr = row(undefined, "Tên ngày nghỉ");
  document.querySelector("#days tbody").append(tr);
  tr.querySelector("input").focus();
});
document.getElementById("add-makeup").addEventListener("click", () => {
  const tr = row(undefined, "Làm bù cho");
  document.querySelector("#makeup tbody").append(tr);
  tr.querySelector("input").focus();
});
yearForm.year.addEventListener("change", () => show().catch(fail));
load().catch(fail);
