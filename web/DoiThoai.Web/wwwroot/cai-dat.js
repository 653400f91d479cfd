import { api, ApiProblem, signedIn, el, param, fail, showProblem, clearProblem, parseTime, ask, communeNav } from "/app.js";

const code = param("xa");
const base = `/api/communes/${encodeURIComponent(code)}`;
const speakers = document.getElementById("loudspeaker-form");
const policy = document.getElementById("policy-form");
const describe = (p) => `${p.minimumNoticeDays} ${p.dayKind === "working" ? "ngày làm việc" : "ngày"}`;

async function load() {
  const me = await signedIn();
  communeNav(code, "cai-dat", me);
  const [commune, system] = await Promise.all([api(base), api(`${base}/loudspeakers`)]);
  document.title = `Loa và thời hạn · ${commune.name}`;
  document.getElementById("heading").textContent = `Loa truyền thanh và thời hạn thông báo · ${commune.name}`;
  const readOnly = me.role === "viewer";
  for (const control of document.querySelectorAll("form button, form input, form select")) control.disabled = readOnly;
  showPolicy(commune);
  showSystem(system);
  speakers.hidden = false; // shown once they hold what is in force, so nothing typed is overwritten
  policy.hidden = false;
}

function showPolicy(commune) {
  document.getElementById("policy-facts").replaceChildren(
    el("dt", {}, `Mức chung của ${commune.provinceName}`), el("dd", {}, describe(commune.provinceDefault)),
    el("dt", {}, "Quy định riêng của xã"), el("dd", {}, commune.ownPolicy ? describe(commune.ownPolicy) : "không có (theo mức của tỉnh)"),
    el("dt", {}, "Đang áp dụng"), el("dd", {}, commune.effectivePolicies.map(describe).join(" và ")));
  const shown = commune.ownPolicy ?? commune.provinceDefault;
  policy.minimumNoticeDays.value = shown.minimumNoticeDays;
  policy.dayKind.value = shown.dayKind;
  document.getElementById("clear-policy").hidden = !commune.ownPolicy;
}

function showSystem(system) {
  speakers.slots.value = system.slots.join(", ");
  document.querySelector("#clusters tbody").replaceChildren(...system.clusters.map(clusterRow));
}

function clusterRow(cluster = { id: "", name: "", hamlets: [] }) {
  const row = el("tr", { "data-cluster": cluster.id },
    el("td", {}, el("input", { name: "clusterName", maxlength: 200, value: cluster.name, "aria-label": "Tên cụm loa" })),
    el("td", {}, el("input", { name: "clusterHamlets", value: (cluster.hamlets ?? []).join(", "), "aria-label": `Thôn, tổ dân phố của ${cluster.name || "cụm loa mới"}` })),
    el("td", {}, el("button", { type: "button", class: "danger", "aria-label": `Bỏ ${cluster.name || "cụm loa mới"}`, onclick: () => row.remove() }, "Bỏ")));
  return row;
}

/** Cluster ids kept for the clusters that had one; a new cluster gets the next free "cum-N". */
function readClusters() {
  const rows = [...document.querySelectorAll("#clusters tbody tr")];
  const taken = new Set(rows.map((r) => r.dataset.cluster).filter(Boolean));
  let next = 1;
  return rows.map((r) => {
    let id = r.dataset.cluster;
    if (!id) {
      while (taken.has(`cum-${next}`)) next++;
      id = `cum-${next}`;
      taken.add(id);
    }
    const hamlets = r.querySelector("[name=clusterHamlets]").value.split(",").map((h) => h.trim()).filter(Boolean);
    return { id, name: r.querySelector("[name=clusterName]").value.trim(), hamlets };
  });
}

speakers.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearProblem(speakers);
  document.getElementById("loudspeakers-saved").hidden = true;
  const typed = speakers.slots.value.split(",").map((s) => s.trim()).filter(Boolean);
  const slots = typed.map(parseTime);
  if (slots.some((s) => !s)) {
    return showProblem(speakers, new ApiProblem(400, { detail: "Giờ phát thanh chưa hợp lệ.",
      errors: { slots: [`Không đọc được: ${typed.filter((t, i) => !slots[i]).join(", ")}. Ghi hh:mm theo 24 giờ, ví dụ 06:00, 17:30.`] } }));
  }
  try {
    showSystem(await api(`${base}/loudspeakers`, { method: "PUT", body: { slots, clusters: readClusters() } }));
    const saved = document.getElementById("loudspeakers-saved");
    saved.textContent = "Đã lưu. Các thông báo sắp tới được phát theo giờ và cụm loa mới.";
    saved.hidden = false;
  } catch (error) {
    showProblem(speakers, error);
  }
});

document.getElementById("add-cluster").addEventListener("click", () => {
  const row = clusterRow();
  document.querySelector("#clusters tbody").append(row);
  row.querySelector("input").focus();
});

policy.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearProblem(policy);
  try {
    showPolicy(await api(`${base}/notice-policy`, { method: "PUT",
      body: { minimumNoticeDays: Number(policy.minimumNoticeDays.value), dayKind: policy.dayKind.value } }));
  } catch (error) {
    showProblem(policy, error);
  }
});

document.getElementById("clear-policy").addEventListener("click", async () => {
  clearProblem(policy);
  if (!(await ask("Bỏ quy định riêng của xã? Các hội nghị sau đó chỉ cần báo trước theo mức chung của tỉnh.", "Bỏ quy định riêng"))) return;
  try {
    showPolicy(await api(`${base}/notice-policy`, { method: "DELETE" }));
  } catch (error) {
    showProblem(policy, error);
  }
});

load().catch(fail);
