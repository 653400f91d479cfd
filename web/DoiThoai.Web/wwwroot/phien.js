import { api, signedIn, el, param, fail, showProblem, clearProblem, formatMoment, formatDay, KIND, FORM, STATUS, CHANNEL } from "/app.js";

const code = param("xa");
const id = param("id");
const base = `/api/communes/${encodeURIComponent(code)}/sessions/${encodeURIComponent(id)}`;
const CHANGE = {
  scheduled: "Lên lịch", rescheduled: "Dời lịch", cancelled: "Hủy", held: "Đã tổ chức", concluded: "Kết luận đã ký",
  "results-published": "Công bố kết quả", "recorded-afterwards": "Ghi nhận sau khi đã tổ chức", "organisers-changed": "Đổi thành phần tổ chức",
  "deadline-recounted": "Tính lại hạn thông báo",
};
const FIELD = { land: "Đất đai", environment: "Môi trường", infrastructure: "Hạ tầng", "social-policy": "Chính sách xã hội",
  "public-order": "An ninh trật tự", administration: "Thủ tục hành chính", other: "Khác" };
const MILESTONE = { done: "Đã xong", open: "Chưa đến hạn", "due-soon": "Sắp đến hạn", overdue: "Quá hạn" };
const PETITION = { received: "Đã tiếp nhận", acknowledged: "Đã báo nhận", assigned: "Đã giao xử lý", escalated: "Chuyển cấp tỉnh", answered: "Đã trả lời" };
let me;

async function load() {
  me = await signedIn();
  document.getElementById("created").hidden = !param("moi");
  const [commune, session] = await Promise.all([api(`/api/communes/${encodeURIComponent(code)}`), api(base)]);
  show(commune, session);
  await Promise.all([deliveries(), petitions(), speakers(), preparation(), invitees()]);
}

let shownSession;

function show(commune, s) {
  shownSession = s;
  document.title = `${s.title} · ${commune.name}`;
  document.getElementById("breadcrumb").replaceChildren(el("a", { href: `/xa.html?ma=${code}` }, `Lịch đối thoại ${commune.name}`), ` › ${s.id}`);
  document.getElementById("title").textContent = s.title;
  const fact = (term, value) => (value ? [el("dt", {}, term), el("dd", {}, value)] : []);
  const resultsLate = ["held", "concluded"].includes(s.status) && !s.resultsPublishedAt && new Date() > new Date(`${s.resultsDue}T23:59:59+07:00`);
  document.getElementById("facts").replaceChildren(
    ...fact("Loại", el("span", { class: `badge ${s.kind === "urgent" ? "urgent" : ""}` }, KIND[s.kind])),
    ...fact("Trạng thái", el("span", { class: `badge ${s.status}` }, STATUS[s.status])),
    ...fact("Thời gian", `${formatMoment(s.startsAt)} (${s.durationMinutes} phút)`),
    ...fact("Hình thức", FORM[s.form]),
    ...fact("Địa điểm", s.venue),
    ...fact("Trực tuyến", s.onlineUrl),
    ...fact("Nội dung", s.topic),
    ...fact("Lý do đột xuất", s.urgentReason),
    ...fact("Chủ trì", s.chair),
    ...fact("Quy định thông báo", s.noticeRule),
    ...fact("Hạn gửi thông báo", formatMoment(s.noticeDeadline)),
    ...fact("Hạn công bố kết quả", s.status === "cancelled" ? null : el("span", { class: resultsLate ? "badge late" : "" },
      `${formatDay(s.resultsDue)}${resultsLate ? " — đã quá hạn" : ""}`)),
    ...fact("Thông báo kết luận", s.conclusionNumber
      ? el("span", {}, `Số ${s.conclusionNumber}/TB-UBND, công bố ${formatMoment(s.resultsPublishedAt)} · `,
        el("a", { href: `${base}/conclusion.pdf`, id: "conclusion-pdf" }, "Tải bản PDF"))
      : null),
    ...fact("Kết luận", s.conclusion),
    ...fact("Biên bản", s.minutes ? el("div", {}, el("p", { class: "minutes" }, s.minutes),
      el("span", { class: "muted" }, `Ghi lúc ${formatMoment(s.minutesRecordedAt)} · ${s.minutesRecordedBy}`)) : null),
    ...fact("Lý do hủy", s.cancelReason));
  document.getElementById("history").replaceChildren(...s.history.map((h) =>
    el("li", {}, `${formatMoment(h.at)} · ${CHANGE[h.kind] ?? h.kind}`, h.newStart ? ` → ${formatMoment(h.newStart)}` : "", h.reason ? ` (${h.reason})` : "")));

  const canOperate = me.role !== "viewer";
  document.getElementById("actions").hidden = !canOperate || s.status === "cancelled";
  document.getElementById("held-form").hidden = s.status !== "scheduled" || new Date(s.startsAt) > new Date();
  document.getElementById("cancel-form").hidden = s.status !== "scheduled";
  document.getElementById("conclude-form").hidden = s.status !== "held";
  document.getElementById("publish-form").hidden = s.status !== "concluded" || Boolean(s.resultsPublishedAt);
  const minutes = document.getElementById("minutes-form");
  minutes.hidden = !["held", "concluded"].includes(s.status);
  if (!minutes.hidden && !minutes.minutes.value) minutes.minutes.value = s.minutes ?? "";
}

let invitationsOpen = false;

/** One progress bar per channel, refreshed every few seconds while messages are still going out. */
async function deliveries() {
  const report = await api(`${base}/deliveries?pageSize=1`);
  const box = document.getElementById("deliveries");
  const channels = report.byChannel.filter((t) => t.channel !== "plan");
  if (channels.length === 0) {
    box.replaceChildren(el("p", { class: "muted" }, "Chưa có tin nào cho phiên này (chưa có người nhận trong danh bạ hoặc chưa đến lúc gửi)."));
  } else {
    box.replaceChildren(...channels.map((t) => {
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
        el("div", { class: "track", role: "progressbar", "aria-valuemin": 0, "aria-valuemax": total, "aria-valuenow": done }, doneBar, failedBar));
    }));
  }
  // The invitations milestone is done once the invitations went out: look again while it is open.
  if (invitationsOpen) preparation().catch(() => {});
  // Live while anything is still to go (the plan being expanded included); quieter while nothing is planned yet.
  const going = report.byChannel.some((t) => t.pending > 0);
  if (going || (channels.length === 0 && shownSession?.status === "scheduled")) setTimeout(() => deliveries().catch(() => {}), going ? 3000 : 10000);
}

/** The speaking order; the chair moves a speaker up or down, and the order is saved at once. */
async function speakers(list) {
  list ??= await api(`${base}/speakers`);
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
      canMove && i < list.length - 1 ? el("button", { type: "button", class: "secondary", "aria-label": `Đưa ${s.fullName} xuống sau`, onclick: () => move(i, 1) }, "↓") : "")));
  document.querySelector("#speakers tbody").replaceChildren(...(rows.length ? rows : [el("tr", {}, el("td", { colspan: 5, class: "muted" }, "Chưa có ai đăng ký phát biểu."))]));
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
      ? el("input", { type: "date", value: m.dueDate, "aria-label": `Hạn: ${m.title}`,
        onchange: (event) => change(encodeURIComponent(m.key), { method: "PUT", body: { dueDate: event.target.value } }) })
      : formatDay(m.dueDate);
    const left = state === "done" ? (m.doneAt ? `ngày ${formatDay(m.doneAt)}` : "") : daysLeft < 0 ? `quá ${-daysLeft} ngày` : daysLeft === 0 ? "hôm nay" : `còn ${daysLeft} ngày`;
    return el("tr", { "data-milestone": m.key },
      el("td", {}, m.title, m.note ? el("br") : "", m.note ? el("span", { class: "muted" }, m.note) : ""),
      el("td", {}, m.ownerUnit),
      el("td", {}, due),
      el("td", {}, el("span", { class: `badge ${state === "overdue" ? "late" : state === "done" ? "held" : ""}` }, MILESTONE[state] ?? state), " ", el("span", { class: "muted" }, left)),
      el("td", {}, canEdit && manual && state !== "done"
        ? el("button", { type: "button", class: "secondary", onclick: () => change(`${encodeURIComponent(m.key)}/done`, { method: "POST", body: {} }) }, "Đã xong")
        : ""));
  });
  document.querySelector("#milestones tbody").replaceChildren(...rows);
  document.getElementById("agenda").replaceChildren(...view.agenda.map((item) =>
    el("li", {}, el("strong", {}, item.startsAt.slice(0, 5)), ` ${item.title}`, item.presenter ? el("span", { class: "muted" }, ` — ${item.presenter}`) : "")));
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
  const rows = mine.map((p) => el("tr", {},
    el("td", {}, p.id), el("td", {}, FIELD[p.field] ?? p.field), el("td", {}, p.content),
    el("td", {}, el("span", { class: `badge ${p.overdue ? "late" : ""}` }, PETITION[p.status] ?? p.status)),
    el("td", {}, formatDay(p.owedBy ?? p.dueDate ?? p.acknowledgeBy))));
  document.querySelector("#petitions tbody").replaceChildren(...(rows.length ? rows : [el("tr", {}, el("td", { colspan: 5, class: "muted" }, "Chưa có kiến nghị."))]));
}

for (const form of document.querySelectorAll("#actions form")) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearProblem(form);
    const body = form.dataset.action === "conclude" ? { conclusion: form.conclusion.value, signedBy: form.signedBy.value.trim() || null }
      : form.dataset.action === "cancel" ? { reason: form.reason.value }
      : form.dataset.action === "minutes" ? { minutes: form.minutes.value } : undefined;
    try {
      await api(`${base}/${form.dataset.action}`, { method: form.dataset.method ?? "POST", body });
      show(await api(`/api/communes/${encodeURIComponent(code)}`), await api(base));
    } catch (error) {
      showProblem(form, error);
    }
  });
}

load().catch(fail);
