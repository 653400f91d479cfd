import { api, ApiProblem, signedIn, el, param, fail, showProblem, clearProblem, formatDay, dayText, readDay, communeNav } from "/app.js";

const code = param("xa");
const base = `/api/communes/${encodeURIComponent(code)}/dialogue-requests`;
const form = document.getElementById("record-form");
let me;
let sessions = [];

async function load() {
  me = await signedIn();
  communeNav(code, "de-nghi", me);
  const commune = await api(`/api/communes/${encodeURIComponent(code)}`);
  document.title = `Đề nghị đối thoại · ${commune.name}`;
  document.getElementById("heading").textContent = `Đề nghị tổ chức đối thoại của cử tri · ${commune.name}`;
  document.getElementById("record").hidden = me.role === "viewer";
  form.receivedOn.value = dayText(new Date());
  await refresh();
}

async function refresh() {
  const [requests, all] = await Promise.all([api(base), api(`/api/communes/${encodeURIComponent(code)}/sessions`)]);
  sessions = all.filter((s) => s.status !== "cancelled");
  // Owed first (the threshold reached, no session yet), then those still gathering signatures, then the answered.
  const rank = (r) => (r.owed ? 0 : r.sessionId ? 2 : 1);
  document.getElementById("requests").replaceChildren(...(requests.length
    ? [...requests].sort((a, b) => rank(a) - rank(b) || b.receivedOn.localeCompare(a.receivedOn)).map(item)
    : [el("li", { class: "muted" }, "Chưa có đề nghị nào.")]));
}

function item(r) {
  const pct = r.voters ? ((100 * r.signatures) / r.voters).toFixed(1).replace(".", ",") : "0";
  const state = r.sessionId ? el("span", { class: "badge held" }, "Đã có phiên trả lời")
    : r.owed ? el("span", { class: "badge missing" }, "Đủ 10% cử tri: phải tổ chức đối thoại")
    : el("span", { class: "badge scheduled" }, `Chưa đủ: cần ${r.required} chữ ký`);
  const session = sessions.find((s) => s.id === r.sessionId);
  const canAct = me.role !== "viewer" && !r.sessionId;
  const problem = el("p", { class: "form-problem problem", role: "alert", hidden: true });
  const signatures = el("input", { type: "number", min: 0, value: r.signatures, inputmode: "numeric", "aria-label": `Số chữ ký của đề nghị ${r.id}` });
  const choice = el("select", { "aria-label": `Phiên trả lời đề nghị ${r.id}` }, el("option", { value: "" }, "— chọn phiên đã lên lịch —"),
    sessions.map((s) => el("option", { value: s.id }, `${s.id} · ${s.title} (${dayText(s.startsAt)})`)));
  const act = async (path, body) => {
    problem.hidden = true;
    try {
      await api(`${base}/${encodeURIComponent(r.id)}/${path}`, { method: "POST", body });
      await refresh();
    } catch (error) {
      problem.textContent = [error.message, ...Object.values(error.problem?.errors ?? {}).flat()].join(" ");
      problem.hidden = false;
    }
  };
  return el("li", { class: "card", "data-request": r.id },
    el("strong", {}, r.subject), " ", state, el("br"),
    el("span", { class: "muted" }, `${r.id} · nhận ngày ${formatDay(r.receivedOn)}${r.representative ? ` · đại diện: ${r.representative}` : ""}`),
    el("p", {}, `${r.signatures}/${r.voters} cử tri (${pct}%); ngưỡng 10% là ${r.required} chữ ký.`),
    session ? el("p", {}, "Trả lời bằng phiên ", el("a", { href: `/phien.html?xa=${code}&id=${encodeURIComponent(session.id)}` }, session.title), ` (${dayText(session.startsAt)}).`) : "",
    problem,
    canAct ? el("div", { class: "toolbar" }, signatures,
      el("button", { type: "button", class: "secondary", onclick: () => act("signatures", { signatures: Number(signatures.value) }) }, "Cập nhật số chữ ký")) : "",
    canAct && r.thresholdReached ? el("div", { class: "toolbar" }, choice,
      el("button", { type: "button", onclick: () => (choice.value ? act("session", { sessionId: choice.value }) : (problem.textContent = "Chọn phiên đối thoại trả lời đề nghị.", problem.hidden = false)) }, "Gắn phiên trả lời"),
      el("a", { href: `/xa.html?ma=${code}` }, "Lên lịch phiên mới")) : "");
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearProblem(form);
  const receivedOn = readDay(form.receivedOn);
  if (!receivedOn) return showProblem(form, new ApiProblem(400, { detail: "Ngày nhận chưa hợp lệ.", errors: { receivedOn: ["Ngày ghi dd/mm/yyyy, ví dụ 18/12/2026."] } }));
  try {
    await api(base, { method: "POST", body: {
      subject: form.subject.value.trim(), signatures: Number(form.signatures.value || 0), voters: Number(form.voters.value || 0),
      receivedOn, representative: form.representative.value.trim() || null,
    } });
    form.subject.value = "";
    form.signatures.value = "";
    form.representative.value = "";
    await refresh();
  } catch (error) {
    showProblem(form, error);
  }
});

load().catch(fail);
