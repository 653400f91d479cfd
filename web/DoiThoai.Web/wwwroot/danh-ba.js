import { api, ApiProblem, token, signedIn, el, param, fail, showProblem, clearProblem, ask, download, communeNav, latest, CONTACT_ROLE } from "/app.js";

const code = param("xa");
const base = `/api/communes/${encodeURIComponent(code)}/contacts`;
const filters = document.getElementById("filters");
const importForm = document.getElementById("import-form");
const PAGE_SIZE = 50;
let page = 1;
let total = 0;

async function load() {
  const me = await signedIn();
  communeNav(code, "danh-ba", me);
  const commune = await api(`/api/communes/${encodeURIComponent(code)}`);
  document.title = `Danh bạ · ${commune.name}`;
  document.getElementById("heading").textContent = `Danh bạ nhận thông báo · ${commune.name}`;
  filters.role.append(...Object.entries(CONTACT_ROLE).map(([value, text]) => el("option", { value }, text)));
  await list();
}

const listed = latest();
async function list() {
  const ticket = listed.take();
  const query = new URLSearchParams({ page, pageSize: PAGE_SIZE });
  if (filters.hamlet.value.trim()) query.set("hamlet", filters.hamlet.value.trim());
  if (filters.role.value) query.set("role", filters.role.value);
  const result = await api(`${base}?${query}`);
  if (!listed.current(ticket)) return; // another filter or page was asked for meanwhile
  total = result.total;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  document.getElementById("count").textContent = `${total} người`;
  document.getElementById("page-of").textContent = `Trang ${page}/${pages}`;
  document.getElementById("previous-page").disabled = page <= 1;
  document.getElementById("next-page").disabled = page >= pages;
  document.querySelector("#contacts tbody").replaceChildren(...(result.items.length ? result.items.map(row) : [el("tr", {}, el("td", { colspan: 7, class: "muted" }, "Chưa có ai. Nhập danh bạ từ tệp CSV."))]));
}

const problem = (error) => {
  const box = document.getElementById("list-problem");
  box.textContent = error.message;
  box.hidden = false;
};

/** One person: masked details, consent per channel changed at once, their data handed over or erased on request. */
function row(c) {
  const consent = (channel, given, has) => el("label", { class: "check" }, el("span", {},
    el("input", { type: "checkbox", checked: given, disabled: !has, "aria-label": `${c.fullName} đồng ý nhận ${channel === "sms" ? "SMS" : "thư điện tử"}`,
      onchange: async (event) => {
        document.getElementById("list-problem").hidden = true;
        const saved = document.getElementById("consent-saved");
        saved.hidden = true;
        try {
          await api(`${base}/${encodeURIComponent(c.id)}/consent`, { method: "PUT", body: { [channel]: event.target.checked } });
          const what = channel === "sms" ? "tin nhắn SMS" : "thư điện tử";
          saved.textContent = `Đã lưu: ${c.fullName} ${event.target.checked ? "đồng ý" : "không"} nhận ${what}.`;
          saved.hidden = false;
        } catch (error) {
          event.target.checked = !event.target.checked;
          problem(error);
        }
      } }), channel === "sms" ? "SMS" : "Email"));
  return el("tr", { "data-contact": c.id },
    el("td", {}, el("strong", {}, c.fullName), c.title ? el("div", { class: "muted" }, c.title) : ""),
    el("td", {}, CONTACT_ROLE[c.role] ?? c.role),
    el("td", {}, c.hamlet),
    el("td", { class: "nowrap" }, c.phone ?? ""),
    el("td", {}, c.email ?? ""),
    el("td", {}, consent("sms", c.smsConsent, Boolean(c.phone)), consent("email", c.emailConsent, Boolean(c.email))),
    el("td", {}, el("div", { class: "toolbar" },
      el("button", { type: "button", class: "secondary", "aria-label": `Tải dữ liệu của ${c.fullName}`,
        onclick: (event) => download(`${base}/${encodeURIComponent(c.id)}/export`, event.currentTarget).catch(problem) }, "Dữ liệu"),
      el("button", { type: "button", class: "danger", "aria-label": `Xóa ${c.fullName}`, onclick: async () => {
        if (!(await ask(`Xóa ${c.fullName} khỏi danh bạ? Số điện thoại, thư điện tử và các tin chưa gửi của người này bị xóa; không khôi phục được.`, "Xóa"))) return;
        try {
          await api(`${base}/${encodeURIComponent(c.id)}`, { method: "DELETE" });
          await list();
        } catch (error) {
          problem(error);
        }
      } }, "Xóa"))));
}

/**
 * Uploads the file with its progress shown (a commune's list can be large), then shows what was added and every
 * refused line with its reasons. A file that adds no one is refused whole (400) with the same reasons.
 */
function upload(file) {
  const bar = document.getElementById("import-bar");
  const stage = document.getElementById("import-stage");
  const track = bar.parentElement;
  document.getElementById("import-progress").hidden = false;
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", `${base}/import`);
    request.setRequestHeader("Authorization", `Bearer ${token.get()}`);
    request.setRequestHeader("Content-Type", "text/csv");
    request.setRequestHeader("Accept", "application/json");
    request.upload.onprogress = (event) => {
      if (!event.lengthComputable) return;
      const pct = Math.round((100 * event.loaded) / event.total);
      bar.style.width = `${pct}%`;
      track.setAttribute("aria-valuenow", pct);
      stage.textContent = `Đang tải tệp lên: ${pct}%`;
    };
    request.upload.onload = () => (stage.textContent = "Đã tải lên; đang kiểm tra từng dòng…");
    request.onload = () => {
      bar.style.width = "100%";
      track.setAttribute("aria-valuenow", 100);
      const data = request.responseText ? JSON.parse(request.responseText) : null;
      if (request.status >= 200 && request.status < 300) resolve(data);
      else reject(new ApiProblem(request.status, data));
    };
    request.onerror = () => reject(new Error("network"));
    request.send(file);
  });
}

function report(rows, summary) {
  document.getElementById("import-report").hidden = false;
  document.getElementById("import-summary").textContent = summary;
  document.querySelector("#rejected tbody").replaceChildren(...(rows.length ? rows.map((r) => el("tr", {},
    el("td", {}, r.line), el("td", {}, r.fullName ?? ""), el("td", {}, r.errors.join(" ")))) : [el("tr", {}, el("td", { colspan: 3, class: "muted" }, "Không có dòng nào bị từ chối."))]));
}

importForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearProblem(importForm);
  document.getElementById("import-report").hidden = true;
  const file = importForm.file.files[0];
  if (!file) return showProblem(importForm, new ApiProblem(400, { detail: "Chọn tệp CSV cần nhập.", errors: { file: ["Chưa chọn tệp."] } }));
  const button = importForm.querySelector("button[type=submit]");
  button.disabled = true;
  try {
    const result = await upload(file);
    document.getElementById("import-stage").textContent = "Xong.";
    report(result.rejectedRows, `Đã thêm ${result.added} người; ${result.rejected} dòng không nhận. Danh bạ hiện có ${result.total} người.`);
    page = 1;
    await list();
  } catch (error) {
    document.getElementById("import-progress").hidden = true;
    showProblem(importForm, error);
    // A refused file: its lines and reasons, as the report would show them.
    const lines = Object.entries(error.problem?.errors ?? {}).filter(([key]) => key.startsWith("line "))
      .map(([key, errors]) => ({ line: key.slice(5), fullName: null, errors }));
    if (lines.length) report(lines, "Không thêm được ai. Sửa các dòng dưới đây rồi nhập lại.");
  } finally {
    button.disabled = false;
  }
});

document.getElementById("template").addEventListener("click", (event) => {
  event.preventDefault();
  const csv = "\uFEFFHọ và tên,Vai trò,Chức danh,Thôn/Tổ dân phố,Số điện thoại,Email,Đồng ý SMS,Đồng ý email\n"
    + "Nguyễn Văn An,người dân,,Thôn 1,0912345678,,có,không\n"
    + "Trần Thị Bình,trưởng thôn,Trưởng thôn Đông,Thôn Đông,0987654321,binh.tran@example.vn,có,có\n";
  const link = el("a", { href: URL.createObjectURL(new Blob([csv], { type: "text/csv" })), download: "mau-danh-ba.csv" });
  document.body.append(link);
  link.click();
  link.remove();
});

filters.addEventListener("submit", (event) => {
  event.preventDefault();
  page = 1;
  list().catch(problem);
});
document.getElementById("previous-page").addEventListener("click", () => { page--; list().catch(problem); });
document.getElementById("next-page").addEventListener("click", () => { page++; list().catch(problem); });
load().catch(fail);
