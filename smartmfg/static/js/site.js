// Small progressive enhancements; every page works without them.
document.addEventListener("change", (event) => {
  const target = event.target;
  if (target instanceof HTMLSelectElement && target.hasAttribute("data-autosubmit")) {
    target.form.submit();
  }
});
// Ask before an irreversible step; the server checks again regardless.
document.addEventListener("submit", (event) => {
  const form = event.target;
  const question = form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
// A form posts once: a second click while the first is on its way does nothing.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (event.defaultPrevented) return;
  if (form.dataset.submitted === "yes" && !form.hasAttribute("data-resubmit")) {
    event.preventDefault();
    return;
  }
  form.dataset.submitted = "yes";
  window.setTimeout(() => { form.dataset.submitted = ""; }, 5000);
});
// A page that comes back with errors moves the focus to their summary, so that it is seen and read out.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
    summary.scrollIntoView({ block: "center" });
  }
});
