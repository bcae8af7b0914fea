// My disclosure page: say plainly, as the person ticks boxes, whether an item is "only me", and
// whether what the form shows is what is saved or a change that waits for "Save who may see it".
(function () {
  'use strict';
  function chosen(form) {
    const ticked = Array.from(form.querySelectorAll('input[name="audience"]:checked')).map((i) => i.value);
    const people = Array.from(form.querySelectorAll('select[name="person"] option')).filter((o) => o.selected).map((o) => 'person:' + o.value);
    const until = form.querySelector('input[name="expiresAt"]');
    return { count: ticked.length + people.length, key: ticked.concat(people).sort().join(' ') + '|' + (until ? until.value : '') };
  }
  function summarize(form, status, saved) {
    const now = chosen(form);
    const audiences = now.count + ' audience' + (now.count === 1 ? '' : 's');
    if (now.key === saved) {
      status.textContent = now.count === 0 ? 'Only me: nobody else sees this item.' : 'Saved: shared with ' + audiences + '.';
    } else {
      status.textContent = now.count === 0 ? 'Only me once you save: nobody else will see this item.' : 'Shared with ' + audiences + ' once you save.';
    }
  }
  document.querySelectorAll('form.audience-form').forEach((form) => {
    const status = document.createElement('p');
    status.className = 'audience-status';
    status.setAttribute('role', 'status');
    form.querySelector('fieldset').appendChild(status);
    const saved = chosen(form).key;
    form.addEventListener('change', () => summarize(form, status, saved));
    form.addEventListener('input', () => summarize(form, status, saved));
    summarize(form, status, saved);
  });
})();
