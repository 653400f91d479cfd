import { api, signedIn, el, param, fail, formatMoment, provinceNav, latest } from "/app.js";

const province = param("tinh");
const filters = document.getElementById("filters");
/** What each recorded action was, in the words of the office; grouped for the filter. */
const ACTION = {
  "session.scheduled": "Lên lịch phiên", "session.rescheduled": "Dời lịch phiên", "session.cancelled": "Hủy phiên", "session.held": "Ghi nhận đã tổ chức",
  "session.minutes-recorded": "Ghi biên bản", "session.organisers-set": "Đặt thành phần chủ trì", "session.recorded-afterwards": "Ghi nhận phiên đã tổ chức trước",
  "results.conclusion-drafted": "Lưu dự thảo kết luận", "results.signed": "Ký kết luận", "results.published": "Công bố kết quả", "follow-up.closed": "Đóng việc sau hội nghị",
  "petition.recorded": "Tiếp nhận kiến nghị", "petition.acknowledged": "Báo nhận kiến nghị", "petition.assigned": "Giao xử lý kiến nghị",
  "petition.escalated": "Chuyển kiến nghị cấp trên", "petition.answered": "Trả lời kiến nghị",
  "contacts.imported": "Nhập danh bạ", "contact.consent-changed": "Đổi đồng ý nhận tin", "contact.exported": "Xuất dữ liệu cá nhân", "contact.deleted": "Xóa người khỏi danh bạ",
  "loudspeakers.set": "Đặt hệ thống loa", "commune.notice-policy-set": "Đặt thời hạn thông báo của xã", "commune.notice-policy-cleared": "Bỏ thời hạn riêng của xã",
  "province.notice-policy-set": "Đặt thời hạn thông báo của tỉnh", "province.sms-policy-set": "Đặt cách viết SMS", "holidays.replaced": "Thay danh sách ngày nghỉ",
  "instruction.issued": "Gửi chỉ đạo", "instruction.acknowledged": "Xã nhận chỉ đạo", "instruction.done": "Xã báo đã thực hiện chỉ đạo",
  "dialogue-request.recorded": "Ghi nhận đề nghị đối thoại", "dialogue-request.signatures": "Cập nhật chữ ký đề nghị", "dialogue-request.answered": "Gắn phiên trả lời đề nghị",
  "milestone.added": "Thêm việc chuẩn bị", "milestone.changed": "Đổi hạn việc chuẩn bị", "milestone.done": "Xong việc chuẩn bị", "milestone.removed": "Bỏ việc chuẩn bị",
  "agenda.changed": "Đổi chương trình", "invitees.groups-set": "Đặt định mức người dự", "invitees.chosen": "Chọn người dự",
  "speaker.registered-at-desk": "Ghi đăng ký phát biểu tại bàn", "speakers.reordered": "Sắp thứ tự phát biểu",
  "token.issued": "Cấp mã truy cập", "token.revoked": "Thu hồi mã truy cập",
};
const GROUP = {
  session: "Phiên đối thoại", results: "Kết quả", "follow-up": "Kết quả", petition: "Kiến nghị", contacts: "Danh bạ, dữ liệu cá nhân", contact: "Danh bạ, dữ liệu cá nhân",
  loudspeakers: "Quy định, cài đặt", commune: "Quy định, cài đặt", province: "Quy định, cài đặt", holidays: "Quy định, cài đặt", instruction: "Chỉ đạo",
  "dialogue-request": "Đề nghị đối thoại", milestone: "Chuẩn bị", agenda: "Chuẩn bị", invitees: "Chuẩn bị", speaker: "Chuẩn bị", speakers: "Chuẩn bị", token: "Mã truy cập",
};
const groupOf = (action) => GROUP[action.split(".")[0]] ?? "Khác";
let entries = [];
let next = null;

async function load() {
  const me = await signedIn();
  if (province) {
    provinceNav(province, "nhat-ky", me);
    const communes = await api(`/api/provinces/${encodeURIComponent(province)}/communes`);
    filters.commune.append(...communes.map((c) => el("option", { value: c.code }, c.name)));
    const name = (await api("/api/provinces")).find((p) => p.code === province)?.name ?? province;
    document.getElementById("heading").textContent = `Nhật ký thao tác · ${name}`;
  } else {
    document.getElementById("commune-label").hidden = true;
    document.getElementById("heading").textContent = "Nhật ký thao tác · Toàn quốc";
  }
  filters.group.append(...[...new Set(Object.values(GROUP)), "Khác"].map((g) => el("option", { value: g }, g)));
  await page(true);
}

/** A page of the log, newest first; the commune is filtered by the server, the rest as the officer types. */
const paged = latest();
async function page(fresh) {
  const ticket = paged.take();
  if (fresh) {
    entries = [];
    next = null;
  }
  const query = new URLSearchParams({ limit: 200 });
  if (next) query.set("before", next);
  if (province && filters.commune.value) query.set("commune", filters.commune.value);
  const result = await api(`${province ? `/api/provinces/${encodeURIComponent(province)}/audit` : "/api/audit"}?${query}`);
  if (!paged.current(ticket)) return; // another commune was chosen meanwhile
  entries.push(...result.items);
  next = result.nextBefore;
  draw();
}

function draw() {
  const group = filters.group.value;
  const search = filters.search.value.trim().toLocaleLowerCase("vi");
  const shown = entries.filter((e) => !group || groupOf(e.action) === group)
    .filter((e) => !search || [e.actor, e.target, e.detail ?? "", ACTION[e.action] ?? e.action].some((t) => t.toLocaleLowerCase("vi").includes(search)));
  document.getElementById("shown").textContent = `${shown.length} mục${entries.length !== shown.length ? ` (trong ${entries.length} mục đã tải)` : ""}`;
  document.querySelector("#entries tbody").replaceChildren(...(shown.length ? shown.map((e) => el("tr", {},
    el("td", { class: "nowrap" }, formatMoment(e.at)),
    el("td", {}, e.actor),
    el("td", {}, ACTION[e.action] ?? e.action),
    el("td", {}, e.target, e.communeCode ? el("div", { class: "muted" }, e.communeCode) : ""),
    el("td", {}, e.detail ?? ""))) : [el("tr", {}, el("td", { colspan: 5, class: "muted" }, "Không có mục nào."))]));
  document.getElementById("more").hidden = !next;
}

filters.addEventListener("submit", (event) => event.preventDefault());
filters.commune.addEventListener("change", () => page(true).catch(fail));
filters.group.addEventListener("change", draw);
filters.search.addEventListener("input", draw);
document.getElementById("more").addEventListener("click", () => page(false).catch(fail));
load().catch(fail);
