import { api, token, el, param, showProblem, clearProblem, ApiProblem } from "/app.js";

const form = document.getElementById("sign-in-form");

/** The first page of each role: an officer's commune, a supervisor's province, the list of provinces for the nation. */
async function goHome(me) {
  const back = param("quay-lai");
  if (back && back.startsWith("/") && !back.startsWith("//")) return (location.href = back);
  if (me.commune) return (location.href = `/xa.html?ma=${me.commune}`);
  if (me.province) return (location.href = `/tinh.html?ma=${me.province}`);
  document.getElementById("sign-in").hidden = true;
  const list = document.getElementById("provinces");
  list.hidden = false;
  if (me.role === "national-admin") {
    const cluster = document.getElementById("cluster");
    cluster.hidden = false;
    // The dashboard is opened in a browser tab that sends no token: the server keeps it in a cookie for that path.
    document.getElementById("open-dashboard").addEventListener("click", async () => {
      clearProblem(cluster);
      try {
        await api("/api/dashboard/session", { method: "POST" });
        window.open("/dashboard/", "_blank", "noopener");
      } catch (error) {
        showProblem(cluster, error);
      }
    });
  }
  const provinces = await api("/api/provinces");
  list.querySelector("tbody").replaceChildren(...provinces.map((p) =>
    el("tr", {}, el("td", {}, p.code), el("td", {}, el("a", { href: `/tinh.html?ma=${p.code}` }, p.name)), el("td", { class: "number" }, p.communeCount))));
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearProblem(form);
  token.set(form.token.value.trim());
  try {
    await goHome(await api("/api/me", { signingIn: true }));
  } catch (error) {
    token.clear();
    showProblem(form, error instanceof ApiProblem && error.status === 401
      ? new ApiProblem(401, { detail: "Mã truy cập không đúng hoặc đã hết hạn." })
      : error);
  }
});

if (param("het-han")) {
  showProblem(form, new ApiProblem(401, { detail: "Phiên đăng nhập đã hết hạn hoặc mã không còn hiệu lực. Hãy đăng nhập lại." }));
} else if (token.get()) {
  api("/api/me", { signingIn: true }).then(goHome).catch(() => token.clear());
}
