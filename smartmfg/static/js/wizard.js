// The application form's enhancements; every step works without them.
(() => {
  // "添加一行": copy the formset's blank row and count it in the management form.
  document.querySelectorAll("[data-formset-add]").forEach((button) => {
    const prefix = button.getAttribute("data-formset-add");
    const template = document.getElementById(`${prefix}-empty`);
    const body = document.querySelector(`[data-formset-body="${prefix}"]`);
    const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
    if (!template || !body || !total) return;
    button.hidden = false;
    button.addEventListener("click", () => {
      const index = Number(total.value);
      const html = template.innerHTML.replaceAll("__prefix__", String(index));
      body.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      const row = body.lastElementChild;
      const number = row.querySelector("td");
      if (number) number.textContent = String(index + 1);
      const first = row.querySelector("input, select, textarea");
      if (first) first.focus();
    });
  });

  // A row ticked "删除" is struck through until saved.
  document.addEventListener("change", (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || !box.name.endsWith("-DELETE")) return;
    const row = box.closest("tr");
    if (row) row.classList.toggle("removed", box.checked);
  });

  // 项目情况: show the date that goes with the construction status.
  const status = document.querySelector("[data-construction-status]");
  if (status) {
    const started = document.getElementById("id_production_started_on");
    const expected = document.getElementById("id_expected_completion_on");
    const sync = () => {
      const value = status.value;
      if (started) started.closest(".field").hidden = value === "under_construction";
      if (expected) expected.closest(".field").hidden = value === "in_production";
    };
    status.addEventListener("change", sync);
    sync();
  }
})();
