// The public registration form (plan 002): no token, one session, the resident's own registration only.
import { api, el, param, formatMoment, showProblem, clearProblem, KIND, FORM } from "/app.js";

const commune = param("xa");
const id = param("phien");
const base = `/api/communes/${encodeURIComponent(commune ?? "")}/sessions/${encodeURIComponent(id ?? "")}`;
const form = document.getElementById("speaker-form");

async function load() {
  const box = document.getElementById("session");
  try {
    const s = await api(`${base}/registration`);
    document.title = `Đăng ký phát biểu · ${s.title}`;
    const fact = (term, value) => (value ? [el("dt", {}, term), el("dd", {}, value)] : []);
    box.replaceChildren(
      el("h2", {}, s.title),
      el("dl", { class: "facts" },
        ...fact("Đơn vị", `Ủy ban nhân dân ${s.communeName}`),
        ...fact("Loại", `Hội nghị đối thoại ${KIND[s.kind].toLowerCase()}`),
        ...fact("Thời gian", `${formatMoment(s.startsAt)} (${s.durationMinutes} phút)`),
        ...fact("Hình thức", FORM[s.form]),
        ...fact("Địa điểm", s.venue),
        ...fact("Nội dung", s.topic),
        ...fact("Chủ trì", s.chair)));
    if (s.openForSpeakers) {
      document.getElementById("registration").hidden = false;
    } else {
      box.append(el("p", { class: "problem" }, "Phiên đối thoại này không còn nhận đăng ký phát biểu."));
    }
  } catch (error) {
    box.replaceChildren(el("p", { class: "problem", role: "alert" }, error.message));
  }
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearProblem(form);
  const button = form.querySelector("button");
  button.disabled = true;
  try {
    const receipt = await api(`${base}/speakers`, {
      method: "POST",
      body: {
        fullName: form.fullName.value.trim(),
        jobTitle: form.jobTitle.value.trim() || null,
        workplaceOrAddress: form.workplaceOrAddress.value.trim(),
        phone: form.phone.value.trim(),
        opinion: form.opinion.value.trim(),
        consent: form.consent.checked,
        editCode: form.editCode.value.trim() || null,
      },
    });
    document.getElementById("registration").hidden = true;
    const done = document.getElementById("receipt");
    done.hidden = false;
    done.replaceChildren(
      el("h2", {}, receipt.updated ? "Đã cập nhật ý kiến của anh/chị" : "Đã nhận đăng ký phát biểu"),
      el("p", {}, `Số đăng ký: ${receipt.number}. Thứ tự phát biểu dự kiến: ${receipt.position}.`),
      ...(receipt.editCode
        ? [el("p", {}, "Mã sửa đăng ký của anh/chị: ", el("strong", { class: "edit-code" }, receipt.editCode)),
          el("p", { class: "muted" }, "Hãy ghi lại mã này: chỉ hiện một lần, và chỉ với mã này mới sửa được ý kiến đã đăng ký.")]
        : []),
      el("p", { class: "muted" }, "Chủ tọa có thể sắp xếp lại thứ tự theo nội dung ý kiến. Ủy ban có thể gọi lại số điện thoại anh/chị đã để lại."));
  } catch (error) {
    showProblem(form, error);
  } finally {
    button.disabled = false;
  }
});

load();
