// The timeline page: plain browser JS, no build step, no framework. Every piece of data goes into
// the DOM through textContent, never innerHTML, so a document's text cannot inject markup.
import { agreementOf, describeDate, yearOf } from './date-label.js';

const TOKEN_KEY = 'timeline-api-token';
/** As `timeline show`: the most important entries first, every one on request (the server ranks them). */
const TOP_ENTRIES = 40;

const $ = (id) => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page lacks #${id}`);
  return element;
};

const ui = {
  summary: $('summary'),
  liveStatus: $('live-status'),
  announcer: $('announcer'),
  positionSlider: $('as-of-position'),
  positionOutput: $('as-of-position-output'),
  timePicker: $('as-of-time'),
  latestButton: $('as-of-latest'),
  sourceFilter: $('source-filter'),
  entityFilter: $('entity-filter'),
  moreEntries: $('more-entries'),
  moreEntriesText: $('more-entries-text'),
  toggleAll: $('toggle-all'),
  exportJson: $('export-json'),
  exportCsv: $('export-csv'),
  exportTimelineJs: $('export-timelinejs'),
  notes: $('notes'),
  entries: $('entries'),
  empty: $('empty'),
  documents: $('documents'),
  documentCount: $('document-count'),
  form: $('submit-form'),
  formStatus: $('submit-status'),
  tokenField: $('token-field'),
  token: $('doc-token'),
};

/** What the reader asked for; `asOf` undefined means "the latest, and follow it live". */
const state = {
  head: 0,
  /** @type {{ position: number } | { time: string } | undefined} */
  asOf: undefined,
  source: '',
  /** A company or person: only the entries naming it (the server matches; never cut). */
  entity: '',
  /** Every entry, not only the TOP_ENTRIES most important. */
  all: false,
  view: undefined,
  expanded: new Set(),
  /** Entry ids already shown, to point out what the workers just added. */
  seen: undefined,
};

// ------------------------------------------------------------------ URL state, so views can be shared

function readLocation() {
  const params = new URLSearchParams(location.search);
  const asOf = params.get('asOf');
  if (asOf !== null && /^\d+$/.test(asOf)) state.asOf = { position: Number(asOf) };
  else if (asOf) state.asOf = { time: asOf };
  state.source = params.get('source') ?? '';
  state.entity = params.get('entity') ?? '';
  state.all = params.get('all') === 'true';
}

function queryString() {
  const params = new URLSearchParams();
  if (state.asOf && 'position' in state.asOf) params.set('asOf', String(state.asOf.position));
  if (state.asOf && 'time' in state.asOf) params.set('asOf', state.asOf.time);
  if (state.source) params.set('source', state.source);
  if (state.entity) params.set('entity', state.entity);
  // The server lists every entry anyway; in the URL it keeps the reader's choice when shared.
  if (state.all) params.set('all', 'true');
  const text = params.toString();
  return text ? `?${text}` : '';
}

function syncLocationAndExports() {
  const query = queryString();
  history.replaceState(null, '', `${location.pathname}${query}`);
  ui.exportJson.href = `/timeline${query}`;
  ui.exportCsv.href = `/timeline.csv${query}`;
  ui.exportTimelineJs.href = `/timeline.timelinejs.json${query}`;
}

// ------------------------------------------------------------------ loading

let loading = false;
let reloadWanted = false;

/** One request in flight at a time; a burst of live updates collapses into one more load. */
async function load() {
  if (loading) {
    reloadWanted = true;
    return;
  }
  loading = true;
  try {
    do {
      reloadWanted = false;
      const response = await fetch(`/timeline${queryString()}`, { headers: { accept: 'application/json' } });
      const body = await response.json();
      if (!response.ok) throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
      render(body);
    } while (reloadWanted);
  } catch (error) {
    ui.summary.textContent = `Could not load the timeline: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    loading = false;
  }
}

// ------------------------------------------------------------------ rendering

const CERTAINTY_HELP = {
  explicit: 'Explicit: the text states this date',
  inferred: 'Inferred: computed from a relative expression or an inferred publication day',
  approximate: 'Approximate: a coarse or hedged date',
};

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (name === 'className') node.className = value;
    else if (name === 'text') node.textContent = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== undefined && child !== null) node.append(child);
  return node;
}

function plural(count, one, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`;
}

/** The quote with its date expression marked; offsets index the document's original text, as `start` does. */
function highlightedQuote(source) {
  const quote = source.quote;
  let from = source.dateStart - source.start;
  let to = source.dateEnd - source.start;
  if (!(from >= 0 && to <= quote.length && from < to && quote.slice(from, to) === source.dateText)) {
    from = source.dateText ? quote.indexOf(source.dateText) : -1;
    to = from + source.dateText.length;
  }
  const block = element('blockquote', { className: 'quote-text' });
  if (from < 0) {
    block.textContent = quote;
    return block;
  }
  block.append(
    quote.slice(0, from),
    element('mark', { text: quote.slice(from, to), title: `Dated by “${source.dateText}”` }),
    quote.slice(to),
  );
  return block;
}

/** The document's text with the quotes marked (offsets index the original text, as `start` does). */
async function showFullText(container, documentId, sources) {
  container.dataset.loaded = 'loading';
  const response = await fetch(`/documents/${encodeURIComponent(documentId)}?include=text`);
  const status = response.ok ? await response.json() : undefined;
  if (typeof status?.text !== 'string') {
    delete container.dataset.loaded;
    container.append(
      element('p', { className: 'full-text-error', text: `The text could not be loaded (HTTP ${response.status}).` }),
    );
    return;
  }
  const text = status.text;
  const ranges = sources
    .filter((s) => s.start >= 0 && s.end <= text.length && s.start < s.end && text.slice(s.start, s.end) === s.quote)
    .map((s) => [s.start, s.end])
    .sort((a, b) => a[0] - b[0]);
  const body = element('div', { className: 'document-text' });
  let at = 0;
  for (const [start, end] of ranges) {
    if (start < at) continue;
    body.append(text.slice(at, start), element('mark', { className: 'quote-in-text', text: text.slice(start, end) }));
    at = end;
  }
  body.append(text.slice(at));
  container.append(body);
  container.dataset.loaded = 'yes';
  body.querySelector('mark')?.scrollIntoView({ block: 'nearest' });
}

const AGREEMENT_TEXT = { agrees: 'agrees', compatible: 'consistent', disagrees: 'disagrees' };

function documentLabel(doc, fallback) {
  return doc ? doc.title || doc.source : fallback;
}

function renderEvidence(entry, documentsById) {
  const byDocument = new Map();
  for (const source of entry.sources) {
    const group = byDocument.get(source.documentId) ?? [];
    group.push(source);
    byDocument.set(source.documentId, group);
  }

  const verdicts = { agrees: [], compatible: [], disagrees: [] };
  const list = element('ol', { className: 'evidence' });
  for (const [documentId, sources] of byDocument) {
    const doc = documentsById.get(documentId);
    const verdict = sources.some((s) => agreementOf(s.date, entry.date) === 'agrees')
      ? 'agrees'
      : sources.some((s) => agreementOf(s.date, entry.date) === 'compatible')
        ? 'compatible'
        : 'disagrees';
    verdicts[verdict].push(doc ? documentLabel(doc, documentId) : documentId);
    const readings = [...new Set(sources.map((s) => s.date))]
      .map((date) => describeDate(date, 'unknown').replace(/^Unknown date \((.*)\)$/, '$1'))
      .join(', ');
    const published = doc?.publishedAt
      ? `published ${doc.publishedAt}${doc.publishedAtInferred ? ' (inferred)' : ''}`
      : 'publication day unknown';
    const item = element(
      'li',
      { className: `evidence-document agreement-${verdict}`, 'data-document-id': documentId },
      element(
        'header',
        {},
        element('h4', { text: documentLabel(doc, documentId) }),
        element('span', { className: `verdict verdict-${verdict}`, text: AGREEMENT_TEXT[verdict] }),
      ),
      element('p', {
        className: 'document-meta',
        text: `${doc?.source ?? ''}${doc?.source ? ' · ' : ''}${published} · reads the date as ${readings}`,
      }),
    );
    for (const source of sources) {
      item.append(element('figure', { className: 'quote', 'data-event-id': source.eventId }, highlightedQuote(source)));
    }
    // The whole report, fetched when opened, with this entry's quotes marked where they stand.
    const fullText = element('details', { className: 'full-text' }, element('summary', { text: 'Full text' }));
    fullText.addEventListener('toggle', () => {
      if (fullText.open && !fullText.dataset.loaded) void showFullText(fullText, documentId, sources);
    });
    item.append(fullText);
    list.append(item);
  }

  const summary = element('p', { className: 'agreement' });
  const labels = { agrees: 'Agree', compatible: 'Consistent (coarser or finer date)', disagrees: 'Disagree' };
  for (const verdict of ['agrees', 'compatible', 'disagrees']) {
    if (verdicts[verdict].length === 0) continue;
    summary.append(
      element(
        'span',
        { className: `agreement-${verdict}` },
        element('strong', { text: `${labels[verdict]} (${verdicts[verdict].length}): ` }),
        verdicts[verdict].join('; '),
      ),
    );
  }
  return [summary, list];
}

function entryDomId(entryId) {
  return `entry-${entryId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

function renderEntry(entry, documentsById, isNew) {
  const detailId = `${entryDomId(entry.id)}-evidence`;
  const documentCount = new Set(entry.sources.map((s) => s.documentId)).size;
  const expanded = state.expanded.has(entry.id);
  const dateLabel = describeDate(entry.date, entry.granularity);
  const dateId = `${entryDomId(entry.id)}-date`;
  const toggle = element(
    'button',
    {
      type: 'button',
      className: 'entry-toggle',
      'aria-expanded': String(expanded),
      'aria-controls': detailId,
      'aria-describedby': dateId,
    },
    element('span', { className: 'entry-title', text: entry.title }),
    element(
      'span',
      { className: 'entry-badges' },
      element('span', {
        className: `badge certainty certainty-${entry.certainty}`,
        title: CERTAINTY_HELP[entry.certainty] ?? entry.certainty,
        text: entry.certainty,
      }),
      element('span', { className: 'badge source-count', text: plural(documentCount, 'source') }),
    ),
  );
  toggle.addEventListener('click', () => {
    const open = !state.expanded.has(entry.id);
    if (open) state.expanded.add(entry.id);
    else state.expanded.delete(entry.id);
    toggle.setAttribute('aria-expanded', String(open));
    const detail = document.getElementById(detailId);
    if (detail) {
      if (open && detail.childElementCount === 0) detail.append(...renderEvidence(entry, documentsById));
      detail.hidden = !open;
    }
  });

  const detail = element('div', {
    id: detailId,
    className: 'entry-evidence',
    role: 'region',
    'aria-label': `Evidence for: ${entry.title}`,
    hidden: !expanded,
  });
  if (expanded) detail.append(...renderEvidence(entry, documentsById));

  return element(
    'li',
    {
      id: entryDomId(entry.id),
      className: `entry certainty-${entry.certainty}${isNew ? ' is-new' : ''}`,
      'data-entry-id': entry.id,
      'data-certainty': entry.certainty,
      'data-granularity': entry.granularity,
      'data-rank': entry.rank,
    },
    element(
      'div',
      { className: 'entry-date', id: dateId },
      element('time', { datetime: /^\d{4}/.test(entry.date) ? entry.date : undefined, text: dateLabel }),
      element('span', {
        className: `granularity granularity-${entry.granularity}`,
        title: `Granularity: ${entry.granularity}`,
        text: entry.granularity,
      }),
    ),
    element('div', { className: 'entry-body' }, toggle, detail),
  );
}

function renderEntries(view) {
  const documentsById = new Map(view.documents.map((doc) => [doc.id, doc]));
  const focusedEntryId = document.activeElement?.closest?.('[data-entry-id]')?.getAttribute('data-entry-id');
  const firstLoad = state.seen === undefined;
  const seen = state.seen ?? new Set();
  const fresh = [];

  const fragment = document.createDocumentFragment();
  let currentYearLabel;
  let list;
  for (const entry of view.entries) {
    const year = yearOf(entry.date);
    const yearLabel =
      year === undefined ? 'Year unknown' : /^\d{3}(?:X|$)|^\d{2}(?:XX|$)/.test(entry.date) ? 'Earlier' : String(year);
    if (yearLabel !== currentYearLabel) {
      currentYearLabel = yearLabel;
      list = element('ol', { className: 'entry-list', 'aria-label': `Entries in ${yearLabel}` });
      fragment.append(
        element('li', { className: 'year-group' }, element('h2', { className: 'year-heading', text: yearLabel }), list),
      );
    }
    const isNew = !firstLoad && !seen.has(entry.id);
    if (isNew) fresh.push(entry);
    list.append(renderEntry(entry, documentsById, isNew));
  }
  ui.entries.replaceChildren(fragment);
  ui.empty.hidden = view.entries.length > 0;

  // Only the live view teaches us what is new; looking back in time must not flag anything.
  if (state.asOf === undefined) {
    state.seen = new Set(view.entries.map((entry) => entry.id));
    if (fresh.length > 0)
      ui.announcer.textContent = `${plural(fresh.length, 'new entry', 'new entries')}: ${fresh.map((e) => e.title).join('; ')}`;
  }
  if (focusedEntryId) {
    const again = [...ui.entries.querySelectorAll('[data-entry-id]')].find(
      (node) => node.getAttribute('data-entry-id') === focusedEntryId,
    );
    again?.querySelector('.entry-toggle')?.focus();
  }
}

function renderDocuments(view) {
  ui.documentCount.textContent = String(view.documents.length);
  ui.documents.replaceChildren(
    ...view.documents.map((doc) => {
      const day = doc.publishedAt ? `${doc.publishedAt}${doc.publishedAtInferred ? ' (inferred)' : ''}` : 'day unknown';
      const item = element(
        'li',
        { className: `document document-${doc.state}`, 'data-document-id': doc.id },
        element('span', { className: 'document-title', text: doc.title || doc.source }),
        element('span', { className: 'document-meta', text: ` · ${doc.source} · ${day} · ${doc.state}` }),
      );
      if (doc.failure)
        item.append(
          element('p', {
            className: 'document-failure',
            text: `Rejected (${doc.failure.code}): ${doc.failure.reason}`,
          }),
        );
      return item;
    }),
  );

  const sources = [...new Set(view.documents.map((doc) => doc.source))].sort((a, b) => a.localeCompare(b));
  const current = state.source;
  const options = [element('option', { value: '', text: 'All sources' })];
  for (const source of sources) {
    const titles = view.documents.filter((doc) => doc.source === source).map((doc) => doc.title || doc.source);
    const label = titles.length === 1 && titles[0] !== source ? `${titles[0]} (${source})` : source;
    options.push(element('option', { value: source, text: label }));
  }
  if (current && !sources.includes(current)) options.push(element('option', { value: current, text: current }));
  ui.sourceFilter.replaceChildren(...options);
  ui.sourceFilter.value = current;
}

function renderControls(view) {
  state.head = Math.max(state.head, view.position);
  ui.positionSlider.max = String(state.head);
  ui.positionSlider.value = String(view.position);
  const latest = state.asOf === undefined;
  ui.positionOutput.textContent = latest ? `${view.position} (latest, live)` : `${view.position} of ${state.head}`;
  ui.latestButton.disabled = latest;
  if (!state.asOf || !('time' in state.asOf)) ui.timePicker.value = '';
}

/** The most important entries (by the server's `rank`), still in date order, unless the reader asked for all. */
function entriesToShow(view) {
  if (state.all || state.entity || view.entries.length <= TOP_ENTRIES) return { entries: view.entries, omitted: 0 };
  const byRank = [...view.entries].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
  const kept = new Set(byRank.slice(0, TOP_ENTRIES).map((entry) => entry.id));
  const entries = view.entries.filter((entry) => kept.has(entry.id));
  return { entries, omitted: view.entries.length - entries.length };
}

function renderMoreEntries(view, omitted) {
  const cut = omitted > 0;
  const expandable = state.all && !state.entity && view.entries.length > TOP_ENTRIES;
  ui.moreEntries.hidden = !cut && !expandable;
  ui.moreEntriesText.textContent = cut
    ? `… and ${plural(omitted, 'more entry', 'more entries')}.`
    : expandable
      ? `All ${view.entries.length} entries.`
      : '';
  ui.toggleAll.textContent = cut ? 'Show all entries' : `Show the ${TOP_ENTRIES} most important`;
}

function render(view) {
  state.view = view;
  const count = view.entries.length;
  const where = state.asOf === undefined ? 'latest' : `as of log position ${view.position}`;
  const filter = state.source ? `, from ${state.source}` : '';
  const naming = state.entity ? ` naming “${state.entity}”` : '';
  const { entries, omitted } = entriesToShow(view);
  const shown = omitted > 0 ? `; the ${entries.length} most important shown, in date order` : '';
  ui.summary.textContent = `${plural(count, 'entry', 'entries')}${naming} from ${plural(view.documents.length, 'document')} (${where}${filter})${shown}.`;
  ui.notes.replaceChildren(...view.notes.map((note) => element('li', { text: note })));
  ui.notes.hidden = view.notes.length === 0;
  renderControls(view);
  renderDocuments(view);
  renderEntries({ ...view, entries });
  // Entries held back by the top-N cut are known too: showing them all must not flag them as new.
  if (state.asOf === undefined) state.seen = new Set(view.entries.map((entry) => entry.id));
  renderMoreEntries(view, omitted);
  document.body.setAttribute('data-position', String(view.position));
}

// ------------------------------------------------------------------ controls

function setAsOf(asOf) {
  state.asOf = asOf;
  syncLocationAndExports();
  void load();
}

let sliderTimer;
ui.positionSlider.addEventListener('input', () => {
  const position = Number(ui.positionSlider.value);
  ui.positionOutput.textContent = `${position} of ${state.head}`;
  clearTimeout(sliderTimer);
  sliderTimer = setTimeout(() => setAsOf(position >= state.head ? undefined : { position }), 150);
});

ui.timePicker.addEventListener('change', () => {
  if (!ui.timePicker.value) return setAsOf(undefined);
  const instant = new Date(ui.timePicker.value);
  if (!Number.isNaN(instant.getTime())) setAsOf({ time: instant.toISOString() });
});

ui.latestButton.addEventListener('click', () => setAsOf(undefined));

ui.sourceFilter.addEventListener('change', () => {
  state.source = ui.sourceFilter.value;
  state.seen = undefined;
  syncLocationAndExports();
  void load();
});

let entityTimer;
function setEntity(name) {
  clearTimeout(entityTimer);
  const entity = name.trim();
  if (entity === state.entity) return;
  state.entity = entity;
  // Another selection, not news: what it shows first is not "new".
  state.seen = undefined;
  syncLocationAndExports();
  void load();
}
// Typing waits for a pause; Enter or leaving the field applies at once.
ui.entityFilter.addEventListener('input', () => {
  clearTimeout(entityTimer);
  entityTimer = setTimeout(() => setEntity(ui.entityFilter.value), 300);
});
ui.entityFilter.addEventListener('change', () => setEntity(ui.entityFilter.value));

ui.toggleAll.addEventListener('click', () => {
  state.all = !state.all;
  syncLocationAndExports();
  if (state.view) render(state.view);
});

// ------------------------------------------------------------------ live updates

function onHead(position) {
  if (position <= state.head && state.view) return;
  state.head = Math.max(state.head, position);
  ui.positionSlider.max = String(state.head);
  if (state.asOf === undefined) void load();
  else if (state.view) ui.positionOutput.textContent = `${state.view.position} of ${state.head}`;
}

function connectLive() {
  if (typeof EventSource === 'undefined') {
    ui.liveStatus.textContent = 'Live updates: polling every 5 s';
    setInterval(async () => {
      const response = await fetch('/status');
      if (response.ok) onHead((await response.json()).log.length);
    }, 5000);
    return;
  }
  const stream = new EventSource('/events/stream');
  stream.addEventListener('open', () => {
    ui.liveStatus.textContent = 'Live';
    ui.liveStatus.dataset.state = 'live';
  });
  stream.addEventListener('error', () => {
    ui.liveStatus.textContent = 'Reconnecting…';
    ui.liveStatus.dataset.state = 'offline';
  });
  stream.addEventListener('position', (event) => {
    const { position } = JSON.parse(event.data);
    if (typeof position === 'number') onHead(position);
  });
}

// ------------------------------------------------------------------ adding a document

function storedToken() {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

async function followDocument(documentId) {
  for (let attempt = 0; attempt < 120; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const response = await fetch(`/documents/${encodeURIComponent(documentId)}`);
    if (!response.ok) continue;
    const status = await response.json();
    if (status.state === 'processed') {
      ui.formStatus.textContent = `Processed ${documentId}: ${plural(status.events.length, 'dated event')} found.`;
      return;
    }
    if (status.state === 'failed') {
      ui.formStatus.textContent = `Rejected ${documentId}: ${status.failure?.reason ?? 'no reason given'}`;
      return;
    }
  }
}

ui.form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = new FormData(ui.form);
  const body = { text: String(data.get('text') ?? '') };
  for (const name of ['title', 'source', 'publishedAt']) {
    const value = String(data.get(name) ?? '').trim();
    if (value) body[name] = value;
  }
  const token = String(data.get('token') ?? '').trim() || storedToken();
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  ui.formStatus.textContent = 'Sending…';
  try {
    const response = await fetch('/documents', { method: 'POST', headers, body: JSON.stringify(body) });
    const result = await response.json();
    if (response.status === 401) {
      ui.tokenField.hidden = false;
      ui.token.focus();
      ui.formStatus.textContent = `${result.error.message} Enter the API token and send again.`;
      return;
    }
    if (!response.ok) {
      ui.formStatus.textContent = `Not accepted: ${result.error?.message ?? `HTTP ${response.status}`}`;
      return;
    }
    if (token) {
      try {
        sessionStorage.setItem(TOKEN_KEY, token);
      } catch {
        // Private modes may refuse storage; the token then has to be typed again next time.
      }
    }
    ui.form.reset();
    ui.formStatus.textContent = result.accepted
      ? `Queued as ${result.documentId}; its entries appear here once the workers have processed it.`
      : `Already submitted as ${result.documentId}.`;
    if (result.accepted) void followDocument(result.documentId);
  } catch (error) {
    ui.formStatus.textContent = `Could not send: ${error instanceof Error ? error.message : String(error)}`;
  }
});

// ------------------------------------------------------------------ start

readLocation();
ui.entityFilter.value = state.entity;
syncLocationAndExports();
connectLive();
void load();
