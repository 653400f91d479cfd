// Shared by every page: the officer's token, calls to the API, Vietnamese dates and labels.
const TOKEN_KEY = "doithoai.token";
const VN = "Asia/Ho_Chi_Minh";

export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (value) => sessionStorage.setItem(TOKEN_KEY, value),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** Signing out: the token leaves the tab, and the dashboard's cookie is deleted by the server (it is HttpOnly). */
export async function signOut() {
  token.clear();
  await fetch("/api/dashboard/session", { method: "DELETE" }).catch(() => {});
  location.href = "/";
}

/** A refusal of the API, with its RFC 7807 body (title, detail, errors per field). */
export class ApiProblem extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `Lỗi ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
}

/** Calls the API with the officer's token; a missing or expired token goes back to the sign-in page. */
export async function api(path, { method = "GET", body, signingIn = false, headers: extra = {} } = {}) {
  const headers = { Accept: "application/json", ...extra };
  const bearer = token.get();
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (response.status === 401 && !signingIn) {
    token.clear();
    location.href = "/?het-han=1&quay-lai=" + encodeURIComponent(location.pathname + location.search);
    throw new ApiProblem(401, data);
  }
  if (!response.ok) throw new ApiProblem(response.status, data);
  return data;
}

/** The signed-in officer (GET /api/me), or a trip to the sign-in page. */
export async function signedIn() {
  if (!token.get()) {
    location.href = "/?quay-lai=" + encodeURIComponent(location.pathname + location.search);
    return new Promise(() => {});
  }
  const me = await api("/api/me");
  const who = document.getElementById("who");
  if (who) who.textContent = `${me.name} · ${ROLE[me.role] ?? me.role}`;
  document.getElementById("sign-out")?.addEventListener("click", signOut);
  return me;
}

export const ROLE = {
  "national-admin": "Quản trị toàn quốc",
  "province-admin": "Quản trị cấp tỉnh",
  "commune-officer": "Cán bộ cấp xã",
  viewer: "Theo dõi",
};

export const KIND = { periodic: "Định kỳ", thematic: "Chuyên đề", urgent: "Đột xuất" };
export const FORM = { "in-person": "Trực tiếp", online: "Trực tuyến", indirect: "Gián tiếp" };
export const STATUS = { scheduled: "Đã lên lịch", held: "Đã tổ chức", concluded: "Đã có kết luận", cancelled: "Đã hủy" };
export const PERIODIC = {
  held: "Đã tổ chức",
  scheduled: "Đã lên lịch",
  "scheduled-late": "Lên lịch sau hạn",
  missing: "Chưa có",
};
export const CHANNEL = { email: "Thư điện tử", sms: "Tin nhắn SMS", loudspeaker: "Loa truyền thanh" };
export const FIELD = { land: "Đất đai", environment: "Môi trường", infrastructure: "Hạ tầng", "social-policy": "Chính sách xã hội",
  "public-order": "An ninh trật tự", administration: "Thủ tục hành chính", other: "Khác" };
export const PETITION = { received: "Đã tiếp nhận", acknowledged: "Đã báo nhận", assigned: "Đã giao xử lý", escalated: "Chuyển cấp trên", answered: "Đã trả lời" };
export const SOURCE = { "at-session": "Nêu tại hội nghị", "before-session": "Phiếu lấy ý kiến trước hội nghị", letter: "Đơn, thư", email: "Thư điện tử" };
export const CONTACT_ROLE = { resident: "Người dân", delegate: "Đại biểu", "hamlet-head": "Trưởng thôn, tổ trưởng", "front-committee": "Mặt trận", officer: "Cán bộ" };

const dateOnly = new Intl.DateTimeFormat("vi-VN", { timeZone: VN, weekday: "short", day: "2-digit", month: "2-digit", year: "numeric" });

/** "18/12/2026 08:30" (Vietnam time): dd/MM/yyyy and the 24-hour clock whatever the browser's locale. */
export const formatMoment = (iso) => (iso ? `${dayText(iso)} ${timeText(iso)}` : "");
export const formatDay = (iso) => (iso ? dateOnly.format(new Date(iso.length === 10 ? iso + "T12:00:00+07:00" : iso)) : "");

/** The local parts (Vietnam time) of a moment: {year, month, day, hour, minute}. */
export function vietnamParts(date) {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: VN, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false,
  }).formatToParts(date);
  const get = (type) => Number(parts.find((p) => p.type === type).value);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour") % 24, minute: get("minute") };
}

const two = (n) => String(n).padStart(2, "0");

/**
 * A day typed the Vietnamese way, dd/mm/yyyy (d/m/yyyy, or with "-" or "."), as "2026-12-18"; null when it is no real
 * day. The browser's own date pickers follow its locale (12/05/2026 on an English one): the pages never use them.
 */
export function parseDay(text) {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text ?? "");
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? `${year}-${two(month)}-${two(day)}` : null;
}

/** A time of day on the 24-hour clock: "8:30", "08:30", "0830" or "8h30" as "08:30"; null when it is none. */
export function parseTime(text) {
  const m = /^\s*(\d{1,2})\s*(?:[:hg.]\s*(\d{2})?|(\d{2}))?\s*$/i.exec(text ?? "");
  if (!m) return null;
  const [hour, minute] = [Number(m[1]), Number(m[2] ?? m[3] ?? 0)];
  return hour < 24 && minute < 60 ? `${two(hour)}:${two(minute)}` : null;
}

/** "18/12/2026" for a day given as "2026-12-18" or a moment (Vietnam time). */
export function dayText(value) {
  if (!value) return "";
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value.split("-").reverse().join("/");
  const p = vietnamParts(value instanceof Date ? value : new Date(value));
  return `${two(p.day)}/${two(p.month)}/${p.year}`;
}

/** "08:30" for a moment (Vietnam time). */
export function timeText(value) {
  const p = vietnamParts(value instanceof Date ? value : new Date(value));
  return `${two(p.hour)}:${two(p.minute)}`;
}

/**
 * The moment a pair of fields gives ("{name}Day" dd/mm/yyyy and "{name}Time" hh:mm, Vietnam time) as ISO 8601 with
 * +07:00; "" when both are empty, null when either cannot be read.
 */
export function readMoment(form, name) {
  const [dayField, timeField] = [form[`${name}Day`], form[`${name}Time`]];
  if (!dayField.value.trim() && !timeField.value.trim()) return "";
  const [day, time] = [parseDay(dayField.value), parseTime(timeField.value)];
  return day && time ? `${day}T${time}:00+07:00` : null;
}

export function writeMoment(form, name, moment) {
  form[`${name}Day`].value = moment ? dayText(moment) : "";
  form[`${name}Time`].value = moment ? timeText(moment) : "";
}

/** A day field (dd/mm/yyyy) as "2026-12-18", "" when empty, null when it cannot be read. */
export function readDay(field) {
  if (!field.value.trim()) return "";
  return parseDay(field.value);
}

/** Builds an element: el("td", {class: "x"}, "text", child…). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export const param = (name) => new URLSearchParams(location.search).get(name);

/** Shows an API refusal next to a form: the detail, and each field's messages under that field. */
export function showProblem(form, error) {
  form.querySelectorAll(".field-error").forEach((n) => n.remove());
  const summary = form.querySelector(".form-problem");
  summary.textContent = error instanceof ApiProblem ? error.message : "Không kết nối được máy chủ. Hãy thử lại.";
  summary.hidden = false;
  const errors = error instanceof ApiProblem ? error.problem.errors ?? {} : {};
  for (const [field, messages] of Object.entries(errors)) {
    // A field's own label, or the group of fields standing for it (a day and a time for one moment).
    const place = form.querySelector(`[data-field="${field}"]`) ?? form.querySelector(`[name="${field}"]`)?.closest("label");
    const id = `error-${field.replace(/[^a-z0-9]/gi, "-")}`;
    place?.append(el("span", { class: "field-error", id }, messages.join(" ")));
    place?.querySelectorAll("input, select, textarea").forEach((input) => {
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", id);
    });
  }
}

export function clearProblem(form) {
  form.querySelectorAll(".field-error").forEach((n) => n.remove());
  form.querySelectorAll("[aria-invalid]").forEach((n) => {
    n.removeAttribute("aria-invalid");
    n.removeAttribute("aria-describedby");
  });
  const summary = form.querySelector(".form-problem");
  if (summary) summary.hidden = true;
}

// A table wider than the screen scrolls in its own box: reachable with the keyboard too (arrow keys once focused).
for (const box of document.querySelectorAll(".table-wrap")) box.tabIndex = 0;

/**
 * A notice plan (what will be sent, to how many, when) as the office reads it: the same words before scheduling
 * (the preview) and on the session's page afterwards.
 */
export function noticePlanView(plan) {
  const at = (iso) => formatMoment(iso);
  const slots = plan.loudspeaker.slots;
  const items = [
    el("li", {}, el("strong", {}, "Giấy mời qua thư điện tử: "), plan.email.recipients ? `${plan.email.recipients} người, gửi lúc ${at(plan.email.sendAt)}` : "không có ai có địa chỉ và đồng ý nhận"),
    el("li", {}, el("strong", {}, "Tin nhắn SMS: "), plan.sms.recipients
      ? `${plan.sms.recipients} người × ${plan.sms.segments} tin, gửi lúc ${at(plan.sms.sendAt)}` : "không có ai có số điện thoại và đồng ý nhận",
    plan.sms.recipients ? el("div", { class: "sms" }, plan.sms.text) : ""),
    el("li", {}, el("strong", {}, "Loa truyền thanh: "), plan.loudspeaker.clusters.length === 0 ? "chưa có cụm loa"
      : `${plan.loudspeaker.immediate ? "phát ngay, " : ""}${slots.length} lượt phát (${slots.slice(0, 4).map(at).join("; ")}${slots.length > 4 ? "; …" : ""}) trên ${plan.loudspeaker.clusters.join(", ")}`),
  ];
  if (plan.delegateReminders.length) {
    items.push(el("li", {}, el("strong", {}, "Nhắc đại biểu: "), plan.delegateReminders.map((r) => `${at(r.at)} (${r.recipients} người)`).join("; ")));
  }
  items.push(el("li", {}, el("strong", {}, "Hạn gửi thông báo: "), at(plan.noticeDeadline)));
  return [
    el("p", { class: "muted" }, `${plan.audienceSize} người trong danh sách nhận tin.`),
    el("ul", {}, items),
    plan.warnings.length ? el("ul", { class: "problem" }, plan.warnings.map((w) => el("li", {}, w))) : "",
  ];
}

/**
 * Puts a list's "<label> n: …" messages (the API's per-item errors under one key) under item n, marked
 * data-field="<key>-n", and the others under the list.
 */
export function showListProblem(form, error, key, label) {
  const messages = error.problem?.errors?.[key] ?? [];
  const byItem = {};
  const rest = [];
  const pattern = new RegExp(`^${label} (\\d+):`);
  for (const message of messages) {
    const n = pattern.exec(message)?.[1];
    if (n) (byItem[`${key}-${n}`] ??= []).push(message);
    else rest.push(message);
  }
  const errors = { ...(error.problem?.errors ?? {}), ...byItem };
  delete errors[key];
  if (rest.length) errors[key] = rest;
  showProblem(form, error instanceof ApiProblem ? new ApiProblem(error.status, { ...error.problem, errors }) : error);
}

/**
 * For a view redrawn from an answer that a later request can overtake (a filter changed, a year chosen): take a ticket
 * before asking, and draw only if it is still the latest — a slower, earlier answer is dropped.
 */
export function latest() {
  let issued = 0;
  return { take: () => ++issued, current: (ticket) => ticket === issued };
}

/** Shows a page-level failure (e.g. 403: this token does not reach that unit). */
export function fail(error) {
  const main = document.querySelector("main");
  main.replaceChildren(el("p", { class: "problem", role: "alert" }, error instanceof ApiProblem ? error.message : String(error)));
}

/**
 * Asks once before something that cannot be undone: a modal dialog (Escape or "Không" declines), focus on the safe
 * answer. Resolves true when the officer confirms.
 */
export function ask(question, yes) {
  return new Promise((resolve) => {
    const no = el("button", { type: "button", class: "secondary" }, "Không");
    const confirm = el("button", { type: "button", class: "danger" }, yes);
    const dialog = el("dialog", { class: "ask", "aria-labelledby": "ask-question" }, el("p", { id: "ask-question" }, question), el("div", { class: "toolbar" }, confirm, no));
    const close = (answer) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    no.addEventListener("click", () => close(false));
    confirm.addEventListener("click", () => close(true));
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      close(false);
    });
    document.body.append(dialog);
    dialog.showModal();
    no.focus();
  });
}

/**
 * Downloads a file the API serves to a token (a document, an export): fetched with the token, saved under the name the
 * server gives. The button shows the wait while the file is being made and is given back after.
 */
export async function download(path, button) {
  const label = button?.textContent;
  if (button) {
    button.disabled = true;
    button.textContent = "Đang tạo…";
  }
  try {
    const response = await fetch(path, { headers: { Authorization: `Bearer ${token.get()}` } });
    if (!response.ok) {
      const text = await response.text();
      throw new ApiProblem(response.status, text ? JSON.parse(text) : null);
    }
    const disposition = response.headers.get("content-disposition") ?? "";
    const name = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1] ?? /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? path.split("/").pop().split("?")[0];
    const url = URL.createObjectURL(await response.blob());
    const link = el("a", { href: url, download: decodeURIComponent(name) });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } finally {
    if (button) {
      button.disabled = false;
      button.textContent = label;
    }
  }
}

/** The unit a commune officer works in, and the pages of its office: shown at the top of each. */
export function communeNav(code, current, me) {
  const pages = [
    ["xa", "Lịch đối thoại", `/xa.html?ma=${code}`],
    ["kien-nghi", "Kiến nghị", `/kien-nghi.html?xa=${code}`],
    ["de-nghi", "Đề nghị đối thoại", `/de-nghi.html?xa=${code}`],
    ["danh-ba", "Danh bạ", `/danh-ba.html?xa=${code}`],
    ["cai-dat", "Loa và thời hạn", `/cai-dat.html?xa=${code}`],
    ["cong-khai", "Trang công khai", `/cong-khai.html?xa=${code}`],
  ].filter(([key]) => key !== "danh-ba" || me.role === "commune-officer" || me.role === "national-admin");
  const nav = el("nav", { class: "tabs", "aria-label": "Các việc của xã" }, pages.map(([key, text, href]) =>
    el("a", { href, "aria-current": key === current ? "page" : null }, text)));
  document.querySelector("main").prepend(nav);
}

/** The pages of a province's office: its oversight, its rules, the tokens of its officers, its audit log. */
export function provinceNav(code, current, me) {
  const governs = me.role === "province-admin" || me.role === "national-admin";
  const pages = [
    ["tinh", "Theo dõi", `/tinh.html?ma=${code}`],
    ...(governs ? [
      ["quy-dinh", "Quy định", `/quy-dinh.html?tinh=${code}`],
      ["ma-truy-cap", "Mã truy cập", `/ma-truy-cap.html?tinh=${code}`],
      ["nhat-ky", "Nhật ký", `/nhat-ky.html?tinh=${code}`],
    ] : []),
    ...(me.role === "national-admin" ? [["toan-quoc", "Toàn quốc", "/"]] : []),
  ];
  const nav = el("nav", { class: "tabs", "aria-label": "Các việc của tỉnh" }, pages.map(([key, text, href]) =>
    el("a", { href, "aria-current": key === current ? "page" : null }, text)));
  document.querySelector("main").prepend(nav);
}
