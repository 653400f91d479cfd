import { api, signedIn, fail, showProblem, clearProblem, param, provinceNav } from "/app.js";

const code = param("tinh");
const base = `/api/provinces/${encodeURIComponent(code)}`;
const notice = document.getElementById("notice-form");
const sms = document.getElementById("sms-form");

async function load() {
  const me = await signedIn();
  provinceNav(code, "quy-dinh", me);
  const [province] = (await api("/api/provinces")).filter((p) => p.code === code);
  document.title = `Quy định · ${province?.name ?? code}`;
  document.getElementById("heading").textContent = `Quy định của ${province?.name ?? code}`;
  const [policy, smsPolicy] = await Promise.all([api(`${base}/notice-policy`), api(`${base}/sms-policy`)]);
  notice.minimumNoticeDays.value = policy.minimumNoticeDays;
  notice.dayKind.value = policy.dayKind;
  sms.querySelector(`[value="${smsPolicy.textPolicy}"]`).checked = true;
  notice.hidden = false; // shown once it holds what is in force, so nothing typed is overwritten
  sms.hidden = false;
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

load().catch(fail);
