// The playground page: builds a form for each command from the registry the server describes,
// posts invocations, and edits bot messages as progress and results arrive over server-sent
// events. Plain browser JavaScript, no build step; all text from the server is escaped.

const API = '/playground/api';
const $ = (selector) => document.querySelector(selector);

const state = { commands: [], current: null };
/** messageId → { element, final } — `final` once a result was delivered (later progress is stale). */
const messages = new Map();

// ---------------------------------------------------------------------------------------------
// Text: a small, safe subset of the markdown the commands write

function escapeHtml(text) {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );
}

function relativeTime(seconds) {
  const diff = Math.round(seconds - Date.now() / 1000);
  const units = [
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
    ['second', 1],
  ];
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(diff) >= size || unit === 'second') return format.format(Math.round(diff / size), unit);
  }
  return '';
}

function renderMarkdown(text) {
  return (
    escapeHtml(text)
      .split('\n')
      .map((line) => (line.startsWith('&gt; ') ? `<blockquote>${line.slice(5)}</blockquote>` : line))
      .join('<br>')
      .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
      .replace(/`([^`]+)`/g, '<code>$1</code>')
      // Bare links first: a [label](url) link has "(" before its URL, so it is left to the next step.
      .replace(
        /(^|[\s>])(https?:\/\/[^\s<]+)/g,
        '$1<a href="$2" target="_blank" rel="noopener noreferrer">$2</a>',
      )
      .replace(
        /\[([^\]]+)\]\(((?:https?:\/\/|\/)[^)\s]+)\)/g,
        '<a href="$2" target="_blank" rel="noopener noreferrer">$1</a>',
      )
      .replace(/&lt;t:(\d+)(?::[a-zA-Z])?&gt;/g, (_m, s) => `<time>${relativeTime(Number(s))}</time>`)
      .replace(/&lt;@[^&]+&gt;/g, '@you')
  );
}

// ---------------------------------------------------------------------------------------------
// Messages

function addMessage(kind, id) {
  const li = document.createElement('li');
  li.className = `message ${kind}`;
  if (id) {
    li.dataset.messageId = id;
    messages.set(id, { element: li, final: false, fromEvents: false });
  }
  $('#log').append(li);
  li.scrollIntoView({ block: 'end' });
  return li;
}

function addUserMessage(line, files) {
  const li = addMessage('user');
  const p = document.createElement('p');
  p.className = 'text';
  p.textContent = line;
  li.append(p);
  for (const file of files) {
    const img = document.createElement('img');
    img.className = 'upload';
    img.alt = file.name;
    img.src = URL.createObjectURL(file);
    li.append(img);
  }
}

function image(reply, which, className) {
  const data = reply[which];
  if (!data) return null;
  const figure = document.createElement('figure');
  const img = document.createElement('img');
  img.className = className;
  img.alt = data.alt || '';
  img.src = data.url;
  img.loading = 'eager';
  figure.append(img);
  return figure;
}

function renderReply(li, reply) {
  li.replaceChildren();
  li.className = `message bot tone-${reply.tone || 'info'}${reply.ephemeral ? ' ephemeral' : ''}`;
  if (reply.title) {
    const h = document.createElement('h2');
    h.textContent = reply.title;
    li.append(h);
  }
  if (reply.text) {
    const div = document.createElement('div');
    div.className = 'text';
    div.innerHTML = renderMarkdown(reply.text);
    li.append(div);
  }
  if (reply.fields?.length) {
    const dl = document.createElement('dl');
    for (const f of reply.fields) {
      const dt = document.createElement('dt');
      dt.textContent = f.name;
      const dd = document.createElement('dd');
      dd.innerHTML = renderMarkdown(f.value);
      dl.append(dt, dd);
    }
    li.append(dl);
  }
  const images = [image(reply, 'sourceImage', 'source'), image(reply, 'image', 'result')].filter(Boolean);
  if (images.length) {
    const row = document.createElement('div');
    row.className = 'images';
    row.append(...images);
    li.append(row);
  }
  if (reply.footer) {
    const small = document.createElement('p');
    small.className = 'footer';
    small.textContent = reply.footer;
    li.append(small);
  }
  if (reply.buttons?.length || reply.select) {
    const bar = document.createElement('div');
    bar.className = 'actions';
    for (const b of reply.buttons || []) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = `action ${b.style || 'secondary'}`;
      button.textContent = `${b.emoji ? `${b.emoji} ` : ''}${b.label}`;
      button.dataset.command = b.command;
      button.dataset.action = b.action;
      button.addEventListener('click', () =>
        runAction(li, { command: b.command, action: b.action, value: b.value }),
      );
      bar.append(button);
    }
    if (reply.select) {
      const s = reply.select;
      const select = document.createElement('select');
      select.className = 'action-select';
      select.append(new Option(s.placeholder, ''));
      for (const o of s.options) select.append(new Option(o.label, o.value));
      select.addEventListener('change', () => {
        if (select.value)
          runAction(li, { command: s.command, action: s.action, value: s.value, values: [select.value] });
      });
      bar.append(select);
    }
    li.append(bar);
  }
  if (reply.ephemeral) {
    const note = document.createElement('p');
    note.className = 'only-you';
    note.textContent = 'Only you can see this.';
    li.append(note);
  }
  li.scrollIntoView({ block: 'end' });
}

/** Shows the answer to a request: a new message, or the clicked one updated (or removed). */
function showAnswer(answer) {
  const known = messages.get(answer.messageId);
  if (answer.reply.deleteSource && known) {
    known.element.remove();
    messages.delete(answer.messageId);
    return;
  }
  if (answer.mode === 'update' && known) {
    renderReply(known.element, answer.reply);
    return;
  }
  // The worker can be faster than this response: never overwrite what the events already showed.
  if (known?.fromEvents) return;
  const entry = known || { element: addMessage('bot', answer.messageId) };
  renderReply(entry.element, answer.reply);
}

function applyEvent(event) {
  let entry = messages.get(event.messageId);
  if (!entry) {
    addMessage('bot', event.messageId);
    entry = messages.get(event.messageId);
  }
  if (entry.final && event.kind === 'update') return;
  entry.fromEvents = true;
  if (event.kind === 'deliver') entry.final = true;
  renderReply(entry.element, event.reply);
}

// ---------------------------------------------------------------------------------------------
// Talking to the server

function showError(message) {
  const p = $('#error');
  p.textContent = message || '';
  p.hidden = !message;
}

async function post(form) {
  showError('');
  let res;
  try {
    res = await fetch(`${API}/invoke`, { method: 'POST', body: form, credentials: 'same-origin' });
  } catch {
    showError('The playground server is not answering. Is the bot still running?');
    return null;
  }
  const body = await res.json().catch(() => ({}));
  if (!res.ok) {
    showError(body.error || `The server answered HTTP ${res.status}.`);
    return null;
  }
  return body;
}

async function runAction(li, action) {
  const form = new FormData();
  form.set('action', JSON.stringify(action));
  if (li.dataset.messageId) form.set('messageId', li.dataset.messageId);
  const answer = await post(form);
  if (answer) showAnswer(answer);
}

function connectEvents() {
  const status = $('#status');
  const events = new EventSource(`${API}/events`);
  events.addEventListener('open', () => {
    status.textContent = 'connected';
    status.dataset.state = 'connected';
  });
  events.addEventListener('error', () => {
    status.textContent = 'reconnecting…';
    status.dataset.state = 'reconnecting';
  });
  for (const kind of ['update', 'deliver']) {
    events.addEventListener(kind, (e) => applyEvent(JSON.parse(e.data)));
  }
}

// ---------------------------------------------------------------------------------------------
// The composer: one form per command, built from its option descriptions

function findCommand(value) {
  const name = value.trim().replace(/^\//, '').split(/\s+/)[0];
  return state.commands.find((c) => c.name === name) || null;
}

function control(option) {
  let input;
  if (option.kind === 'attachment') {
    input = document.createElement('input');
    input.type = 'file';
    input.accept = 'image/png,image/jpeg,image/webp';
  } else if (option.choices) {
    input = document.createElement('select');
    if (!option.required) input.append(new Option('— default —', ''));
    for (const c of option.choices) input.append(new Option(c.name, c.value));
  } else if (option.kind === 'boolean') {
    input = document.createElement('select');
    if (!option.required) input.append(new Option('— default —', ''));
    input.append(new Option('yes', 'true'), new Option('no', 'false'));
  } else {
    input = document.createElement('input');
    input.type = option.kind === 'integer' || option.kind === 'number' ? 'number' : 'text';
    if (option.kind === 'integer') input.step = '1';
    if (option.maxLength) input.maxLength = option.maxLength;
    if (option.min !== undefined) input.min = String(option.min);
    if (option.max !== undefined) input.max = String(option.max);
  }
  input.name = option.name;
  input.required = option.required;
  input.dataset.option = option.name;
  input.dataset.kind = option.kind;
  const label = document.createElement('label');
  label.className = 'field';
  const name = document.createElement('span');
  name.textContent = option.name + (option.required ? ' *' : '');
  const help = document.createElement('small');
  help.textContent = option.description;
  label.append(name, input, help);
  return label;
}

function renderOptionFields(container, options) {
  container.replaceChildren(...options.map(control));
}

function renderComposer() {
  const command = findCommand($('#command').value);
  if (command === state.current) return;
  state.current = command;
  const box = $('#options');
  box.replaceChildren();
  $('#command-help').textContent = command ? command.description : '';
  if (!command) {
    box.hidden = true;
    return;
  }
  if (command.subcommands.length) {
    const select = document.createElement('select');
    select.name = 'subcommand';
    select.id = 'subcommand';
    select.required = true;
    for (const s of command.subcommands) select.append(new Option(`${s.name} — ${s.description}`, s.name));
    const label = document.createElement('label');
    label.className = 'field';
    const span = document.createElement('span');
    span.textContent = 'subcommand';
    label.append(span, select);
    const fields = document.createElement('div');
    fields.className = 'sub-options';
    const show = () =>
      renderOptionFields(fields, command.subcommands.find((s) => s.name === select.value)?.options || []);
    select.addEventListener('change', show);
    show();
    box.append(label, fields);
  } else {
    const fields = document.createElement('div');
    renderOptionFields(fields, command.options);
    box.append(fields);
  }
  box.hidden = box.querySelectorAll('[data-option], #subcommand').length === 0;
}

async function send(event) {
  event.preventDefault();
  const command = findCommand($('#command').value);
  if (!command) {
    showError(`Unknown command. Try one of: ${state.commands.map((c) => `/${c.name}`).join(', ')}`);
    return;
  }
  const form = new FormData();
  form.set('command', command.name);
  const subcommand = $('#subcommand')?.value;
  if (subcommand) form.set('subcommand', subcommand);
  const options = {};
  const files = [];
  const shown = [];
  for (const input of $('#options').querySelectorAll('[data-option]')) {
    const { option, kind } = input.dataset;
    if (kind === 'attachment') {
      const file = input.files[0];
      if (file) {
        form.append(option, file, file.name);
        files.push(file);
      }
      continue;
    }
    if (input.value === '') continue;
    options[option] =
      kind === 'integer'
        ? Number.parseInt(input.value, 10)
        : kind === 'number'
          ? Number(input.value)
          : kind === 'boolean'
            ? input.value === 'true'
            : input.value;
    shown.push(`${option}: ${input.tagName === 'SELECT' ? input.selectedOptions[0].text : input.value}`);
  }
  form.set('options', JSON.stringify(options));
  addUserMessage([`/${command.name}`, subcommand, ...shown].filter(Boolean).join(' '), files);
  $('#send').disabled = true;
  try {
    const answer = await post(form);
    if (answer) showAnswer(answer);
  } finally {
    $('#send').disabled = false;
  }
}

async function start() {
  const res = await fetch(`${API}/commands`, { credentials: 'same-origin' });
  if (!res.ok) {
    showError('Could not load the commands: reload the page.');
    return;
  }
  state.commands = (await res.json()).commands;
  const list = $('#command-list');
  for (const c of state.commands) list.append(new Option(c.description, `/${c.name}`));
  $('#command').addEventListener('input', renderComposer);
  $('#composer').addEventListener('submit', send);
  connectEvents();
  document.body.dataset.ready = 'true';
}

start();
