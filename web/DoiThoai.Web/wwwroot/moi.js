// The hamlet head's page: no account, the code of their own link (read from the address's fragment, sent in a header,
// never in a URL the server logs); they tick the people of their hamlet invited to the session, within the quota.
import { api, el, param, formatMoment, formatDay, showProblem, clearProblem } from "/app.js";

const commune = param("xa");
const session = param("phien");
const group = param("nhom");
const code = new URLSearchParams(location.hash.slice(1)).get("ma") ?? "";
const url = `/api/communes/${encodeURIComponent(commune ?? "")}/sessions/${encodeURIComponent(session ?? "")}/invitees/groups/${encodeURIComponent(group ?? "")}/fill`;
const headers = { "X-Invitee-Code": code };
const form = document.getElementById("choice-form");
let page;

function chosen() {
  return [...form.querySelectorAll("input[type=checkbox]:checked")].map((box) => box.value);
}

function count() {
  const n = chosen().length;
  const counter = document.getElementById("counter");
  const short = Math.max(0, page.minimum - n);
  counter.className = short > 0 || n > page.maximum ? "hint refused" : "hint allowed";
  counter.textContent = n > page.maximum
    ? `Đã chọn ${n} người, nhiều hơn định mức ${page.maximum}: hãy bỏ bớt.`
    : short > 0 ? `Đã chọn ${n}/${page.minimum} người · còn thiếu ${short}.` : `Đã chọn ${n} người · đủ định mức.`;
}

function show(p) {
  page = p;
  const quota = p.minimum === p.maximum ? `${p.minimum} người` : `từ ${p.minimum} đến ${p.maximum} người`;
  const fact = (term, value) => (value ? [el("dt", {}, term), el("dd", {}, value)] : []);
  document.getElementById("session").replaceChildren(
    el("h2", {}, p.sessionTitle),
    el("dl", { class: "facts" },
      ...fact("Đơn vị", `Ủy ban nhân dân ${p.communeName}`),
      ...fact("Thời gian", formatMoment(p.startsAt)),
      ...fact("Địa điểm", p.venue),
      ...fact("Nhóm", p.groupName),
      ...fact("Định mức", quota),
      ...fact("Hạn chọn", formatDay(p.deadline))));
  if (!p.open) {
    document.getElementById("session").append(el("p", { class: "problem" }, "Hội nghị đã diễn ra hoặc đã hủy; danh sách không còn sửa được."));
    document.getElementById("choice").hidden = true;
    return;
  }
  document.getElementById("choice").hidden = false;
  document.getElementById("candidates").replaceChildren(...p.candidates.map((c) =>
    el("li", {}, el("label", { class: "check" }, el("span", {},
      el("input", { type: "checkbox", value: c.contactId, checked: c.chosen, disabled: !!c.chosenInGroup, onchange: count }),
      el("strong", {}, c.fullName), c.title ? `, ${c.title}` : "",
      c.chosenInGroup ? el("span", { class: "muted" }, ` — đã được chọn ở ${c.chosenInGroup}`) : "")))));
  if (p.candidates.length === 0) {
    document.getElementById("candidates").append(el("li", { class: "muted" }, "Danh sách liên lạc của thôn, tổ dân phố chưa có ai. Xin liên hệ Văn phòng UBND."));
  }
  count();
}

async function load() {
  try {
    show(await api(url, { headers }));
  } catch (error) {
    document.getElementById("session").replaceChildren(el("p", { class: "problem", role: "alert" }, error.message));
  }
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearProblem(form);
  const button = form.querySelector("button");
  button.disabled = true;
  try {
    show(await api(url, { method: "PUT", headers, body: { contactIds: chosen() } }));
    const done = document.getElementById("saved");
    const n = chosen().length;
    done.hidden = false;
    done.textContent = `Đã lưu ${n} người. Những người được chọn sẽ nhận giấy mời; Ông/Bà có thể sửa danh sách đến hạn ${formatDay(page.deadline)}.`;
  } catch (error) {
    showProblem(form, error);
  } finally {
    button.disabled = false;
  }
});

load();
