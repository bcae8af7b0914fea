// Live total for the check-in form. The server validates the same rule, so the form works without this.
(function () {
  'use strict';
  const form = document.querySelector('form[data-checkin-form]');
  if (!form) return;
  const out = form.querySelector('[data-total]');
  const hint = form.querySelector('[data-total-hint]');
  function update() {
    let total = 0;
    form.querySelectorAll('input[data-activity]').forEach((i) => {
      const v = parseFloat(i.value);
      if (!Number.isNaN(v) && v > 0) total += v;
    });
    const hours = form.querySelector('input[name="unit"][value="hours"]').checked;
    const rounded = Math.round(total * 10) / 10;
    out.textContent = hours ? rounded + ' hours' : rounded + '%';
    if (hours) {
      hint.textContent = total > 0 ? '' : 'enter some hours';
    } else {
      const left = Math.round((100 - total) * 10) / 10;
      hint.textContent = left === 0 ? 'adds up to 100' : (left > 0 ? left + '% left to place' : (-left) + '% too many');
    }
  }
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  update();
})();
