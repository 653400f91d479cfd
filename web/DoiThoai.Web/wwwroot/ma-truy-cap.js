import { api, signedIn, el, param, fail, showProblem, clearProblem, formatMoment, ask, provinceNav, ROLE } from "/app.js";

const province = param("tinh");
const form = document.getElementById("issue-form");
let me;
let units = new Map();

/** A province's page lists and issues its officers' and viewers' tokens; the national page those of national administrators and provinces. */
const listPath = province ? `/api/provinces/${encodeURIComponent(province)}/tokens` : "/api/tokens/national";

async function load() {
  me = await signedIn();
  if (province) provinceNav(province, "ma-truy-cap", me);
  const provinces = await api("/api/provinces");
  if (province) {
    const name = provinces.find((p) => p.code === province)?.name ?? province;
    document.title = `Mã truy cập · ${name}`;
    document.getElementById("heading").textContent = `Mã truy cập · ${name}`;
    const communes = await api(`/api/provinces/${encodeURIComponent(province)}/communes`);
    units = new Map([[`p:${province}`, `${name} (cả tỉnh)`], ...communes.map((c) => [`c:${c.code}`, c.name])]);
    form.role.append(el("option", { value: "commune-officer" }, ROLE["commune-officer"]), el("option", { value: "viewer" }, ROLE.viewer),
      ...(me.role === "national-admin" ? [el("option", { value: "province-admin" }, ROLE["province-admin"])] : []));
  } else {
    document.getElementById("heading").textContent = "Mã truy cập · Toàn quốc";
    units = new Map(provinces.map((p) => [`p:${p.code}`, p.name]));
    form.role.append(el("option", { value: "province-admin" }, ROLE["province-admin"]), el("option", { value: "national-admin" }, ROLE["national-admin"]));
  }
  fitUnits();
  await list();
}

/** The units a role may be given for: a commune for an officer, the province for its administrator, either for a viewer. */
function fitUnits() {
  const role = form.role.value;
  const allowed = [...units].filter(([key]) => role === "viewer" || (role === "commune-officer" ? key.startsWith("c:") : key.startsWith("p:")));
  form.unit.replaceChildren(...allowed.map(([key, name]) => el("option", { value: key }, name)));
  document.getElementById("unit-label").hidden = role === "national-admin";
}

async function list() {
  const tokens = await api(listPath);
  const now = new Date();
  document.querySelector("#tokens tbody").replaceChildren(...(tokens.length ? tokens.map((t) => {
    const expired = new Date(t.expiresAt) <= now;
    const state = t.revokedAt ? el("span", { class: "badge cancelled" }, "Đã thu hồi") : expired ? el("span", { class: "badge late" }, "Hết hạn")
      : el("span", { class: "badge held" }, "Còn hiệu lực");
    const unit = t.commune ? units.get(`c:${t.commune}`) ?? t.commune : t.province ? units.get(`p:${t.province}`) ?? t.province : "toàn quốc";
    return el("tr", { "data-token": t.id },
      el("td", {}, el("strong", {}, t.name)),
      el("td", {}, ROLE[t.role] ?? t.role, el("br"), el("span", { class: "muted" }, unit)),
      el("td", {}, formatMoment(t.issuedAt), el("br"), el("span", { class: "muted" }, t.issuedBy)),
      el("td", {}, formatMoment(t.expiresAt)),
      el("td", {}, state, t.revokedAt ? el("div", { class: "muted" }, `${formatMoment(t.revokedAt)} · ${t.revokedBy}`) : ""),
      el("td", {}, !t.revokedAt && !expired ? el("button", { type: "button", class: "danger", "aria-label": `Thu hồi mã của ${t.name}`, onclick: () => revoke(t) }, "Thu hồi") : ""));
  }) : [el("tr", {}, el("td", { colspan: 6, class: "muted" }, "Chưa cấp mã nào."))]));
}

async function revoke(t) {
  if (!(await ask(`Thu hồi mã của ${t.name}? Mã không dùng được nữa ngay lập tức; muốn dùng tiếp phải cấp mã mới.`, "Thu hồi"))) return;
  const problem = document.getElementById("list-problem");
  problem.hidden = true;
  try {
    await api(`${listPath}/${encodeURIComponent(t.id)}/revoke`, { method: "POST" });
    await list();
  } catch (error) {
    problem.textContent = error.message;
    problem.hidden = false;
  }
}

form.role.addEventListener("change", fitUnits);
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearProblem(form);
  document.getElementById("issued").hidden = true;
  const unit = form.role.value === "national-admin" ? "" : form.unit.value;
  const body = { name: form.name.value.trim(), role: form.role.value, validDays: Number(form.validDays.value || 0) };
  if (unit.startsWith("c:")) body.commune = unit.slice(2);
  if (unit.startsWith("p:")) body.province = unit.slice(2);
  try {
    const issued = await api("/api/tokens", { method: "POST", body });
    document.getElementById("issued-for").textContent =
      `Đã cấp cho ${body.name}: ${ROLE[issued.role]}${unit ? `, ${units.get(unit)}` : ""}; hết hạn ${formatMoment(issued.expiresAt)}.`;
    document.getElementById("issued-token").value = issued.token;
    document.getElementById("issued").hidden = false;
    form.name.value = "";
    await list();
    document.getElementById("issued-token").focus();
  } catch (error) {
    showProblem(form, error);
  }
});

document.getElementById("copy-token").addEventListener("click", async (event) => {
  const field = document.getElementById("issued-token");
  field.select();
  try {
    await navigator.clipboard.writeText(field.value);
    event.currentTarget.textContent = "Đã chép";
  } catch {
    event.currentTarget.textContent = "Hãy bấm Ctrl+C để chép";
  }
});

load().catch(fail);
