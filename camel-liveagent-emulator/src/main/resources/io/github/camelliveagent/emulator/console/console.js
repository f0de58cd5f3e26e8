// The agent console: plays the agent of the emulator's chats through its control API (same origin, /emulator/…).
// Plain browser JavaScript, no build step. Everything the visitor wrote is shown with textContent, never as HTML.
'use strict';

const API = '/emulator';
const REFRESH_MS = 500;
const OPEN = ['CREATED', 'REQUESTED', 'QUEUED', 'ACTIVE', 'HANDOVER'];

let selectedId = null;   // the session shown on the right
let selected = null;     // its latest detail (summary + transcript)
let shownConversation = '';  // session id and transcript length last rendered, to redraw only on change
let typingSent = false;  // whether AgentTyping is standing for the text in the compose box

const $ = (id) => document.getElementById(id);

async function call(method, path, body) {
    const init = { method, headers: {} };
    if (body !== undefined) {
        init.headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body);
    }
    const res = await fetch(API + path, init);
    const text = await res.text();
    if (!res.ok) {
        throw new Error(`${method} ${API}${path} answered ${res.status}: ${text}`);
    }
    return text ? JSON.parse(text) : null;
}

/** Runs an agent action on the selected session; a refusal (409 wrong state…) is shown, not thrown. */
async function act(path, body) {
    if (!selectedId) {
        return;
    }
    try {
        await call('POST', `/sessions/${encodeURIComponent(selectedId)}/${path}`, body === undefined ? {} : body);
        showError(null);
    } catch (e) {
        showError(e.message);
    }
    refresh();
}

function showError(message) {
    $('error').hidden = !message;
    $('error').textContent = message || '';
}

// ------------------------------------------------------------------ rendering

let shownSessions = '';  // the session list last rendered (with the selection), to redraw only on change

function renderSessions(list) {
    // redrawn only on change: a row replaced between mouse down and up would swallow the click
    const key = JSON.stringify([selectedId, list]);
    if (key === shownSessions) {
        return;
    }
    shownSessions = key;
    const body = document.querySelector('#sessions tbody');
    body.replaceChildren(...list.map((s) => {
        const tr = document.createElement('tr');
        tr.dataset.sessionId = s.id;
        tr.className = s.id === selectedId ? 'selected' : '';
        tr.addEventListener('click', () => select(s.id));

        const who = cell(tr, s.visitorName || '(no ChasitorInit yet)');
        const id = document.createElement('span');
        id.className = 'id';
        id.textContent = s.id;
        who.appendChild(id);

        const state = document.createElement('span');
        state.className = `state state-${s.state}`;
        state.textContent = s.state;
        cell(tr, '').appendChild(state);

        cell(tr, s.queuePosition === null || s.queuePosition === undefined ? '—' : `#${s.queuePosition}`)
            .className = 'queue-position';
        cell(tr, s.pollInFlight ? 'held' : '—');
        return tr;
    }));
    $('no-sessions').hidden = list.length > 0;
}

function cell(tr, text) {
    const td = document.createElement('td');
    td.textContent = text;
    tr.appendChild(td);
    return td;
}

function renderChat(detail) {
    if (detail && detail.id !== selectedId) {
        return; // fetched just before another session was picked
    }
    $('no-selection').hidden = !!detail;
    $('chat').hidden = !detail;
    if (!detail) {
        return;
    }
    $('chat-title').textContent = detail.visitorName || detail.id;
    $('chat-state').textContent = detail.state;
    $('chat-state').className = `badge state-${detail.state}`;
    $('chat-queue').textContent = detail.queuePosition === null || detail.queuePosition === undefined
        ? '' : `queue position ${detail.queuePosition}`;
    const agent = currentAgent(detail.transcript);
    $('chat-agent').textContent = agent ? `agent: ${agent}` : '';

    const st = detail.state;
    const waiting = st === 'REQUESTED' || st === 'QUEUED';
    const active = st === 'ACTIVE';
    enable(['accept', 'queue-update', 'decline'], waiting);
    enable(['reject'], waiting || active);
    enable(['message', 'send', 'transfer', 'transfer-to-button', 'request-file', 'cancel-file', 'disconnect'], active);
    enable(['end'], waiting || active);
    enable(['fault-handover', 'fault-expire', 'fault-drop-poll'], OPEN.includes(st) || st === 'ENDED');

    renderVisitorTyping(detail.transcript);
    const shown = `${detail.id}:${detail.transcript.length}`;
    if (shown !== shownConversation) {
        renderConversation(detail);
        shownConversation = shown;
    }
}

function enable(ids, on) {
    ids.forEach((id) => { $(id).disabled = !on; });
}

function parse(body) {
    try {
        return JSON.parse(body);
    } catch (e) {
        return {};
    }
}

function currentAgent(transcript) {
    let name = null;
    for (const e of transcript) {
        if (e.direction === 'SERVER' && (e.type === 'ChatEstablished' || e.type === 'ChatTransferred')) {
            name = parse(e.body).name || name;
        }
    }
    return name;
}

/** The visitor types when its latest typing-related POST is ChasitorTyping or a sneak peek with text. */
function renderVisitorTyping(transcript) {
    let typing = false;
    let peek = '';
    for (const e of transcript) {
        if (e.direction !== 'VISITOR' || e.duplicate) {
            continue;
        }
        if (e.type === 'ChasitorTyping') {
            typing = true;
        } else if (e.type === 'ChasitorSneakPeek') {
            peek = parse(e.body).text || '';
            typing = peek.length > 0;
        } else if (e.type === 'ChasitorNotTyping' || e.type === 'ChatMessage') {
            typing = false;
            peek = '';
        }
    }
    $('visitor-typing').hidden = !typing;
    $('visitor-typing').textContent = peek ? `visitor is typing: ${peek}` : 'visitor is typing…';
}

const QUIET = new Set(['ChasitorTyping', 'ChasitorNotTyping', 'ChasitorSneakPeek', 'AgentTyping', 'AgentNotTyping']);

function renderConversation(detail) {
    const list = $('conversation');
    const atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 4;
    const items = [];
    for (const e of detail.transcript) {
        if (QUIET.has(e.type)) {
            continue;
        }
        const m = parse(e.body);
        if (e.type === 'ChatMessage' && !e.duplicate) {
            const visitor = e.direction === 'VISITOR';
            items.push(bubble(visitor ? 'visitor' : 'agent',
                visitor ? (detail.visitorName || 'Visitor') : (m.name || 'Agent'), m.text || '', e));
        } else {
            items.push(eventLine(e, m));
        }
    }
    list.replaceChildren(...items);
    if (atBottom) {
        list.scrollTop = list.scrollHeight;
    }
}

function bubble(kind, who, text, e) {
    const li = document.createElement('li');
    li.className = kind;
    li.title = `${e.at} · ${e.direction === 'VISITOR' ? 'sequence' : 'event'} ${e.sequence}`;
    const b = document.createElement('div');
    b.className = 'bubble';
    const w = document.createElement('span');
    w.className = 'who';
    w.textContent = who;
    const t = document.createElement('span');
    t.className = 'text';
    t.textContent = text;
    b.append(w, t);
    li.appendChild(b);
    return li;
}

function eventLine(e, m) {
    const li = document.createElement('li');
    li.className = e.duplicate ? 'event duplicate' : 'event';
    const from = e.direction === 'VISITOR' ? 'visitor' : 'server';
    let what = e.type;
    switch (e.type) {
        case 'ChatRequestSuccess': what += ` · queue position ${m.queuePosition}`; break;
        case 'QueueUpdate': what += ` · position ${m.position}`; break;
        case 'ChatEstablished': case 'ChatTransferred': what += ` · ${m.name}`; break;
        case 'ChatRequestFail': case 'ChatEnded': case 'ChatEnd': what += ` · ${m.reason}`; break;
        case 'CustomEvent': what += ` · ${m.type}`; break;
        case 'FileTransfer': what += ` · ${m.type}`; break;
        default: break;
    }
    li.textContent = `${from}: ${what}${e.duplicate ? ' (duplicate, ignored)' : ''}`;
    return li;
}

// ------------------------------------------------------------------ refresh loop

let refreshing = false;

async function refresh() {
    if (refreshing) {
        return;
    }
    refreshing = true;
    try {
        const list = await call('GET', '/sessions');
        renderSessions(list);
        if (selectedId) {
            selected = await call('GET', `/sessions/${encodeURIComponent(selectedId)}`);
        }
        renderChat(selectedId ? selected : null);
        $('status').textContent = `connected · ${list.length} session${list.length === 1 ? '' : 's'}`;
        $('status').classList.remove('down');
    } catch (e) {
        $('status').textContent = `emulator unreachable: ${e.message}`;
        $('status').classList.add('down');
    } finally {
        refreshing = false;
    }
}

function select(id) {
    if (id === selectedId) {
        return;
    }
    selectedId = id;
    selected = null;
    shownConversation = '';
    typingSent = false;
    $('message').value = '';
    showError(null);
    refresh();
}

// ------------------------------------------------------------------ agent actions

async function typed() {
    const hasText = $('message').value.length > 0;
    if (hasText && !typingSent) {
        typingSent = true;
        await act('typing');
    } else if (!hasText && typingSent) {
        typingSent = false;
        await act('not-typing');
    }
}

async function send(event) {
    event.preventDefault();
    const text = $('message').value;
    if (!text.trim()) {
        return;
    }
    $('message').value = '';
    await act('message', { text });
    if (typingSent) {
        typingSent = false;
        await act('not-typing');
    }
}

function wire() {
    $('accept').addEventListener('click', () => act('accept', { agentName: $('agent-name').value || 'Agent' }));
    $('reject').addEventListener('click', () => act('reject', { reason: $('reject-reason').value || 'Unavailable' }));
    $('queue-update').addEventListener('click',
        () => act('queue-update', { position: parseInt($('queue-position').value || '0', 10) }));
    $('message').addEventListener('input', typed);
    $('compose').addEventListener('submit', send);
    $('transfer').addEventListener('click', () => act('transfer', { agentName: $('transfer-name').value || 'Agent' }));
    $('transfer-to-button').addEventListener('click', () => act('transfer-to-button'));
    $('decline').addEventListener('click', () => act('decline', { anotherAgentLeft: true }));
    $('request-file').addEventListener('click', () => act('file-transfer', { type: 'Requested' }));
    $('cancel-file').addEventListener('click', () => act('file-transfer', { type: 'Canceled' }));
    $('disconnect').addEventListener('click', () => act('disconnect'));
    $('end').addEventListener('click', () => act('end'));
    $('fault-handover').addEventListener('click', () => act('faults/handover'));
    $('fault-expire').addEventListener('click', () => act('faults/expire'));
    $('fault-drop-poll').addEventListener('click', () => act('faults/drop-next-poll'));
}

document.addEventListener('DOMContentLoaded', () => {
    wire();
    refresh();
    setInterval(refresh, REFRESH_MS);
});
