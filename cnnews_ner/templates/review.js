// The review page. Every value from the tables reaches the page through textContent / text nodes
// (el() below), never through innerHTML or URLs, so article text and table values cannot run code.
(function () {
  'use strict';
  const D = JSON.parse(document.getElementById('data').textContent);
  const DOC_PAGE = 200, PEOPLE_PAGE = 100;

  function objects(fields, rows) {
    return rows.map(function (r, i) { const o = { i: i }; fields.forEach(function (f, j) { o[f] = r[j]; }); return o; });
  }
  const docs = objects(D.docFields, D.docs);
  const offices = objects(D.officeFields, D.offices);
  const people = objects(D.peopleFields, D.people);
  const docIndex = new Map(docs.map(function (d) { return [d.doc_id, d.i]; }));
  // biographies and careers, when the run has them: rows by document and by person
  const RECORDS = {
    biographies: { title: 'biography records', cols: ['name', 'gender', 'ethnicity', 'birth', 'birthplace', 'education', 'degree', 'party', 'party_joined', 'work_start', 'professional_titles'] },
    careers: { title: 'career lines', cols: ['name', 'start_date', 'end_date', 'title', 'org', 'status', 'rule'] },
  };
  const records = {};
  Object.keys(RECORDS).forEach(function (name) {
    const t = (D.records || {})[name];
    const rows = t ? objects(t.fields, t.rows) : [];
    const byDoc = new Map(), byPerson = new Map();
    rows.forEach(function (r) {
      r.table = name; r.doc = docIndex.get(r.doc_id);
      if (!byDoc.has(r.doc)) byDoc.set(r.doc, []);
      byDoc.get(r.doc).push(r);
      if (r.person_id) { if (!byPerson.has(r.person_id)) byPerson.set(r.person_id, []); byPerson.get(r.person_id).push(r); }
    });
    records[name] = { rows: rows, byDoc: byDoc, byPerson: byPerson };
  });
  const officesByDoc = new Map(), officesByPerson = new Map();
  offices.forEach(function (o) {
    o.doc = docIndex.get(o.doc_id);  // undefined when the documents table lacks it: listed under People only
    o.key = [o.doc_id, o.start, o.end, o.title, o.org].join('\t');
    if (!officesByDoc.has(o.doc)) officesByDoc.set(o.doc, []);
    officesByDoc.get(o.doc).push(o);
    if (o.person_id) {
      if (!officesByPerson.has(o.person_id)) officesByPerson.set(o.person_id, []);
      officesByPerson.get(o.person_id).push(o);
    }
  });

  // ---- review decisions, kept in localStorage per data set ----
  const STORE = 'cnnews-ner-review:' + D.dataset;
  let decisions = {};
  try { decisions = JSON.parse(localStorage.getItem(STORE) || '{}') || {}; } catch (e) { decisions = {}; }
  let storageFailed = false;
  function saveDecisions() {
    try { localStorage.setItem(STORE, JSON.stringify(decisions)); storageFailed = false; }
    catch (e) { storageFailed = true; }  // storage full or disabled: kept in memory until exported
    showCounts();
  }

  // ---- DOM helpers: text always as text nodes ----
  function el(tag, attrs) {
    const e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        const v = attrs[k];
        if (k === 'class') e.className = v;
        else if (k.slice(0, 2) === 'on') e.addEventListener(k.slice(2), v);
        else if (k === 'data') Object.keys(v).forEach(function (d) { e.dataset[d] = v[d]; });
        else e.setAttribute(k, v);
      });
    }
    for (let n = 2; n < arguments.length; n++) {
      const c = arguments[n];
      if (c === null || c === undefined) continue;
      e.append(c instanceof Node ? c : String(c));
    }
    return e;
  }
  function $(id) { return document.getElementById(id); }
  function lc(s) { return (s === null || s === undefined ? '' : String(s)).toLowerCase(); }

  // ---- filters ----
  const state = { view: 'docs', doc: docs.length ? 0 : -1, selected: -1, record: null, docLimit: DOC_PAGE, peopleLimit: PEOPLE_PAGE };
  let filters = {}, matched = offices, matchedByDoc = null;

  function fillSelect(id, values) {
    const sel = $(id);
    Array.from(new Set(values)).filter(function (v) { return v !== ''; }).sort().forEach(function (v) {
      sel.append(el('option', { value: v }, v));
    });
  }
  fillSelect('f-kind', offices.map(function (o) { return o.kind; }));
  fillSelect('f-status', offices.map(function (o) { return o.status; }));
  fillSelect('f-rule', offices.map(function (o) { return o.rule; }));

  function officeFilterActive() {
    return !!(filters.q || filters.person || filters.org || filters.kind || filters.status || filters.rule || filters.decision);
  }
  function decisionOf(o) { const d = decisions[o.key]; return d ? d.decision : 'none'; }
  function evidenceText(o) {
    // the evidence: the office's stretch of the text (the evidence column is left out when the text is there)
    const d = docs[o.doc];
    if (!d || d.text === null || d.text === undefined) return o.evidence || '';
    const a = Math.min(o.start, o.org_start >= 0 ? o.org_start : o.start, o.title_start >= 0 ? o.title_start : o.start);
    const b = Math.max(o.end, o.org_end, o.title_end);
    return d.text.slice(Math.max(0, a - 40), b + 40);
  }
  function matches(o) {
    const f = filters;
    if (f.person && !(lc(o.person).includes(f.person) || lc(o.person_id).includes(f.person))) return false;
    if (f.org && !(lc(o.org).includes(f.org) || lc(o.org_canonical).includes(f.org))) return false;
    if (f.kind && o.kind !== f.kind) return false;
    if (f.status && o.status !== f.status) return false;
    if (f.rule && o.rule !== f.rule) return false;
    if (f.doc && !lc(o.doc_id).includes(f.doc)) return false;
    if (f.decision && decisionOf(o) !== f.decision) return false;
    if (f.q) {
      const hay = lc([o.person, o.person_id, o.title, o.qualifier, o.org, o.org_canonical, o.doc_id, evidenceText(o)].join('\n'));
      if (!hay.includes(f.q)) return false;
    }
    return true;
  }
  function readFilters() {
    filters = {
      q: lc($('f-q').value.trim()), person: lc($('f-person').value.trim()), org: lc($('f-org').value.trim()),
      doc: lc($('f-doc').value.trim()), kind: $('f-kind').value, status: $('f-status').value,
      rule: $('f-rule').value, decision: $('f-decision').value
    };
    matched = offices.filter(matches);
    matchedByDoc = new Map();
    matched.forEach(function (o) { matchedByDoc.set(o.doc, (matchedByDoc.get(o.doc) || 0) + 1); });
    state.docLimit = DOC_PAGE; state.peopleLimit = PEOPLE_PAGE;
    const list = visibleDocs();
    if (list.indexOf(state.doc) < 0) { state.doc = list.length ? list[0] : -1; state.selected = -1; }
    render();
  }
  function visibleDocs() {
    const out = [];
    const active = officeFilterActive();
    for (let i = 0; i < docs.length; i++) {
      if (filters.doc && !lc(docs[i].doc_id).includes(filters.doc)) continue;
      if (active && !matchedByDoc.get(i)) continue;
      out.push(i);
    }
    return out;
  }

  // ---- rendering ----
  function showCounts() {
    const n = Object.keys(decisions).length;
    $('count').textContent = matched.length + ' of ' + offices.length + ' office rows · ' + docs.length + ' documents';
    $('decided').textContent = n + ' reviewed' + (storageFailed ? ' (not saved in the browser: export review.csv)' : '');
  }
  function render() {
    showCounts();
    $('view-docs').classList.toggle('active', state.view === 'docs');
    $('view-people').classList.toggle('active', state.view === 'people');
    if (state.view === 'docs') { renderDocList(); renderDoc(); } else { renderPeople(); }
  }

  function renderDocList() {
    const side = $('sidebar');
    side.replaceChildren();
    const list = visibleDocs();
    list.slice(0, state.docLimit).forEach(function (i) {
      const d = docs[i];
      const n = (officesByDoc.get(i) || []).length;
      const shown = officeFilterActive() ? (matchedByDoc.get(i) || 0) + ' of ' + n : String(n);
      side.append(el('div', { class: 'list-item doc-item' + (i === state.doc ? ' active' : ''), data: { doc: String(i) },
        onclick: function () { openDoc(i, -1); } },
        el('div', null, d.doc_id), el('div', { class: 'meta' }, shown + ' offices · ' + (d.city || '') + ' ' + (d.status !== 'ok' ? d.status : ''))));
    });
    if (list.length > state.docLimit) {
      side.append(el('button', { type: 'button', class: 'more', onclick: function () { state.docLimit += DOC_PAGE; renderDocList(); } },
        'Show more (' + (list.length - state.docLimit) + ' left)'));
    }
    if (!list.length) side.append(el('p', { class: 'muted list-item' }, 'No document matches the filters.'));
  }

  function legend() {
    return el('div', { class: 'legend' }, 'Mentions:',
      ...D.types.map(function (t) { return el('span', { class: 'ent-' + t }, t); }),
      'Selected row:', el('span', { class: 'sel sel-person' }, 'person'), el('span', { class: 'sel sel-title' }, 'title'),
      el('span', { class: 'sel sel-org' }, 'organization'),
      ...(records.careers.rows.length ? [el('span', { class: 'sel sel-record' }, 'career line')] : []));
  }

  // The text with mentions as coloured spans; the selected office's person, title and organization each
  // wrapped in one <mark> (so each mark's text is exactly the span's text).
  const MISSING = {
    'not found': 'Text not available: not found in the inputs read again. Run cnnews-ner review with --inputs, giving the paths given to extract.',
    'changed': 'Text not available: the file changed since extract (its length differs), so the offsets would point at the wrong characters.',
    'stdin': 'Text not available: it was read from standard input (or given as a text), which cannot be read again.',
  };
  function renderText(d, office, record) {
    const box = el('div', { class: 'text', id: 'text' });
    if (d.text === null || d.text === undefined) {
      box.append(el('p', { class: 'missing' }, d.status !== 'ok' ? 'No text: the document is ' + d.status + '.'
        : MISSING[d.missing] || MISSING['not found']));
      return box;
    }
    const text = d.text, ments = d.mentions || [];
    const sels = [];
    const wanted = office ? [['person', office.start, office.end], ['title', office.title_start, office.title_end], ['org', office.org_start, office.org_end]]
      : !record ? [] : record.table === 'biographies' ? [['person', record.name_start, record.name_end]] : [['record', record.start, record.end]];
    if (wanted.length) {
      wanted
        .forEach(function (s) {
          if (s[1] >= 0 && s[2] > s[1] && !sels.some(function (t) { return s[1] < t[2] && t[1] < s[2]; })) sels.push(s);
        });
    }
    const cuts = new Set([0, text.length]);
    ments.forEach(function (m) { cuts.add(m[0]); cuts.add(m[1]); });
    sels.forEach(function (s) { cuts.add(s[1]); cuts.add(s[2]); });
    const points = Array.from(cuts).filter(function (p) { return p >= 0 && p <= text.length; }).sort(function (a, b) { return a - b; });
    let current = null, currentRole = null;
    for (let k = 0; k + 1 < points.length; k++) {
      const a = points[k], b = points[k + 1];
      let best = null;
      for (const m of ments) {  // the innermost mention covering [a, b)
        if (m[0] <= a && m[1] >= b && (!best || m[0] > best[0] || (m[0] === best[0] && m[1] < best[1]))) best = m;
      }
      const sel = sels.find(function (s) { return s[1] <= a && s[2] >= b; });
      const role = sel ? sel[0] : null;
      if (role !== currentRole) {
        current = role ? el('mark', { class: 'sel sel-' + role, data: { role: role } }) : null;
        if (current) box.append(current);
        currentRole = role;
      }
      const piece = text.slice(a, b);
      const node = best ? el('span', { class: 'ent ent-' + D.types[best[2]], data: { label: D.types[best[2]] } }, piece)
        : document.createTextNode(piece);
      (current || box).append(node);
    }
    return box;
  }

  function decisionButtons(o, rerender) {
    const d = decisions[o.key];
    function set(kind) {
      return function (ev) {
        ev.stopPropagation();
        if (kind === 'edit') { rerender(o, true); return; }
        if (d && d.decision === kind) delete decisions[o.key]; else decisions[o.key] = { decision: kind };
        saveDecisions(); rerender(o, false);
      };
    }
    return el('td', { class: 'actions' },
      el('button', { type: 'button', class: 'accept' + (d && d.decision === 'accept' ? ' on' : ''), title: 'accept', onclick: set('accept') }, '✓'),
      el('button', { type: 'button', class: 'reject' + (d && d.decision === 'reject' ? ' on' : ''), title: 'reject', onclick: set('reject') }, '✗'),
      el('button', { type: 'button', class: 'edit' + (d && d.decision === 'edit' ? ' on' : ''), title: 'edit title, organization, status', onclick: set('edit') }, '✎'));
  }

  function editForm(o, colspan, done) {
    const d = decisions[o.key] || {};
    const title = el('input', { class: 'new-title', value: d.new_title || o.title, size: '10' });
    const org = el('input', { class: 'new-org', value: d.new_org || o.org_canonical || o.org, size: '18' });
    const status = el('select', { class: 'new-status' }, ...D.statuses.map(function (s) { return el('option', { value: s }, s); }));
    status.value = d.new_status || o.status;
    function save() {
      decisions[o.key] = { decision: 'edit', new_title: title.value.trim(), new_org: org.value.trim(), new_status: status.value };
      saveDecisions(); done();
    }
    const td = el('td', { colspan: String(colspan) }, 'title ', title, ' organization ', org, ' status ', status,
      el('button', { type: 'button', class: 'save', onclick: save }, 'Save'),
      el('button', { type: 'button', class: 'cancel', onclick: done }, 'Cancel'));
    td.addEventListener('keydown', function (ev) {  // Enter saves, Escape cancels
      if (ev.key === 'Enter') { ev.preventDefault(); save(); } else if (ev.key === 'Escape') { ev.preventDefault(); done(); }
    });
    return el('tr', { class: 'edit-form' }, td);
  }

  const COLS = ['person', 'title', 'qualifier', 'org', 'org_canonical', 'kind', 'status', 'rule'];
  function officeRow(o, onclick, rerender, extra) {
    const d = decisions[o.key];
    const cells = (extra || []).map(function (c) { return el('td', null, c); });
    COLS.forEach(function (c) {
      const td = el('td', { class: 'c-' + c }, o[c]);
      if (d && d.decision === 'edit') {
        const v = c === 'title' ? d.new_title : c === 'org_canonical' ? d.new_org : c === 'status' ? d.new_status : '';
        if (v && v !== o[c]) td.append(el('div', { class: 'edited' }, '→ ' + v));
      }
      cells.push(td);
    });
    cells.push(decisionButtons(o, rerender));
    return el('tr', { class: 'office' + (d ? ' d-' + d.decision : '') + (o.i === state.selected ? ' active' : ''),
      data: { office: String(o.i) }, onclick: onclick }, ...cells);
  }

  function renderDoc() {
    const main = $('main');
    main.replaceChildren();
    if (state.doc < 0) { main.append(el('p', { class: 'muted' }, 'No document to show.')); return; }
    const d = docs[state.doc];
    const all = officesByDoc.get(state.doc) || [];
    const rows = officeFilterActive() ? all.filter(matches) : all;
    const office = state.selected >= 0 && offices[state.selected].doc === state.doc ? offices[state.selected] : null;
    main.append(el('div', { class: 'doc-head' }, el('h2', { id: 'doc-title' }, d.doc_id),
      el('div', { class: 'muted' }, [d.path, d.city, d.newspaper, d.script, d.status + (d.error ? ': ' + d.error : '')]
        .filter(function (x) { return x; }).join(' · '))));
    const record = !office && state.record && state.record.doc === state.doc ? state.record : null;
    main.append(legend());
    main.append(renderText(d, office, record));
    if (office && !(d.text === null || d.text === undefined)) { /* the marks show the evidence */ }
    else if (office) main.append(el('p', { class: 'evidence' }, 'Evidence: ', office.evidence));
    const table = el('table', { class: 'offices', id: 'doc-offices' },
      el('thead', null, el('tr', null, ...COLS.map(function (c) { return el('th', null, c); }), el('th', null, 'review'))));
    const body = el('tbody');
    function rerender(o, editing) {
      renderDoc();
      if (editing) {
        const tr = document.querySelector('#doc-offices tr.office[data-office="' + o.i + '"]');
        if (tr) tr.after(editForm(o, COLS.length + 1, function () { renderDoc(); }));
      }
    }
    rows.forEach(function (o) { body.append(officeRow(o, function () { selectOffice(o.i); }, rerender)); });
    table.append(body);
    main.append(el('h3', null, rows.length + (rows.length !== all.length ? ' of ' + all.length : '') + ' office rows'), table);
    Object.keys(RECORDS).forEach(function (name) {
      const list = records[name].byDoc.get(state.doc) || [];
      if (list.length) main.append(el('h3', null, list.length + ' ' + RECORDS[name].title), recordTable(name, list, false));
    });
  }

  // a biographies or careers table; a row outlines its name (biographies) or its line (careers) in the text
  function recordTable(name, list, withDoc) {
    const cols = (withDoc ? ['doc_id'] : []).concat(RECORDS[name].cols);
    const table = el('table', { class: 'offices records', id: withDoc ? null : 'doc-' + name },
      el('thead', null, el('tr', null, ...cols.map(function (c) { return el('th', null, c); }))));
    const body = el('tbody');
    list.forEach(function (r) {
      body.append(el('tr', { class: 'record' + (state.record === r ? ' active' : ''), data: { record: String(r.i) },
        onclick: function () { selectRecord(r); } }, ...cols.map(function (c) { return el('td', { class: 'c-' + c }, r[c]); })));
    });
    table.append(body);
    return table;
  }
  function selectRecord(r) {
    if (r.doc === undefined || !docs[r.doc]) return;
    state.view = 'docs'; state.doc = r.doc; state.selected = -1; state.record = r;
    render();
    const mark = document.querySelector('#text .sel');
    if (mark) mark.scrollIntoView({ block: 'center' });
  }

  function selectOffice(i) {
    state.selected = i; state.record = null;
    renderDoc();
    const mark = document.querySelector('#text .sel-person') || document.querySelector('#text .sel');
    if (mark) mark.scrollIntoView({ block: 'center' });
  }
  function openDoc(i, office) {
    if (i === undefined || !docs[i]) return;  // an office whose document is not in the documents table
    state.view = 'docs'; state.doc = i; state.selected = office; state.record = null;
    render();
    if (office >= 0) selectOffice(office);
    const item = document.querySelector('.doc-item[data-doc="' + i + '"]');
    if (item) item.scrollIntoView({ block: 'nearest' });
  }

  function renderPeople() {
    const side = $('sidebar'), main = $('main');
    side.replaceChildren(el('p', { class: 'muted list-item' }, 'One card per person: every office across documents; "evidence" opens the document at the row.'));
    main.replaceChildren();
    const active = officeFilterActive() || filters.doc;
    const byPerson = new Map();
    matched.forEach(function (o) { if (o.person_id) { if (!byPerson.has(o.person_id)) byPerson.set(o.person_id, []); byPerson.get(o.person_id).push(o); } });
    const list = people.filter(function (p) {
      if (active) return byPerson.has(p.person_id);
      return true;
    });
    list.slice(0, state.peopleLimit).forEach(function (p) {
      const rows = (active ? byPerson.get(p.person_id) : officesByPerson.get(p.person_id)) || [];
      const table = el('table', { class: 'offices' }, el('thead', null, el('tr', null, el('th', null, 'document'),
        ...COLS.map(function (c) { return el('th', null, c); }), el('th', null, 'review'), el('th', null, ''))));
      const body = el('tbody');
      rows.forEach(function (o) {
        const tr = officeRow(o, null, function () { renderPeople(); }, [o.doc_id]);
        tr.append(el('td', null, el('button', { type: 'button', class: 'link evidence-link', onclick: function () { openDoc(o.doc, o.i); } }, 'evidence')));
        body.append(tr);
      });
      table.append(body);
      const card = el('div', { class: 'person-card', data: { person: p.person_id } },
        el('h3', null, p.name, ' ', el('span', { class: 'muted' }, [p.person_id, p.variants, p.city, p.doc_count + ' documents'].filter(function (x) { return x; }).join(' · '))),
        rows.length ? table : el('p', { class: 'muted' }, 'no office'));
      Object.keys(RECORDS).forEach(function (name) {
        const list = records[name].byPerson.get(p.person_id) || [];
        if (list.length) card.append(el('h4', null, list.length + ' ' + RECORDS[name].title), recordTable(name, list, true));
      });
      main.append(card);
    });
    if (list.length > state.peopleLimit) {
      main.append(el('button', { type: 'button', class: 'more', onclick: function () { state.peopleLimit += PEOPLE_PAGE; renderPeople(); } },
        'Show more (' + (list.length - state.peopleLimit) + ' left)'));
    }
    if (!list.length) main.append(el('p', { class: 'muted' }, 'No person matches the filters.'));
  }

  // ---- export ----
  function csvField(v) {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function exportReview() {
    const lines = [D.reviewFields.join(',')];
    offices.forEach(function (o) {
      const d = decisions[o.key];
      if (!d) return;
      const row = { decision: d.decision, new_title: d.new_title || '', new_org: d.new_org || '', new_status: d.new_status || '' };
      lines.push(D.reviewFields.map(function (f) { return csvField(f in row ? row[f] : o[f]); }).join(','));
    });
    const blob = new Blob([lines.join('\n') + '\n'], { type: 'text/csv;charset=utf-8' });
    const a = el('a', { download: 'review.csv' });
    a.href = URL.createObjectURL(blob);  // a blob: URL we made, never a URL from the data
    document.body.append(a); a.click(); a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  }

  // ---- wiring ----
  let timer = null;
  function later() { clearTimeout(timer); timer = setTimeout(readFilters, 150); }
  ['f-q', 'f-person', 'f-org', 'f-doc'].forEach(function (id) { $(id).addEventListener('input', later); });
  ['f-kind', 'f-status', 'f-rule', 'f-decision'].forEach(function (id) { $(id).addEventListener('change', readFilters); });
  $('filters').addEventListener('submit', function (ev) { ev.preventDefault(); readFilters(); });
  $('filters').addEventListener('reset', function () { setTimeout(readFilters, 0); });
  $('view-docs').addEventListener('click', function () { state.view = 'docs'; render(); });
  $('view-people').addEventListener('click', function () { state.view = 'people'; render(); });
  $('export').addEventListener('click', exportReview);
  // keys for going through many rows: j / k next and previous row, a accept, r reject, e edit,
  // n / p next and previous document (not while typing in a field)
  document.addEventListener('keydown', function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || /^(INPUT|SELECT|TEXTAREA)$/.test(ev.target.tagName) || state.view !== 'docs') return;
    const rows = Array.from(document.querySelectorAll('#doc-offices tr.office'));
    const at = rows.findIndex(function (tr) { return tr.classList.contains('active'); });
    const row = at >= 0 ? rows[at] : null;
    if (ev.key === 'j' || ev.key === 'k') {
      const next = rows[ev.key === 'j' ? at + 1 : Math.max(0, at - 1)];
      if (next) { selectOffice(Number(next.dataset.office)); document.querySelector('#doc-offices tr.office.active').scrollIntoView({ block: 'nearest' }); }
    } else if ((ev.key === 'a' || ev.key === 'r' || ev.key === 'e') && row) {
      row.querySelector(ev.key === 'a' ? 'button.accept' : ev.key === 'r' ? 'button.reject' : 'button.edit').click();
      if (ev.key === 'e') { const input = document.querySelector('tr.edit-form input.new-title'); if (input) input.focus(); }
    } else if (ev.key === 'n' || ev.key === 'p') {
      const list = visibleDocs(), k = list.indexOf(state.doc) + (ev.key === 'n' ? 1 : -1);
      if (k >= 0 && k < list.length) openDoc(list[k], -1);
    } else return;
    ev.preventDefault();
  });
  readFilters();
  document.body.dataset.ready = '1';
  window.reviewReadyMs = performance.now();
})();
