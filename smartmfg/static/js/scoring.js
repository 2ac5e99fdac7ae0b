// The running total of an expert's scoring sheet, updated as they type (the server checks every score again).
(function () {
  "use strict";
  function update(form) {
    var total = 0;
    var scored = 0;
    var inputs = form.querySelectorAll("input.score-input");
    inputs.forEach(function (input) {
      var value = input.value.trim();
      var points = parseFloat(input.dataset.points);
      var number = Number(value);
      var bad = value !== "" && (isNaN(number) || number < 0 || number > points || Math.round(number * 2) !== number * 2);
      input.setAttribute("aria-invalid", bad ? "true" : "false");
      if (value !== "" && !bad) {
        // half points: count in halves so that the sum is exact
        total += Math.round(number * 2);
        scored += 1;
      }
    });
    var out = form.querySelector("[data-running-total]");
    if (out) {
      out.textContent = (total / 2).toString();
    }
    var count = form.querySelector("[data-scored-count]");
    if (count) {
      count.textContent = scored.toString();
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-scoring-sheet]").forEach(function (form) {
      form.addEventListener("input", function () { update(form); });
      update(form);
    });
  });
})();
