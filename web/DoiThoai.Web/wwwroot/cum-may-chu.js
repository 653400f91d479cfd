import { api, signedIn, el, fail, showProblem, clearProblem, formatMoment } from "/app.js";

const STATE = { Active: "Đang chạy", Joining: "Đang vào cụm", ShuttingDown: "Đang dừng", Stopping: "Đang dừng", Dead: "Đã dừng", Created: "Đang khởi động" };
const box = document.getElementById("cluster");

/** The silos, refreshed every ten seconds: what the operator on call looks at first. */
async function refresh() {
  const silos = await api("/api/cluster/silos");
  document.getElementById("as-of").textContent = `${silos.filter((s) => s.status === "Active").length}/${silos.length} máy chủ đang chạy · cập nhật ${formatMoment(new Date().toISOString())}`;
  document.querySelector("#silos tbody").replaceChildren(...silos.map((s) => el("tr", { "data-silo": s.name },
    el("td", {}, el("strong", {}, s.name), el("div", { class: "muted" }, s.address)),
    el("td", {}, el("span", { class: `badge ${s.status === "Active" ? "held" : s.status === "Dead" ? "missing" : "late"}` }, STATE[s.status] ?? s.status)),
    el("td", { class: "number" }, s.activations.toLocaleString("vi-VN")),
    el("td", {}, Object.entries(s.activationsByType).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([type, n]) => `${type} ${n.toLocaleString("vi-VN")}`).join(", ")),
    el("td", { class: "number" }, s.managedMemoryBytes ? `${Math.round(s.managedMemoryBytes / 1048576).toLocaleString("vi-VN")} MB` : ""),
    el("td", { class: "number" }, s.cpuPercent !== null && s.cpuPercent !== undefined ? `${Math.round(s.cpuPercent)}%` : ""))));
}

async function load() {
  await signedIn();
  await refresh();
  setInterval(() => refresh().catch(() => {}), 10_000);
}

// The dashboard is opened in a browser tab that sends no token: the server keeps it in a cookie for that path.
document.getElementById("open-dashboard").addEventListener("click", async () => {
  clearProblem(box);
  try {
    await api("/api/dashboard/session", { method: "POST" });
    window.open("/dashboard/", "_blank", "noopener");
  } catch (error) {
    showProblem(box, error);
  }
});

load().catch(fail);
