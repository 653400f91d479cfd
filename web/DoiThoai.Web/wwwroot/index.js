import { api, token, el, param, showProblem, clearProblem, ApiProblem, ROLE, signOut } from "/app.js";

const form = document.getElementById("sign-in-form");

/**
 * Where "quay-lai" may send the officer back to: a path of this site, as the browser itself resolves it ("/\\host" and
 * "/<tab>/host" are other hosts to a browser), else nowhere.
 */
function sameSitePath(back) {
  if (!back || !back.startsWith("/")) return null;
  try {
    const url = new URL(back, location.origin);
    return url.origin === location.origin ? url.pathname + url.search + url.hash : null;
  } catch {
    return null;
  }
}

/** The first page of each role: an officer's commune, a supervisor's province, the list of provinces for the nation. */
async function goHome(me) {
  const back = sameSitePath(param("quay-lai"));
  if (back) return (location.href = back);
  if (me.commune) return (location.href = `/xa.html?ma=${me.commune}`);
  if (me.province) return (location.href = `/tinh.html?ma=${me.province}`);
  document.getElementById("sign-in").hidden = true;
  const list = document.getElementById("provinces");
  list.hidden = false;
  document.getElementById("national").hidden = me.role !== "national-admin";
  document.getElementById("who").textContent = `${me.name} · ${ROLE[me.role] ?? me.role}`;
  const signOutButton = document.getElementById("sign-out");
  signOutButton.hidden = false;
  signOutButton.addEventListener("click", signOut);
  const provinces = await api("/api/provinces");
  list.querySelector("tbody").replaceChildren(...provinces.map((p) =>
    el("tr", {}, el("td", {}, p.code), el("td", {}, el("a", { href: `/tinh.html?ma=${p.code}` }, p.name)), el("td", { class: "number" }, p.communeCount),
      el("td", {}, me.role === "national-admin" ? el("a", { href: `/ma-truy-cap.html?tinh=${p.code}`, "aria-label": `Mã truy cập của ${p.name}` }, "Mã truy cập") : ""))));
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

// The button works once this script handles the form: a click before it would send the token in the page's address.
form.querySelector("button[type=submit]").disabled = false;

if (param("het-han")) {
  showProblem(form, new ApiProblem(401, { detail: "Phiên đăng nhập đã hết hạn hoặc mã không còn hiệu lực. Hãy đăng nhập lại." }));
} else if (token.get()) {
  api("/api/me", { signingIn: true }).then(goHome).catch(() => token.clear());
}
