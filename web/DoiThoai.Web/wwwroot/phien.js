import {
  api, ApiProblem, signedIn, el, param, fail, showProblem, clearProblem, formatMoment, formatDay, dayText, parseDay, readMoment, writeMoment,
  ask, download, communeNav, noticePlanView, showListProblem, parseTime, KIND, FORM, STATUS, CHANNEL, FIELD, PETITION,
} from "/app.js";

const code = param("xa");
const id = param("id");
const base = `/api/communes/${encodeURIComponent(code)}/sessions/${encodeURIComponent(id)}`;
const CHANGE = {
  scheduled: "Lên lịch", rescheduled: "Dời lịch", cancelled: "Hủy", held: "Đã tổ chức", concluded: "Kết luận đã ký",
  "results-published": "Công bố kết quả", "recorded-afterwards": "Ghi nhận sau khi đã tổ chức", "organisers-changed": "Đổi thành phần tổ chức",
  "deadline-recounted": "Tính lại hạn thông báo",
};
const MILESTONE = { done: "Đã xong", open: "Chưa đến hạn", "due-soon": "Sắp đến hạn", overdue: "Quá hạn" };
const OUTCOME = { "answered-at-session": "Đã trả lời tại hội nghị", settled: "Đã giải quyết", "to-be-handled": "Giao xử lý", "beyond-commune": "Vượt thẩm quyền cấp xã, chuyển cơ quan cấp trên" };
const OWNER = { officer: "Cán bộ Văn phòng", "hamlet-head": "Trưởng thôn, tổ trưởng", "front-committee": "Mặt trận Tổ quốc" };
/** What each notice of a session was, as the office reads it in the list of failures. */
const NOTICE = [
  [/^invitation/, "Giấy mời"], [/^announcement/, "Thông báo"], [/^reminder-/, "Nhắc lịch"], [/^broadcast-/, "Phát thanh"],
  [/^rescheduled-/, "Báo dời lịch"], [/^cancelled-/, "Báo hủy"], [/^results/, "Kết quả"], [/^conclusion-notice/, "Thông báo kết luận"],
  [/^office-warning-/, "Cảnh báo Văn phòng"], [/^deadline-recounted-/, "Báo tính lại hạn"],
];
const noticeName = (notice) => NOTICE.find(([pattern]) => pattern.test(notice))?.[1] ?? notice;

let me;
let shownSession;
let sessionPetitions = [];
let sessionSpeakers = [];

async function load() {
  me = await signedIn();
  communeNav(code, null, me);
  document.getElementById("created").hidden = !param("moi");
  document.getElementById("recorded").hidden = !param("ghi");
  const [commune, session] = await Promise.all([api(`/api/communes/${encodeURIComponent(code)}`), api(base)]);
  show(commune, session);
  await Promise.all([deliveries(), petitions(), speakers(), preparation(), invitees(), documents(), noticePlan()]);
  await results();
}

/** Reads the session again after a change and redraws what depends on its state. */
async function reload() {
  show(await api(`/api/communes/${encodeURIComponent(code)}`), await api(base));
  await Promise.all([results(), documents(), preparation(), noticePlan()]);
}

function show(commune, s) {
  shownSession = s;
  document.title = `${s.title} · ${commune.name}`;
  document.getElementById("breadcrumb").replaceChildren(el("a", { href: `/xa.html?ma=${code}` }, `Lịch đối thoại ${commune.name}`), ` › ${s.id}`);
  document.getElementById("title").textContent = s.title;
  document.getElementById("petitions-link").href = `/kien-nghi.html?xa=${code}&phien=${encodeURIComponent(id)}`;
  const fact = (term, value) => (value ? [el("dt", {}, term), el("dd", {}, value)] : []);
  const resultsLate = ["held", "concluded"].includes(s.status) && !s.resultsPublishedAt && new Date() > new Date(`${s.resultsDue}T23:59:59+07:00`);
  const organisers = s.organisers ?? {};
  const person = (p) => (p ? `${p.name}, ${p.title}` : null);
  document.getElementById("facts").replaceChildren(
    ...fact("Loại", el("span", { class: `badge ${s.kind === "urgent" ? "urgent" : ""}` }, KIND[s.kind])),
    ...fact("Trạng thái", el("span", { class: `badge ${s.status}` }, STATUS[s.status])),
    ...fact("Thời gian", `${formatMoment(s.startsAt)} (${s.durationMinutes} phút)`),
    ...fact("Hình thức", FORM[s.form]),
    ...fact("Địa điểm", s.venue),
    ...fact("Trực tuyến", s.onlineUrl),
    ...fact("Nội dung", s.topic),
    ...fact("Lý do đột xuất", s.urgentReason),
    // For the province's alerting systems and broadcasters (OASIS CAP 1.2): updated and cancelled with the session.
    ...fact("Bản tin cảnh báo", s.kind === "urgent" ? el("a", { href: `${base}/alert.cap.xml`, type: "application/cap+xml" }, "CAP 1.2 (XML)") : null),
    ...fact("Chủ trì", person(organisers.chair) ?? s.chair),
    ...fact("Đại diện HĐND", person(organisers.councilRepresentative)),
    ...fact("Đại diện MTTQ", person(organisers.frontRepresentative)),
    ...fact("Thư ký", person(organisers.secretary)),
    ...fact("Quy định thông báo", s.noticeRule),
    ...fact("Hạn gửi thông báo", formatMoment(s.noticeDeadline)),
    ...fact("Hạn công bố kết quả", s.status === "cancelled" ? null : el("span", { class: resultsLate ? "badge late" : "" },
      `${formatDay(s.resultsDue)}${resultsLate ? " — đã quá hạn" : ""}`)),
    ...fact("Thông báo kết luận", s.conclusionNumber
      ? el("span", {}, `Số ${s.conclusionNumber}/TB-UBND, công bố ${formatMoment(s.resultsPublishedAt)} · `,
        el("a", { href: `${base}/conclusion.pdf`, id: "conclusion-pdf" }, "Tải bản PDF"))
      : null),
    ...fact("Biên bản", s.minutes ? el("div", {}, el("p", { class: "minutes" }, s.minutes),
      el("span", { class: "muted" }, `Ghi lúc ${formatMoment(s.minutesRecordedAt)} · ${s.minutesRecordedBy}`)) : null),
    ...fact("Lý do hủy", s.cancelReason));
  document.getElementById("history").replaceChildren(...s.history.map((h) =>
    el("li", {}, `${formatMoment(h.at)} · ${CHANGE[h.kind] ?? h.kind}`, h.newStart ? ` → ${formatMoment(h.newStart)}` : "", h.reason ? ` (${h.reason})` : "")));

  const canOperate = me.role !== "viewer";
  const ahead = new Date(s.startsAt) > new Date();
  document.getElementById("actions").hidden = !canOperate || s.status === "cancelled";
  document.getElementById("held-form").hidden = s.status !== "scheduled" || ahead;
  document.getElementById("cancel-form").hidden = s.status !== "scheduled";
  const reschedule = document.getElementById("reschedule-form");
  if (reschedule.hidden && s.status === "scheduled") writeMoment(reschedule, "startsAt", s.startsAt);
  reschedule.hidden = s.status !== "scheduled";
  const organisersForm = document.getElementById("organisers-form");
  if (organisersForm.hidden && ["scheduled", "held"].includes(s.status)) fillOrganisers(organisersForm, organisers, s.chair);
  organisersForm.hidden = !["scheduled", "held"].includes(s.status);
  const minutes = document.getElementById("minutes-form");
  minutes.hidden = !["held", "concluded"].includes(s.status);
  if (!minutes.hidden && !minutes.minutes.value) minutes.minutes.value = s.minutes ?? "";
  document.getElementById("desk").hidden = !canOperate || s.status === "cancelled";
}

const PARTS = [["chair", "chair"], ["councilRepresentative", "council"], ["frontRepresentative", "front"], ["secretary", "secretary"]];

function fillOrganisers(form, organisers, chair) {
  for (const [part, prefix] of PARTS) {
    form[`${prefix}Name`].value = organisers[part]?.name ?? "";
    form[`${prefix}Title`].value = organisers[part]?.title ?? "";
  }
  if (!organisers.chair && chair) form.chairName.value = chair;
}

function readOrganisers(form) {
  const body = {};
  for (const [part, prefix] of PARTS) {
    const [name, title] = [form[`${prefix}Name`].value.trim(), form[`${prefix}Title`].value.trim()];
    body[part] = name || title ? { name, title } : null;
  }
  return body;
}

let invitationsOpen = false;

/** One progress bar per channel, refreshed every few seconds while messages are still going out; failures with their reasons. */
async function deliveries() {
  const report = await api(`${base}/deliveries?pageSize=1`);
  const box = document.getElementById("deliveries");
  const channels = report.byChannel.filter((t) => t.channel !== "plan");
  box.replaceChildren(...(channels.length === 0
    ? [el("p", { class: "muted" }, "Chưa có tin nào cho phiên này (chưa có người nhận trong danh bạ hoặc chưa đến lúc gửi).")]
    : channels.map(progress)));
  const failed = channels.reduce((n, t) => n + t.failed, 0);
  document.getElementById("failures").hidden = failed === 0;
  if (failed > 0) {
    const list = await api(`${base}/deliveries?status=failed&pageSize=100`);
    document.querySelector("#failure-list tbody").replaceChildren(...list.items.map((m) => el("tr", {},
      el("td", {}, CHANNEL[m.channel] ?? m.channel), el("td", {}, m.maskedAddress), el("td", {}, noticeName(m.notice)),
      el("td", {}, m.lastError ?? ""), el("td", {}, formatMoment(m.updatedAt)))),
    ...(failed > list.items.length ? [el("tr", {}, el("td", { colspan: 5, class: "muted" }, `… và ${failed - list.items.length} tin khác.`))] : []));
  }
  // The invitations milestone is done once the invitations went out: look again while it is open.
  if (invitationsOpen) preparation().catch(() => {});
  // Live while anything is still to go (the plan being expanded included); quieter while nothing is planned yet.
  const going = report.byChannel.some((t) => t.pending > 0);
  if (going || (channels.length === 0 && shownSession?.status === "scheduled")) setTimeout(() => deliveries().catch(() => {}), going ? 3000 : 10000);
}

/** A channel's progress: sent (delivered) of all, failed, waiting, cancelled. */
function progress(t) {
  const total = t.pending + t.sent + t.delivered + t.failed + t.cancelled;
  const done = t.sent + t.delivered;
  const pct = (n) => `${total ? (100 * n) / total : 0}%`;
  const doneBar = el("span", { class: "done" });
  doneBar.style.width = pct(done);
  const failedBar = el("span", { class: "failed" });
  failedBar.style.width = pct(t.failed);
  return el("div", { class: "progress", "data-channel": t.channel },
    el("div", {}, el("strong", {}, CHANNEL[t.channel] ?? t.channel), ` · đã gửi ${done}/${total}`,
      t.delivered ? ` (đã đến máy ${t.delivered})` : "", t.failed ? ` · lỗi ${t.failed}` : "", t.pending ? ` · đang chờ ${t.pending}` : "",
      t.cancelled ? ` · đã hủy ${t.cancelled}` : ""),
    el("div", { class: "track", role: "progressbar", "aria-label": `${CHANNEL[t.channel] ?? t.channel}: đã gửi`, "aria-valuemin": 0, "aria-valuemax": total, "aria-valuenow": done }, doneBar, failedBar));
}

/** The documents of the session: each as PDF or DOCX, generated when asked for; those not yet possible say why. */
async function documents() {
  const list = await api(`${base}/documents`);
  const problem = document.getElementById("documents-problem");
  const get = async (slug, extension, button) => {
    problem.hidden = true;
    try {
      await download(`${base}/documents/${slug}.${extension}`, button);
    } catch (error) {
      problem.textContent = error.message;
      problem.hidden = false;
    }
  };
  document.querySelector("#documents tbody").replaceChildren(...list.map((d) => el("tr", { "data-document": d.slug },
    el("td", {}, d.name),
    el("td", {}, d.available
      ? [el("button", { type: "button", class: "secondary", "aria-label": `PDF: ${d.name}`, onclick: (e) => get(d.slug, "pdf", e.currentTarget) }, "PDF"), " ",
        el("button", { type: "button", class: "secondary", "aria-label": `Word: ${d.name}`, onclick: (e) => get(d.slug, "docx", e.currentTarget) }, "Word")]
      : el("span", { class: "muted" }, d.why)))));
}

/** The conclusion: drafted item by item while the session is held, signed by the chair, then published; its follow-up tasks. */
async function results(view) {
  const s = shownSession;
  const section = document.getElementById("results");
  section.hidden = !["held", "concluded"].includes(s.status);
  if (section.hidden) return;
  view ??= await api(`${base}/results`);
  const canEdit = me.role !== "viewer";
  const form = document.getElementById("conclusion-form");
  const editing = canEdit && s.status === "held" && !view.signed;
  if (editing && form.hidden) {
    document.getElementById("items").replaceChildren(...view.items.map((item) => itemEditor(item)));
    renumber();
    form.closingRemarks.value = view.closingRemarks ?? "";
    form.signedBy.value = s.organisers?.chair?.name ?? s.chair ?? "";
  }
  form.hidden = !editing;

  const summary = document.getElementById("results-summary");
  const due = formatDay(view.resultsDue);
  summary.replaceChildren(view.published
    ? el("span", {}, el("span", { class: `badge ${view.publishedLate ? "late" : "held"}` }, `Đã công bố thông báo số ${view.noticeNumber}/TB-UBND`),
      ` lúc ${formatMoment(view.publishedAt)}${view.publishedLate ? ` (quá hạn ${due})` : ""} · `,
      el("a", { href: `${base}/conclusion.pdf` }, "Bản PDF đã gửi"), view.publicLink ? [" · ", el("a", { href: view.publicLink }, "Trang công khai")] : "")
    : view.signed
      ? el("span", {}, el("span", { class: "badge scheduled" }, "Đã ký"), ` bởi ${view.signedBy} lúc ${formatMoment(view.signedAt)}; chưa công bố. Hạn công bố ${due}.`)
      : el("span", {}, `Chưa ký kết luận. Hạn công bố kết quả ${due} (Điều 43: trong 10 ngày sau hội nghị).`));

  document.getElementById("signed-conclusion").replaceChildren(...(view.signed ? [
    el("ol", { class: "conclusion" }, view.items.map((item) => el("li", {},
      el("strong", {}, item.matter), " — ", OUTCOME[item.outcome] ?? item.outcome,
      item.unit ? `: ${item.unit}${item.dueDate ? `, hạn ${dayText(item.dueDate)}` : ""}` : "", item.sentTo ? `: ${item.sentTo}` : "",
      item.answer ? el("div", { class: "muted" }, item.answer) : ""))),
    view.closingRemarks ? el("p", { class: "minutes" }, view.closingRemarks) : "",
  ] : []));

  document.getElementById("publish-form").hidden = !(canEdit && view.signed && !view.published);
  const going = view.deliveries.filter((t) => t.channel !== "plan");
  document.getElementById("results-deliveries").replaceChildren(...(going.length ? [el("h3", {}, "Gửi kết quả"), ...going.map(progress)] : []));
  if (view.deliveries.some((t) => t.pending > 0)) setTimeout(() => results().catch(() => {}), 3000);
  followUps(view, canEdit);
}

function followUps(view, canEdit) {
  document.getElementById("follow-up-box").hidden = view.followUps.length === 0;
  const problem = document.getElementById("follow-up-problem");
  const close = async (task, input) => {
    problem.hidden = true;
    try {
      await results(await api(`${base}/follow-ups/${encodeURIComponent(task.key)}/close`, { method: "POST", body: { whatWasDone: input.value.trim() } }));
    } catch (error) {
      problem.textContent = error.message;
      problem.hidden = false;
      input.setAttribute("aria-invalid", "true");
      input.focus();
    }
  };
  document.querySelector("#follow-ups tbody").replaceChildren(...view.followUps.map(({ task, overdue, daysLeft }) => {
    const closed = Boolean(task.closedAt);
    const input = el("input", { maxlength: 2000, "aria-label": `Kết quả thực hiện: ${task.matter}` });
    return el("tr", { "data-follow-up": task.key },
      el("td", {}, task.matter, task.petitionId ? el("span", { class: "muted" }, ` (kiến nghị ${task.petitionId})`) : ""),
      el("td", {}, task.unit, el("br"), el("span", { class: "muted" }, OWNER[task.ownerRole] ?? task.ownerRole)),
      el("td", {}, dayText(task.dueDate)),
      el("td", {}, closed
        ? [el("span", { class: "badge held" }, "Đã xong"), el("div", { class: "muted" }, `${task.whatWasDone} · ${formatMoment(task.closedAt)}`)]
        : el("span", { class: `badge ${overdue ? "late" : "scheduled"}` }, overdue ? `Quá hạn ${-daysLeft} ngày` : daysLeft === 0 ? "Hạn hôm nay" : `Còn ${daysLeft} ngày`)),
      el("td", {}, canEdit && !closed ? el("div", { class: "toolbar" }, input,
        el("button", { type: "button", class: "secondary", onclick: () => close(task, input) }, "Đóng việc")) : ""));
  }));
}

/** One item of the conclusion as a group of fields; the outcome shows the fields it needs. */
function itemEditor(item = { matter: "", outcome: "answered-at-session" }) {
  const options = (map, chosen) => Object.entries(map).map(([value, text]) => el("option", { value, selected: value === chosen }, text));
  const box = el("fieldset", { class: "item conclusion-item" },
    el("legend", {}, "Nội dung"),
    el("label", {}, "Vấn đề người dân nêu", el("textarea", { name: "matter", rows: 2, maxlength: 1000 }, item.matter ?? "")),
    el("label", {}, "Kết quả", el("select", { name: "outcome" }, options(OUTCOME, item.outcome))),
    el("label", {}, "Nội dung trả lời, kết luận", el("textarea", { name: "answer", rows: 2, maxlength: 4000 }, item.answer ?? "")),
    el("div", { class: "row", "data-outcome": "to-be-handled" },
      el("label", {}, "Đơn vị được giao", el("input", { name: "unit", maxlength: 200, value: item.unit ?? "" })),
      el("label", {}, "Hạn giải quyết (dd/mm/yyyy)", el("input", { name: "dueDate", inputmode: "numeric", placeholder: "dd/mm/yyyy", value: item.dueDate ? dayText(item.dueDate) : "" })),
      el("label", {}, "Người được nhắc việc", el("select", { name: "ownerRole" }, options(OWNER, item.ownerRole ?? "officer")))),
    el("label", { "data-outcome": "beyond-commune" }, "Chuyển đến cơ quan", el("input", { name: "sentTo", maxlength: 200, value: item.sentTo ?? "" })),
    el("div", { class: "row" },
      el("label", {}, "Kiến nghị liên quan", el("select", { name: "petitionId" }, el("option", { value: "" }, "(không)"),
        sessionPetitions.map((p) => el("option", { value: p.id, selected: p.id === item.petitionId }, `${p.id} · ${p.content.slice(0, 60)}`)))),
      el("label", {}, "Người phát biểu", el("select", { name: "speakerNumber" }, el("option", { value: "" }, "(không)"),
        sessionSpeakers.map((sp) => el("option", { value: sp.number, selected: sp.number === item.speakerNumber }, `${sp.position}. ${sp.fullName}`))))),
    el("div", { class: "toolbar" }, el("button", { type: "button", class: "danger", onclick: () => {
      box.remove();
      renumber();
    } }, "Bỏ nội dung này")));
  const fit = () => box.querySelectorAll("[data-outcome]").forEach((part) => (part.hidden = part.dataset.outcome !== box.querySelector("[name=outcome]").value));
  box.querySelector("[name=outcome]").addEventListener("change", fit);
  fit();
  return box;
}

/**
 * Numbers the items of an editable list as the officer reads them ("Nội dung 2", "Mục 3"): the legend, the remove
 * button's name, and data-field "<key>-n" where showListProblem puts item n's errors.
 */
function numberItems(list, key, label) {
  list.querySelectorAll(":scope > fieldset").forEach((box, i) => {
    box.querySelector("legend").textContent = `${label} ${i + 1}`;
    box.dataset.field = `${key}-${i + 1}`;
    box.querySelector("button.danger").setAttribute("aria-label", `Bỏ ${label.toLowerCase()} ${i + 1}`);
  });
}

const renumber = () => numberItems(document.getElementById("items"), "items", "Nội dung");

/** The items as the API takes them; a due date that is no day is refused here, next to its field. */
function readItems() {
  const problems = [];
  const items = [...document.querySelectorAll("#items fieldset.conclusion-item")].map((box, i) => {
    const field = (name) => box.querySelector(`[name=${name}]`).value.trim();
    const outcome = field("outcome");
    const item = { matter: field("matter"), outcome, answer: field("answer") || null, petitionId: field("petitionId") || null,
      speakerNumber: field("speakerNumber") ? Number(field("speakerNumber")) : null };
    if (outcome === "to-be-handled") {
      const due = field("dueDate") ? parseDay(field("dueDate")) : null;
      if (field("dueDate") && !due) problems.push(`Nội dung ${i + 1}: hạn giải quyết ghi dd/mm/yyyy, ví dụ ${dayText(new Date(Date.now() + 7 * 86400_000))}.`);
      Object.assign(item, { unit: field("unit"), dueDate: due, ownerRole: field("ownerRole") });
    }
    if (outcome === "beyond-commune") item.sentTo = field("sentTo");
    return item;
  });
  return { items, problems };
}

const showItemProblems = (form, error) => showListProblem(form, error, "items", "Nội dung");

const conclusionForm = document.getElementById("conclusion-form");

async function saveConclusion(sign) {
  clearProblem(conclusionForm);
  const { items, problems } = readItems();
  if (problems.length) return showItemProblems(conclusionForm, new ApiProblem(400, { detail: "Kết luận chưa hợp lệ.", errors: { items: problems } }));
  const closingRemarks = conclusionForm.closingRemarks.value.trim() || null;
  try {
    if (sign) {
      if (!(await ask("Ký kết luận? Sau khi ký, nội dung kết luận không sửa được nữa.", "Ký kết luận"))) return;
      await api(`${base}/conclusion/sign`, { method: "POST", body: { signedBy: conclusionForm.signedBy.value.trim(), items, closingRemarks } });
      await reload();
    } else {
      await api(`${base}/conclusion`, { method: "PUT", body: { items, closingRemarks } });
      document.getElementById("draft-saved").textContent = `Đã lưu dự thảo lúc ${formatMoment(new Date().toISOString())}.`;
    }
  } catch (error) {
    showItemProblems(conclusionForm, error);
  }
}

document.getElementById("add-item").addEventListener("click", () => {
  const box = itemEditor();
  document.getElementById("items").append(box);
  renumber();
  box.querySelector("textarea").focus();
});
document.getElementById("save-draft").addEventListener("click", () => saveConclusion(false));
conclusionForm.addEventListener("submit", (event) => {
  event.preventDefault();
  saveConclusion(true);
});

document.getElementById("publish-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  clearProblem(form);
  if (!(await ask("Công bố kết quả? Thông báo kết luận được cấp số và gửi đi ngay; không thu hồi được.", "Công bố kết quả"))) return;
  try {
    await api(`${base}/results/publish`, { method: "POST" });
    await reload();
  } catch (error) {
    showProblem(form, error);
  }
});

/** The speaking order; the chair moves a speaker up or down, and the order is saved at once. */
async function speakers(list) {
  list ??= await api(`${base}/speakers`);
  sessionSpeakers = list;
  const link = document.getElementById("registration-link");
  link.href = `/dang-ky.html?xa=${encodeURIComponent(code)}&phien=${encodeURIComponent(id)}`;
  link.textContent = new URL(link.href, location.href).href;
  const canMove = me.role !== "viewer" && list.length > 1;
  const move = async (index, by) => {
    const numbers = list.map((s) => s.number);
    [numbers[index], numbers[index + by]] = [numbers[index + by], numbers[index]];
    await speakers(await api(`${base}/speakers/order`, { method: "PUT", body: { numbers } }));
  };
  const rows = list.map((s, i) => el("tr", { "data-speaker": s.number },
    el("td", {}, s.position),
    el("td", {}, el("strong", {}, s.fullName), s.jobTitle ? `, ${s.jobTitle}` : "", el("br"), el("span", { class: "muted" }, s.workplaceOrAddress)),
    el("td", {}, s.opinion),
    el("td", {}, s.phoneErasedAt ? el("span", { class: "muted" }, "đã xóa sau 30 ngày") : s.phone),
    el("td", {}, canMove && i > 0 ? el("button", { type: "button", class: "secondary", "aria-label": `Đưa ${s.fullName} lên trước`, onclick: () => move(i, -1) }, "↑") : "",
      canMove && i < list.length - 1 ? el("button", { type: "button", class: "secondary", "aria-label": `Đưa ${s.fullName} xuống sau`, onclick: () => move(i, 1) }, "↓") : "",
      me.role !== "viewer" ? removeButton(s) : "")));
  document.querySelector("#speakers tbody").replaceChildren(...(rows.length ? rows : [el("tr", {}, el("td", { colspan: 5, class: "muted" }, "Chưa có ai đăng ký phát biểu."))]));
}

/**
 * Removes a registration (a duplicate, one made in someone else's name): the first press asks, the second removes;
 * the office's removal is in the audit log.
 */
function removeButton(speaker) {
  const button = el("button", { type: "button", class: "secondary", "aria-label": `Xóa đăng ký của ${speaker.fullName}` }, "Xóa");
  button.addEventListener("click", async () => {
    if (!button.dataset.confirm) {
      button.dataset.confirm = "1";
      button.textContent = "Xác nhận xóa";
      button.setAttribute("aria-label", `Xác nhận xóa đăng ký của ${speaker.fullName}`);
      return;
    }
    const problem = document.getElementById("speakers-problem");
    problem.hidden = true;
    try {
      const removal = await api(`${base}/speakers/${speaker.number}`, { method: "DELETE" });
      await speakers(removal.speakers);
      problem.hidden = false;
      problem.className = "ok";
      problem.textContent = `Đã xóa đăng ký số ${removal.removed} (${speaker.fullName}).`;
    } catch (error) {
      problem.hidden = false;
      problem.className = "problem";
      problem.textContent = error.message;
    }
  });
  return button;
}

/** The preparation milestones (done, due soon, overdue) and the programme; the office marks a task done or moves its date. */
async function preparation(view) {
  view ??= await api(`${base}/preparation`);
  const problem = document.getElementById("preparation-problem");
  const canEdit = me.role !== "viewer" && shownSession.status !== "cancelled";
  const change = async (path, options) => {
    problem.hidden = true;
    try {
      await preparation(await api(`${base}/preparation/milestones/${path}`, options));
    } catch (error) {
      problem.textContent = error.message;
      problem.hidden = false;
    }
  };
  invitationsOpen = view.milestones.some(({ milestone: m, state }) => m.automation === "invitations" && state !== "done");
  const rows = view.milestones.map(({ milestone: m, state, daysLeft }) => {
    const manual = m.automation === "none";
    const due = canEdit && manual && state !== "done"
      ? el("input", { value: dayText(m.dueDate), inputmode: "numeric", size: 10, "aria-label": `Hạn (dd/mm/yyyy): ${m.title}`,
        onchange: (event) => {
          const day = parseDay(event.target.value);
          if (!day) {
            problem.textContent = `Hạn của "${m.title}" ghi dd/mm/yyyy, ví dụ ${dayText(m.dueDate)}.`;
            problem.hidden = false;
            return;
          }
          change(encodeURIComponent(m.key), { method: "PUT", body: { dueDate: day } });
        } })
      : formatDay(m.dueDate);
    const left = state === "done" ? (m.doneAt ? `ngày ${formatDay(m.doneAt)}` : "") : daysLeft < 0 ? `quá ${-daysLeft} ngày` : daysLeft === 0 ? "hôm nay" : `còn ${daysLeft} ngày`;
    return el("tr", { "data-milestone": m.key },
      el("td", {}, m.title, m.note ? el("br") : "", m.note ? el("span", { class: "muted" }, m.note) : ""),
      el("td", {}, m.ownerUnit),
      el("td", {}, due),
      el("td", {}, el("span", { class: `badge ${state === "overdue" ? "late" : state === "done" ? "held" : ""}` }, MILESTONE[state] ?? state), " ", el("span", { class: "muted" }, left)),
      el("td", {}, canEdit && manual && state !== "done"
        ? [el("button", { type: "button", class: "secondary", "aria-label": `Đã xong: ${m.title}`, onclick: () => change(`${encodeURIComponent(m.key)}/done`, { method: "POST", body: {} }) }, "Đã xong"), " ",
          el("button", { type: "button", class: "danger", "aria-label": `Bỏ: ${m.title}`, onclick: async () => {
            if (await ask(`Bỏ công việc "${m.title}"? Người được giao không còn được nhắc.`, "Bỏ công việc")) change(encodeURIComponent(m.key), { method: "DELETE" });
          } }, "Bỏ")]
        : ""));
  });
  document.querySelector("#milestones tbody").replaceChildren(...rows);
  document.getElementById("milestone-add").hidden = !canEdit;
  document.getElementById("agenda").replaceChildren(...view.agenda.map((item) =>
    el("li", {}, el("strong", {}, item.startsAt.slice(0, 5)), ` ${item.title}`, item.presenter ? el("span", { class: "muted" }, ` — ${item.presenter}`) : "")));
  const agendaEdit = document.getElementById("agenda-edit");
  agendaEdit.hidden = !canEdit || shownSession.status !== "scheduled";
  if (!agendaEdit.open) {
    document.getElementById("agenda-items").replaceChildren(...view.agenda.map(agendaEditor));
    renumberAgenda();
  }
}

const milestoneForm = document.getElementById("milestone-form");
milestoneForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearProblem(milestoneForm);
  const dueDate = milestoneForm.dueDate.value.trim() ? parseDay(milestoneForm.dueDate.value) : "";
  if (dueDate === null) {
    return showProblem(milestoneForm, new ApiProblem(400, { detail: "Công việc chưa hợp lệ.", errors: { dueDate: ["Hạn ghi dd/mm/yyyy, ví dụ 15/12/2026."] } }));
  }
  try {
    const view = await api(`${base}/preparation/milestones`, { method: "POST", body: {
      title: milestoneForm.title.value.trim(), ownerUnit: milestoneForm.ownerUnit.value.trim(), dueDate: dueDate || null, ownerRole: milestoneForm.ownerRole.value,
    } });
    milestoneForm.reset();
    await preparation(view);
  } catch (error) {
    showProblem(milestoneForm, error);
  }
});

/** One line of the programme being edited: its time (hh:mm), what, who leads it. */
function agendaEditor(item = { startsAt: "", title: "" }) {
  const box = el("fieldset", { class: "item agenda-item" },
    el("legend", {}, "Mục"),
    el("div", { class: "row" },
      el("label", {}, "Giờ (hh:mm)", el("input", { name: "startsAt", inputmode: "numeric", placeholder: "hh:mm", size: 5, value: item.startsAt.slice(0, 5) })),
      el("label", {}, "Nội dung", el("input", { name: "title", maxlength: 200, value: item.title })),
      el("label", {}, "Người thực hiện", el("input", { name: "presenter", maxlength: 200, value: item.presenter ?? "" }))),
    el("div", { class: "toolbar" }, el("button", { type: "button", class: "danger", onclick: () => {
      box.remove();
      renumberAgenda();
    } }, "Bỏ mục này")));
  return box;
}

const renumberAgenda = () => numberItems(document.getElementById("agenda-items"), "agenda", "Mục");

const agendaForm = document.getElementById("agenda-form");
document.getElementById("add-agenda-item").addEventListener("click", () => {
  const box = agendaEditor();
  document.getElementById("agenda-items").append(box);
  renumberAgenda();
  box.querySelector("input").focus();
});
agendaForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearProblem(agendaForm);
  document.getElementById("agenda-saved").hidden = true;
  const problems = [];
  const list = document.getElementById("agenda-items");
  const boxes = [...list.querySelectorAll("fieldset.agenda-item")];
  const timeOf = (box) => parseTime(box.querySelector("[name=startsAt]").value);
  boxes.forEach((box, i) => {
    if (!timeOf(box)) problems.push(`Mục ${i + 1}: giờ ghi hh:mm theo 24 giờ, ví dụ 14:30.`);
  });
  if (!problems.length) {
    // An item added at the end takes its place by its time; the numbers the platform answers with are the ones shown.
    list.append(...boxes.sort((a, b) => timeOf(a).localeCompare(timeOf(b))));
    renumberAgenda();
  }
  const items = [...list.querySelectorAll("fieldset.agenda-item")].map((box) => {
    const field = (name) => box.querySelector(`[name=${name}]`).value.trim();
    return { startsAt: parseTime(field("startsAt")), title: field("title"), presenter: field("presenter") || null };
  });
  if (problems.length) return showListProblem(agendaForm, new ApiProblem(400, { detail: "Chương trình hội nghị chưa hợp lệ.", errors: { agenda: problems } }), "agenda", "Mục");
  try {
    const view = await api(`${base}/preparation/agenda`, { method: "PUT", body: { items } });
    document.getElementById("agenda-edit").open = false;
    await preparation(view);
    const saved = document.getElementById("agenda-saved");
    saved.textContent = `Đã lưu chương trình (${items.length} mục).`;
    saved.hidden = false;
  } catch (error) {
    showListProblem(agendaForm, error, "agenda", "Mục");
  }
});

/** What the session's notices are: sent or still to send, to how many, when; while it is still to be held. */
async function noticePlan() {
  const box = document.getElementById("notice-plan");
  box.hidden = shownSession.status !== "scheduled";
  if (box.hidden) return;
  document.getElementById("notice-plan-body").replaceChildren(...noticePlanView(await api(`${base}/notice-plan`)));
}

const ROLE_OF_GROUP = { resident: "người dân", delegate: "đại biểu", "hamlet-head": "trưởng thôn, tổ trưởng", "front-committee": "Mặt trận" };
let inviteeView;

/** The invitee groups: quota, who fills them, who is chosen and what is missing; the office adds groups and chooses for any. */
async function invitees(view) {
  view ??= await api(`${base}/invitees`);
  inviteeView = view;
  const canEdit = me.role !== "viewer" && shownSession.status === "scheduled" && new Date(shownSession.startsAt) > new Date();
  document.getElementById("invitee-summary").replaceChildren(view.groups.length === 0
    ? el("span", { class: "muted" }, "Chưa đặt định mức. Thêm nhóm (mỗi thôn, tổ dân phố; đại biểu; trường học…); trưởng thôn nhận đường dẫn để chọn người.")
    : el("span", {}, `Cần ${view.wanted} người · đã chọn ${view.chosen} · `,
      el("span", { class: `badge ${view.groupsShort ? "late" : "held"}` }, view.groupsShort ? `${view.groupsShort} nhóm còn thiếu` : "đủ định mức"),
      ` · hạn chọn ${formatDay(view.deadline)}`));
  const rows = view.groups.flatMap((g) => {
    const quota = g.minimum === g.maximum ? `${g.minimum}` : `${g.minimum}–${g.maximum}`;
    const by = g.hamlet ? (g.filledBy.length ? g.filledBy.join(", ") : el("span", { class: "problem" }, "chưa có trưởng thôn trong danh bạ")) : g.filledBy.join(", ");
    const row = el("tr", { "data-group": g.key },
      el("td", {}, el("strong", {}, g.name), g.role ? el("br") : "", g.role ? el("span", { class: "muted" }, ROLE_OF_GROUP[g.role] ?? g.role) : ""),
      el("td", {}, by),
      el("td", { class: "number" }, quota),
      el("td", {}, g.members.length ? g.members.map((m) => m.fullName).join(", ") : el("span", { class: "muted" }, "chưa có")),
      el("td", {}, el("span", { class: `badge ${g.missing ? "late" : "held"}` }, g.missing ? `thiếu ${g.missing}` : "đủ")),
      el("td", {}, canEdit ? [
        el("button", { type: "button", class: "secondary", onclick: () => pick(g, row) }, "Chọn người"),
        el("button", { type: "button", class: "danger", "aria-label": `Bỏ nhóm ${g.name}`, onclick: () => saveGroups(view.groups.filter((x) => x.key !== g.key).map(draftOf)) }, "Bỏ"),
      ] : ""));
    return [row];
  });
  document.querySelector("#invitee-groups tbody").replaceChildren(...(rows.length ? rows : [el("tr", {}, el("td", { colspan: 6, class: "muted" }, "Chưa có nhóm."))]));
  document.getElementById("group-forms").hidden = !canEdit;
  const hamlet = document.querySelector("#group-form [name=hamlet]");
  hamlet.replaceChildren(hamlet.options[0], ...view.hamlets.map((h) => el("option", { value: h }, h)));
}

const draftOf = (g) => ({ key: g.key, name: g.name, hamlet: g.hamlet, role: g.role, minimum: g.minimum, maximum: g.maximum });

function inviteeProblem(error) {
  const problem = document.getElementById("invitees-problem");
  const details = Object.values(error?.problem?.errors ?? {}).flat();
  problem.textContent = [error.message, ...details].join(" ");
  problem.hidden = false;
}

async function saveGroups(groups) {
  document.getElementById("invitees-problem").hidden = true;
  try {
    await invitees(await api(`${base}/invitees/groups`, { method: "PUT", body: { groups } }));
    return true;
  } catch (error) {
    inviteeProblem(error);
    return false;
  }
}

/** The office chooses for a group: the people who may be chosen, ticked; saved at once. */
async function pick(group, row) {
  document.querySelectorAll("#invitee-groups tr.picker").forEach((r) => r.remove());
  let candidates;
  try {
    candidates = await api(`${base}/invitees/groups/${encodeURIComponent(group.key)}/candidates`);
  } catch (error) {
    inviteeProblem(error);
    return;
  }
  const boxes = candidates.map((c) => el("label", { class: "check" }, el("span", {},
    el("input", { type: "checkbox", value: c.contactId, checked: c.chosen, disabled: !!c.chosenInGroup }),
    c.fullName, c.title ? `, ${c.title}` : "", c.chosenInGroup ? el("span", { class: "muted" }, ` — ở ${c.chosenInGroup}`) : "")));
  const save = async () => {
    const contactIds = boxes.map((b) => b.querySelector("input")).filter((i) => i.checked).map((i) => i.value);
    document.getElementById("invitees-problem").hidden = true;
    try {
      await invitees(await api(`${base}/invitees/groups/${encodeURIComponent(group.key)}/members`, { method: "PUT", body: { contactIds } }));
    } catch (error) {
      inviteeProblem(error);
    }
  };
  row.after(el("tr", { class: "picker" }, el("td", { colspan: 6 },
    boxes.length ? boxes : el("p", { class: "muted" }, "Danh bạ chưa có ai thuộc nhóm này."),
    el("button", { type: "button", onclick: save }, `Lưu danh sách ${group.name}`))));
}

document.getElementById("group-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const f = event.target;
  const added = { name: f.name.value.trim(), hamlet: f.hamlet.value || null, role: f.role.value || null, minimum: Number(f.minimum.value), maximum: Number(f.maximum.value) };
  if (await saveGroups([...inviteeView.groups.map(draftOf), added])) f.name.value = "";
});

document.getElementById("hamlet-groups-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const f = event.target;
  const taken = new Set(inviteeView.groups.map((g) => g.hamlet).filter(Boolean));
  const added = inviteeView.hamlets.filter((h) => !taken.has(h))
    .map((h) => ({ name: h, hamlet: h, role: "resident", minimum: Number(f.minimum.value), maximum: Number(f.maximum.value) }));
  await saveGroups([...inviteeView.groups.map(draftOf), ...added]);
});

async function petitions() {
  const all = await api(`/api/communes/${encodeURIComponent(code)}/petitions`);
  const mine = all.filter((p) => p.sessionId === id);
  sessionPetitions = mine;
  const rows = mine.map((p) => el("tr", {},
    el("td", {}, p.id), el("td", {}, FIELD[p.field] ?? p.field), el("td", {}, p.content),
    el("td", {}, el("span", { class: `badge ${p.overdue ? "late" : ""}` }, PETITION[p.status] ?? p.status)),
    el("td", {}, formatDay(p.owedBy ?? p.dueDate ?? p.acknowledgeBy))));
  document.querySelector("#petitions tbody").replaceChildren(...(rows.length ? rows : [el("tr", {}, el("td", { colspan: 5, class: "muted" }, "Chưa có kiến nghị."))]));
}

document.getElementById("desk-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  clearProblem(form);
  const done = document.getElementById("desk-done");
  done.hidden = true;
  const text = (name) => form[name].value.trim() || null;
  try {
    const name = text("fullName");
    const receipt = await api(`${base}/speakers/desk`, { method: "POST", body: {
      fullName: text("fullName") ?? "", workplaceOrAddress: text("workplaceOrAddress") ?? "", opinion: text("opinion") ?? "",
      jobTitle: text("jobTitle"), phone: text("phone"), consent: form.consent.checked,
    } });
    form.reset();
    done.textContent = `Đã ghi ${name}: phát biểu thứ ${receipt.position}.`;
    done.hidden = false;
    await speakers();
    form.fullName.focus();
  } catch (error) {
    showProblem(form, error);
  }
});

/** The forms of the "Cập nhật" card: each posts its action; cancelling asks once. */
for (const form of document.querySelectorAll("#actions form")) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearProblem(form);
    const action = form.dataset.action;
    let body;
    if (action === "cancel") {
      body = { reason: form.reason.value.trim() };
      if (!(await ask(`Hủy phiên "${shownSession.title}"? Người được mời sẽ nhận thông báo hủy; không hoàn tác được.`, "Hủy phiên"))) return;
    } else if (action === "reschedule") {
      const startsAt = readMoment(form, "startsAt");
      if (!startsAt) {
        return showProblem(form, new ApiProblem(400, { detail: "Thời điểm mới chưa hợp lệ.",
          errors: { startsAt: ["Ngày ghi dd/mm/yyyy (ví dụ 18/12/2026), giờ ghi hh:mm theo 24 giờ (ví dụ 14:30)."] } }));
      }
      body = { startsAt, reason: form.reason.value.trim() };
    } else if (action === "organisers") {
      body = readOrganisers(form);
    } else if (action === "minutes") {
      body = { minutes: form.minutes.value };
    }
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      await api(`${base}/${action}`, { method: form.dataset.method ?? "POST", body });
      if (action === "reschedule" || action === "cancel") form.reason.value = "";
      await reload();
      if (action === "reschedule" || action === "cancel") deliveries().catch(() => {});
    } catch (error) {
      showProblem(form, error);
    } finally {
      button.disabled = false;
    }
  });
}

load().catch(fail);
