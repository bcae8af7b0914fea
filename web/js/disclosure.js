// My disclosure page: say plainly, as the person ticks boxes, whether an item is "only me".
(function () {
  'use strict';
  function summarize(form, status) {
    const ticked = form.querySelectorAll('input[name="audience"]:checked').length;
    const people = Array.from(form.querySelectorAll('select[name="person"] option')).filter((o) => o.selected).length;
    status.textContent = ticked + people === 0
      ? 'Only me: nobody else will see this item.'
      : 'Shared with ' + (ticked + people) + ' audience' + (ticked + people === 1 ? '' : 's') + ' once you save.';
  }
  document.querySelectorAll('form.audience-form').forEach((form) => {
    const status = document.createElement('p');
    status.className = 'audience-status';
    status.setAttribute('role', 'status');
    form.querySelector('fieldset').appendChild(status);
    form.addEventListener('change', () => summarize(form, status));
    summarize(form, status);
  });
})();
