import {
  api, ApiProblem, signedIn, el, param, fail, showProblem, clearProblem, formatMoment, formatDay, dayText, readDay, download, provinceNav, latest, STATUS, PERIODIC, CHANNEL,
} from "/app.js";

const code = param("ma");
const table = document.querySelector("#communes tbody");
const byForm = document.getElementById("by-form");
let overview;

const instructionForm = document.getElementById("instruction-form");

const loaded = latest();
async function load() {
  const me = await signedIn();
  if (!document.querySelector("nav.tabs")) provinceNav(code, "tinh", me);
  instructionForm.hidden = me.role === "viewer";
  const by = param("han");
  const ticket = loaded.take();
  const [answer] = await Promise.all([
    api(`/api/provinces/${encodeURIComponent(code)}/overview${by ? `?by=${encodeURIComponent(by)}` : ""}`),
    instructions(),
  ]);
  if (!loaded.current(ticket)) return; // another date was asked for meanwhile
  overview = answer;
  draw();
}

/** Each instruction with how many communes acknowledged it, are on track, have done it. */
async function instructions() {
  const list = await api(`/api/provinces/${encodeURIComponent(code)}/instructions`);
  document.querySelector("#instructions tbody").replaceChildren(...(list.length ? list.map((i) => el("tr", { "data-instruction": i.id },
    el("td", {}, i.text, el("br"), el("span", { class: "muted" }, `${i.id} · ${i.issuedBy} · ${formatMoment(i.issuedAt)}`)),
    el("td", {}, i.periodicBy ? formatDay(i.periodicBy) : ""),
    el("td", { class: "number" }, `${i.acknowledged}/${i.communes}`),
    el("td", { class: "number" }, i.periodicBy ? `${i.onTrack}/${i.communes}` : ""),
    el("td", { class: "number" }, `${i.done}/${i.communes}`))) : [none(5, "Chưa có chỉ đạo nào.")]));
}

instructionForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearProblem(instructionForm);
  const periodicBy = readDay(instructionForm.periodicBy);
  if (periodicBy === null) {
    return showProblem(instructionForm, new ApiProblem(400, { detail: "Hạn chưa hợp lệ.", errors: { periodicBy: ["Ngày ghi dd/mm/yyyy, ví dụ 15/12/2026."] } }));
  }
  try {
    await api(`/api/provinces/${encodeURIComponent(code)}/instructions`, {
      method: "POST",
      body: { text: instructionForm.text.value.trim(), periodicBy: periodicBy || null },
    });
    instructionForm.reset();
    await load();
  } catch (error) {
    showProblem(instructionForm, error);
  }
});

const none = (columns, text) => el("tr", {}, el("td", { colspan: columns, class: "muted" }, text));
const communeLink = (c, name) => el("a", { href: `/xa.html?ma=${c}` }, name);

function draw() {
  const o = overview;
  document.title = `${o.provinceName} · Theo dõi cấp tỉnh`;
  document.getElementById("province-name").textContent = `Theo dõi cấp tỉnh · ${o.provinceName}`;
  document.getElementById("year").textContent = o.year;
  document.getElementById("as-of").textContent = `Số liệu lúc ${formatMoment(o.asOf)}`;
  byForm.by.value = dayText(o.periodicBy);

  const p = o.periodicCounts;
  const figure = (value, label) => el("div", { class: "figure" }, el("strong", {}, value), label);
  const overdue = o.communes.reduce((n, c) => n + c.petitionsOverdue, 0);
  document.getElementById("figures").replaceChildren(
    figure(o.communeCount, "xã, phường, đặc khu"),
    figure(p.held, "đã tổ chức định kỳ"),
    figure(p.scheduled, `đã lên lịch trước ${formatDay(o.periodicBy)}`),
    figure(p.missing + p.scheduledLate, "chưa có hoặc lên lịch sau hạn"),
    figure(o.urgentLast30Days.length + o.urgentNext7Days.length, "đối thoại đột xuất (30 ngày qua, 7 ngày tới)"),
    figure(overdue, "kiến nghị quá hạn"),
    figure(o.resultsLate.length, "phiên công bố kết quả chậm"),
    figure(o.communes.reduce((n, c) => n + c.followUpsOverdue, 0), "việc sau hội nghị quá hạn"));

  const chart = document.getElementById("periodic-chart");
  const parts = [["held", p.held], ["scheduled", p.scheduled], ["scheduled-late", p.scheduledLate], ["missing", p.missing]];
  chart.setAttribute("aria-label", parts.map(([k, n]) => `${PERIODIC[k]}: ${n}`).join(", "));
  chart.replaceChildren(...parts.filter(([, n]) => n > 0).map(([k, n]) => {
    const bar = el("span", { class: k, title: `${PERIODIC[k]}: ${n}` });
    bar.style.width = `${(100 * n) / o.communeCount}%`;
    return bar;
  }));
  document.getElementById("periodic-legend").replaceChildren(...parts.map(([k, n]) => el("span", {}, el("i", { class: `stack-${k}` }), `${PERIODIC[k]}: ${n}`)));

  drawCommunes();

  const urgent = [...o.urgentNext7Days, ...o.urgentLast30Days];
  document.querySelector("#urgent tbody").replaceChildren(...(urgent.length ? urgent.map((s) => el("tr", {},
    el("td", {}, formatMoment(s.startsAt)), el("td", {}, communeLink(s.communeCode, s.communeName)),
    el("td", {}, el("a", { href: `/phien.html?xa=${s.communeCode}&id=${encodeURIComponent(s.sessionId)}` }, s.title)),
    el("td", {}, el("span", { class: `badge ${s.status}` }, STATUS[s.status])))) : [none(4, "Không có đối thoại đột xuất.")]));

  const withOverdue = o.communes.filter((c) => c.petitionsOverdue > 0).sort((a, b) => b.petitionsOverdue - a.petitionsOverdue).slice(0, 15);
  const most = Math.max(1, ...withOverdue.map((c) => c.petitionsOverdue));
  document.getElementById("petition-chart").replaceChildren(...(withOverdue.length ? withOverdue.map((c) => {
    const fill = el("span", { class: "fill" });
    fill.style.width = `${(100 * c.petitionsOverdue) / most}%`;
    fill.style.display = "block";
    return el("div", { class: "bar" }, communeLink(c.code, c.name), el("div", { class: "track" }, fill), el("span", {}, c.petitionsOverdue));
  }) : [el("p", { class: "muted" }, "Không có kiến nghị quá hạn.")]));

  document.querySelector("#late tbody").replaceChildren(...(o.resultsLate.length ? o.resultsLate.map((r) => el("tr", {},
    el("td", {}, communeLink(r.communeCode, r.communeName)),
    el("td", {}, el("a", { href: `/phien.html?xa=${r.communeCode}&id=${encodeURIComponent(r.sessionId)}` }, r.title)),
    el("td", {}, formatDay(r.due)), el("td", {}, r.publishedAt ? formatMoment(r.publishedAt) : el("span", { class: "badge late" }, "chưa công bố")))) : [none(4, "Không có.")]));

  const sums = {};
  for (const commune of o.deliveryHealth) for (const t of commune.byChannel) {
    const s = (sums[t.channel] ??= { sent: 0, pending: 0, failed: 0 });
    s.sent += t.sent + t.delivered; s.pending += t.pending; s.failed += t.failed;
  }
  const channels = Object.entries(sums).filter(([c]) => c !== "plan");
  document.querySelector("#channels tbody").replaceChildren(...(channels.length ? channels.map(([c, s]) => el("tr", {},
    el("td", {}, CHANNEL[c] ?? c), el("td", { class: "number" }, s.sent), el("td", { class: "number" }, s.pending),
    el("td", { class: "number" }, s.failed))) : [none(4, "Chưa gửi tin nào trong 30 ngày qua.")]));
}

function drawCommunes() {
  const filter = document.getElementById("filter").value;
  const search = document.getElementById("search").value.trim().toLocaleLowerCase("vi");
  const rows = overview.communes
    .filter((c) => filter === "all" || c.periodic === filter
      || (filter === "attention" && (c.periodic === "missing" || c.periodic === "scheduled-late" || c.resultsLate > 0 || c.petitionsOverdue > 0 || c.dialogueRequestsOwed > 0 || c.preparationOverdue > 0 || c.followUpsOverdue > 0)))
    .filter((c) => !search || c.name.toLocaleLowerCase("vi").includes(search))
    .map((c) => el("tr", { "data-commune": c.code },
      el("td", {}, c.code),
      el("td", {}, communeLink(c.code, c.name)),
      el("td", {}, el("span", { class: `badge ${c.periodic}` }, PERIODIC[c.periodic]),
        c.periodicStartsAt ? ` ${formatMoment(c.periodicStartsAt)}` : ""),
      el("td", { class: "number" }, c.urgentLast30Days || ""),
      el("td", { class: "number" }, c.resultsLate ? el("span", { class: "badge late" }, c.resultsLate) : ""),
      el("td", { class: "number" }, c.preparationOverdue ? el("span", { class: "badge late" }, c.preparationOverdue) : ""),
      el("td", { class: "number" }, c.petitionsOpen ? `${c.petitionsOverdue} / ${c.petitionsOpen}` : ""),
      el("td", { class: "number" }, c.followUpsOpen ? el("span", { class: c.followUpsOverdue ? "badge late" : "" }, `${c.followUpsOverdue} / ${c.followUpsOpen}`) : ""),
      el("td", { class: "number" }, c.dialogueRequestsOwed ? el("span", { class: "badge missing" }, c.dialogueRequestsOwed) : "")));
  table.replaceChildren(...(rows.length ? rows : [none(9, "Không có xã, phường nào khớp.")]));
}

byForm.addEventListener("submit", (event) => {
  event.preventDefault();
  clearProblem(byForm);
  const by = readDay(byForm.by);
  if (!by) return showProblem(byForm, new ApiProblem(400, { detail: "Hạn chưa hợp lệ.", errors: { by: ["Ngày ghi dd/mm/yyyy, ví dụ 15/12/2026."] } }));
  const url = new URL(location.href);
  url.searchParams.set("han", by);
  history.replaceState(null, "", url);
  load().catch(fail);
});
document.getElementById("export").addEventListener("click", async (event) => {
  const problem = document.getElementById("export-problem");
  problem.hidden = true;
  try {
    await download(`/api/provinces/${encodeURIComponent(code)}/overview.xlsx?by=${encodeURIComponent(overview.periodicBy)}`, event.currentTarget);
  } catch (error) {
    problem.textContent = error.message;
    problem.hidden = false;
  }
});
document.getElementById("filter").addEventListener("change", drawCommunes);
document.getElementById("search").addEventListener("input", drawCommunes);
load().catch(fail);
