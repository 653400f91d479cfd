import { api, ApiProblem, el, param, fail, showProblem, clearProblem, formatMoment, dayText, KIND, FORM, FIELD } from "/app.js";

const code = param("xa");
const lookup = document.getElementById("lookup-form");
/** A petition's state in the words a petitioner understands. */
const PROGRESS = {
  received: "Đã tiếp nhận, đang chờ xã báo đã nhận",
  acknowledged: "Xã đã nhận và đang giải quyết",
  assigned: "Đã giao đơn vị giải quyết",
  escalated: "Đã chuyển cơ quan cấp trên giải quyết",
  answered: "Đã có trả lời",
};

async function load() {
  const page = await api(`/api/public/communes/${encodeURIComponent(code)}`);
  document.title = `Đối thoại với Nhân dân · ${page.name}`;
  document.getElementById("heading").textContent = `Đối thoại với Nhân dân · ${page.name}`;
  document.getElementById("province").textContent = page.provinceName;
  document.getElementById("calendar-feed").href = page.calendarFeed;

  document.getElementById("alerts").hidden = page.urgentAlerts.length === 0;
  document.getElementById("alert-list").replaceChildren(...page.urgentAlerts.map((s) => el("li", {},
    el("strong", {}, s.title), el("br"), `${formatMoment(s.startsAt)} · ${place(s)}`, s.urgentReason ? el("div", {}, `Lý do: ${s.urgentReason}`) : "")));

  document.getElementById("upcoming").replaceChildren(...(page.upcoming.length ? page.upcoming.map(session)
    : [el("li", { class: "muted" }, "Chưa có hội nghị nào được lên lịch.")]));

  document.getElementById("results").replaceChildren(...(page.results.length ? page.results.map((r) => el("li", { class: "result" },
    el("strong", {}, `Thông báo số ${r.noticeReference}: ${r.title}`), el("br"),
    el("span", { class: "muted" }, `Hội nghị ngày ${dayText(r.heldAt)} · công bố ngày ${dayText(r.publishedAt)}`),
    el("ol", {}, r.items.map((i) => el("li", {}, i.matter, i.answer ? `: ${i.answer}` : "", i.unit ? ` (giao ${i.unit}${i.dueDate ? `, hạn ${dayText(i.dueDate)}` : ""})` : ""))),
    el("a", { href: r.documentLink }, "Tải thông báo kết luận (PDF)")))
    : [el("li", { class: "muted" }, "Chưa có kết quả được công bố.")]));
}

const place = (s) => (s.form === "online" ? `trực tuyến: ${s.onlineUrl}` : s.venue ?? "");

function session(s) {
  const cancelled = s.status === "cancelled";
  return el("li", { class: `dialogue ${cancelled ? "cancelled" : ""}`, "data-session": s.id },
    el("span", { class: `badge ${s.kind === "urgent" ? "urgent" : "scheduled"}` }, KIND[s.kind]), " ",
    cancelled ? el("span", { class: "badge cancelled" }, "Đã hủy") : "",
    el("h3", {}, s.title),
    el("p", {}, el("strong", {}, formatMoment(s.startsAt)), ` (${s.durationMinutes} phút) · ${FORM[s.form]}`, el("br"),
      s.form === "online" ? ["Tham gia trực tuyến: ", el("a", { href: s.onlineUrl, rel: "noopener" }, s.onlineUrl)] : `Địa điểm: ${s.venue ?? ""}`),
    s.topic ? el("p", {}, `Nội dung: ${s.topic}`) : "",
    s.movedFrom ? el("p", { class: "hint refused" }, `Đã dời lịch, trước đây dự kiến ${formatMoment(s.movedFrom)}.`) : "",
    cancelled && s.cancelReason ? el("p", { class: "hint refused" }, `Lý do hủy: ${s.cancelReason}`) : "",
    s.registrationLink ? el("a", { class: "button", href: s.registrationLink }, "Đăng ký phát biểu ý kiến") : "");
}

lookup.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearProblem(lookup);
  const box = document.getElementById("petition");
  box.replaceChildren();
  const id = lookup.caseNumber.value.trim().toUpperCase();
  if (!id) return showProblem(lookup, new ApiProblem(400, { detail: "Nhập số kiến nghị.", errors: { caseNumber: ["Số kiến nghị in trên giấy biên nhận, ví dụ KN-2026-0001."] } }));
  try {
    const p = await api(`/api/public/communes/${encodeURIComponent(code)}/petitions/${encodeURIComponent(id)}?phone=${encodeURIComponent(lookup.phone.value.trim())}`);
    box.replaceChildren(el("dl", { class: "facts" },
      el("dt", {}, "Kiến nghị"), el("dd", {}, `${p.id} · ${FIELD[p.field] ?? p.field}`),
      el("dt", {}, "Ngày nhận"), el("dd", {}, dayText(p.receivedOn)),
      el("dt", {}, "Tình trạng"), el("dd", {}, el("strong", {}, PROGRESS[p.status] ?? p.status), p.overdue ? el("span", { class: "badge late" }, " đã quá hạn") : ""),
      ...(p.assignedUnit ? [el("dt", {}, "Đơn vị giải quyết"), el("dd", {}, p.assignedUnit)] : []),
      ...(p.owedBy && p.status !== "answered" ? [el("dt", {}, "Hạn"), el("dd", {}, dayText(p.owedBy))] : []),
      ...(p.answer ? [el("dt", {}, "Trả lời"), el("dd", {}, p.answer, p.answeredAt ? el("div", { class: "muted" }, `ngày ${dayText(p.answeredAt)}`) : "")] : [])));
  } catch (error) {
    showProblem(lookup, error);
  }
});

load().catch(fail);
