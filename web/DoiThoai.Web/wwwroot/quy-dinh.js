import { api, signedIn, fail, showProblem, clearProblem, param, provinceNav, formatMoment } from "/app.js";

const code = param("tinh");
const base = `/api/provinces/${encodeURIComponent(code)}`;
const notice = document.getElementById("notice-form");
const sms = document.getElementById("sms-form");
const digest = document.getElementById("digest-form");
const dayNames = { monday: "Thứ Hai", tuesday: "Thứ Ba", wednesday: "Thứ Tư", thursday: "Thứ Năm", friday: "Thứ Sáu" };

async function load() {
  const me = await signedIn();
  provinceNav(code, "quy-dinh", me);
  const [province] = (await api("/api/provinces")).filter((p) => p.code === code);
  document.title = `Quy định · ${province?.name ?? code}`;
  document.getElementById("heading").textContent = `Quy định của ${province?.name ?? code}`;
  const [policy, smsPolicy, digestSettings] = await Promise.all([api(`${base}/notice-policy`), api(`${base}/sms-policy`), api(`${base}/digest`)]);
  notice.minimumNoticeDays.value = policy.minimumNoticeDays;
  notice.dayKind.value = policy.dayKind;
  sms.querySelector(`[value="${smsPolicy.textPolicy}"]`).checked = true;
  showDigest(digestSettings);
  notice.hidden = false; // shown once it holds what is in force, so nothing typed is overwritten
  sms.hidden = false;
  digest.hidden = false;
}

function showDigest(settings) {
  digest.day.value = settings.day;
  digest.at.value = settings.at;
  const last = settings.lastSentAt ? ` Lần gửi gần nhất: ${formatMoment(settings.lastSentAt)} (${settings.lastSentTo} người nhận).` : "";
  document.getElementById("digest-recipients").textContent = settings.recipients.length === 0
    ? "Chưa có người nhận: bản tin chưa được gửi."
    : `Người nhận hiện tại: ${settings.recipients.join(", ")}.${last}`;
}

function saved(id, text) {
  const box = document.getElementById(id);
  box.textContent = text;
  box.hidden = false;
}

notice.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearProblem(notice);
  try {
    const policy = await api(`${base}/notice-policy`, { method: "PUT",
      body: { minimumNoticeDays: Number(notice.minimumNoticeDays.value), dayKind: notice.dayKind.value } });
    saved("notice-saved", `Đã lưu: thông báo trước ít nhất ${policy.minimumNoticeDays} ${policy.dayKind === "working" ? "ngày làm việc" : "ngày"}. Áp dụng cho các hội nghị lên lịch từ nay.`);
  } catch (error) {
    showProblem(notice, error);
  }
});

sms.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearProblem(sms);
  try {
    const policy = await api(`${base}/sms-policy`, { method: "PUT", body: { textPolicy: sms.textPolicy.value } });
    saved("sms-saved", policy.textPolicy === "ucs2-with-diacritics" ? "Đã lưu: tin nhắn viết có dấu." : "Đã lưu: tin nhắn viết không dấu.");
  } catch (error) {
    showProblem(sms, error);
  }
});

digest.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearProblem(digest);
  const typed = digest.recipients.value.split(/[\n,;]+/).map((line) => line.trim()).filter((line) => line.length > 0);
  try {
    const settings = await api(`${base}/digest`, { method: "PUT",
      body: { day: digest.day.value, at: digest.at.value.trim(), recipients: typed.length > 0 ? typed : null } });
    digest.recipients.value = "";
    showDigest(settings);
    saved("digest-saved", settings.recipients.length === 0
      ? "Đã lưu. Chưa có người nhận nên bản tin chưa được gửi."
      : `Đã lưu: bản tin gửi ${dayNames[settings.day]} hằng tuần lúc ${settings.at} tới ${settings.recipients.length} người nhận.`);
  } catch (error) {
    showProblem(digest, error);
  }
});

load().catch(fail);
