/* The web chat's page script: plain ES2017, no build step.
 * Reads the server's messages from /chat/events (server-sent events; each carries ready, escaped HTML),
 * posts text to /chat/messages, a CV to /chat/cv and a pressed button's data to /chat/buttons, each with the
 * page's CSRF token. An "edit" replaces its message in place; events are applied once, in order of seq.
 * The person's own words are drawn at once, each with a client_id the POST carries; the server keeps them and
 * streams them back ("mine", same client_id): the drawn copy then takes the stored one's id instead of a twin. */
(function () {
  'use strict';

  var byId = function (id) { return document.getElementById(id); };
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  var S = JSON.parse(byId('strings').textContent);
  var log = byId('messages');
  var form = byId('composer');
  var input = byId('text');
  var picker = byId('cv');
  var statusLine = byId('status');
  var dropzone = byId('dropzone');
  var maxBytes = Number(form.dataset.maxBytes) || 0;
  var lastSeq = 0;
  var retryDelay = 1000;
  var statusTimer = null;
  var followNext = false;  // after the person acts, the answer is brought into view wherever they had scrolled
  var pending = {};  // client_id -> the article drawn at once, until the stored copy's event names it

  // 16 random characters of [a-z0-9] (the server takes at most 40 of [A-Za-z0-9_-]).
  function newClientId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b % 36).toString(36); }).join('');
  }

  function say(template, params) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(params, key) ? String(params[key]) : whole;
    });
  }

  // A short outage (the stream ends every few minutes by design) is not worth announcing.
  function setStatus(text, delay) {
    clearTimeout(statusTimer);
    if (!delay) { statusLine.textContent = text; return; }
    statusTimer = setTimeout(function () { statusLine.textContent = text; }, delay);
  }

  function atBottom() { return log.scrollHeight - log.scrollTop - log.clientHeight < 120; }
  function toBottom() { log.scrollTop = log.scrollHeight; }

  function parseFragment(html) {
    var template = document.createElement('template');
    template.innerHTML = html;
    return template.content.firstElementChild;
  }

  // Focus inside a replaced message moves to its counterpart (the same button) or to the new message itself.
  function keepFocus(old, fresh) {
    var focused = document.activeElement;
    if (!focused || !old.contains(focused)) { return; }
    var twin = null;
    if (focused.dataset && focused.dataset.action) {
      var buttons = fresh.querySelectorAll('button.action');
      for (var i = 0; i < buttons.length && !twin; i++) {
        if (buttons[i].dataset.action === focused.dataset.action && buttons[i].dataset.value === focused.dataset.value) {
          twin = buttons[i];
        }
      }
    }
    return twin || fresh;
  }

  // The stored copy of a message this page drew at once: the drawn one (with its upload notes) stays, under the
  // stored id, so a later replay or edit finds it; a "not sent" shown after a lost answer is taken back.
  // An answer stored before it but drawn after it (it came while the person typed) goes above it, as a reload
  // would show them: every stored message on the page has a smaller seq than this event's.
  function adoptMine(event) {
    var drawn = event.kind === 'mine' && event.client_id ? pending[event.client_id] : null;
    if (!drawn) { return false; }
    delete pending[event.client_id];
    drawn.id = 'm-' + event.message_id;
    var anchor = null;
    for (var next = drawn.nextElementSibling; next; next = next.nextElementSibling) {
      if (next.id) { anchor = next; }  // a stored message (drawn copies not yet stored have no id)
    }
    if (anchor) { anchor.after(drawn); }
    if (drawn.classList.contains('refused')) {
      drawn.classList.remove('refused');
      var note = drawn.querySelector('.note.error');
      if (note) { note.remove(); }
    }
    return true;
  }

  // /forget deleted the kept conversation: an open page must not go on showing it (a shared computer).
  function clearConversation() {
    var shown = log.querySelectorAll('article.msg');
    for (var i = 0; i < shown.length; i++) { shown[i].remove(); }
    pending = {};
  }

  function applyEvent(event) {
    if (typeof event.seq !== 'number' || event.seq <= lastSeq) { return; }
    lastSeq = event.seq;
    if (event.kind === 'reset') { clearConversation(); return; }
    if (adoptMine(event)) { return; }
    var fresh = parseFragment(event.html || '');
    if (!fresh) { return; }
    var follow = atBottom() || followNext;
    var old = event.message_id ? byId('m-' + event.message_id) : null;
    if (old) {
      var target = keepFocus(old, fresh);
      old.replaceWith(fresh);
      if (target) {
        if (target === fresh) { fresh.tabIndex = -1; }
        target.focus();
      }
    } else {
      log.appendChild(fresh);
      followNext = false;
    }
    if (follow) { toBottom(); }
  }

  function connect() {
    // EventSource sends Last-Event-ID by itself when it reconnects; ?after= covers a stream opened anew.
    var source = new EventSource('/chat/events?after=' + lastSeq);
    source.addEventListener('message', function (message) {
      try { applyEvent(JSON.parse(message.data)); } catch (error) { console.error(error); }
    });
    source.onopen = function () { retryDelay = 1000; setStatus(''); };
    source.onerror = function () {
      setStatus(S.reconnecting, 3000);
      if (source.readyState === EventSource.CLOSED) {  // refused (e.g. 401): the browser gives up, we do not
        source.close();
        setTimeout(connect, retryDelay);
        retryDelay = Math.min(retryDelay * 2, 30000);
      }
    };
  }

  // The person's own words are drawn at once; the server's stored copy comes back with the same client_id.
  function drawMine(text, clientId) {
    var article = document.createElement('article');
    article.className = 'msg me';
    if (clientId) {
      article.dataset.clientId = clientId;
      pending[clientId] = article;
    }
    var who = document.createElement('span');
    who.className = 'vh';
    who.textContent = S.you + ': ';
    var body = document.createElement('p');
    body.textContent = text;
    body.prepend(who);
    article.appendChild(body);
    log.appendChild(article);
    toBottom();
    return article;
  }

  function addNote(article, text, isError) {
    var note = article.querySelector('.note') || document.createElement('p');
    note.className = 'note' + (isError ? ' error' : '');
    note.setAttribute('role', isError ? 'alert' : 'status');
    note.textContent = text;
    article.appendChild(note);
    if (isError) { article.classList.add('refused'); }
    toBottom();
  }

  function detailOf(status, body) {
    if (status === 401 || status === 419) { return S.session_ended; }
    var detail = '';
    try { detail = JSON.parse(body).detail; } catch (error) { detail = ''; }
    if (Array.isArray(detail)) { detail = detail.map(function (d) { return d && d.msg ? d.msg : ''; }).join(' '); }
    if (typeof detail !== 'string' || !detail.trim()) {
      detail = status === 403 ? S.session_ended : say(S.failed, { status: status });
    }
    return detail;
  }

  function postJson(url, payload) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify(payload)
    }).then(function (response) {
      if (response.ok) { return null; }
      return response.text().then(function (body) { return detailOf(response.status, body); });
    }, function () { return S.offline; });
  }

  function sendText() {
    var text = input.value.trim();
    if (!text) { input.focus(); return; }
    var clientId = newClientId();
    var mine = drawMine(text, clientId);
    input.value = '';
    fitInput();
    input.focus();
    postJson('/chat/messages', { text: text, client_id: clientId }).then(function (problem) {
      if (!problem) { return; }
      if (problem !== S.offline) { delete pending[clientId]; }  // refused: no stored copy will come
      addNote(mine, say(S.not_sent, { detail: problem }), true);
      if (!input.value) { input.value = text; fitInput(); }  // nothing lost: the words are back to send again
    });
  }

  function fitInput() {
    input.style.height = 'auto';
    input.style.height = Math.min(input.scrollHeight + 2, window.innerHeight * 0.4) + 'px';
  }

  function uploadCv(file) {
    var clientId = newClientId();
    var mine = drawMine('\uD83D\uDCCE ' + file.name, clientId);  // "📎 name", as the stored copy says it
    mine.classList.add('upload');
    if (maxBytes && file.size > maxBytes) {
      delete pending[clientId];
      addNote(mine, say(S.too_large, { name: file.name, limit: Math.round(maxBytes / 1048576) }), true);
      return;
    }
    var bar = document.createElement('progress');
    bar.max = 1;
    bar.value = 0;
    bar.setAttribute('aria-label', say(S.uploading, { name: file.name }));
    mine.appendChild(bar);
    addNote(mine, say(S.uploading, { name: file.name }), false);
    var request = new XMLHttpRequest();
    request.open('POST', '/chat/cv?client_id=' + clientId);
    request.setRequestHeader('X-CSRF-Token', csrf);
    request.setRequestHeader('Accept', 'application/json');
    request.upload.onprogress = function (progress) {
      if (progress.lengthComputable) { bar.value = progress.loaded / progress.total; }
    };
    request.onload = function () {
      bar.remove();
      if (request.status >= 200 && request.status < 300) {
        addNote(mine, say(S.uploaded, { name: file.name }), false);
      } else {
        delete pending[clientId];
        var detail = detailOf(request.status, request.responseText);
        addNote(mine, say(S.refused, { name: file.name, detail: detail }), true);
      }
    };
    request.onerror = function () {
      bar.remove();  // it may have arrived all the same: its stored copy would still find this article
      addNote(mine, say(S.refused, { name: file.name, detail: S.offline }), true);
    };
    var body = new FormData();
    body.append('file', file, file.name);
    request.send(body);
  }

  function pressButton(button) {
    if (button.getAttribute('aria-disabled') === 'true') { return; }
    var number = button.dataset.number;
    // A double press would ask for the same letter twice; aria-disabled (not disabled) keeps the focus on it.
    button.setAttribute('aria-disabled', 'true');
    followNext = true;
    button.setAttribute('aria-busy', 'true');
    postJson('/chat/buttons', {
      action: button.dataset.action,
      value: button.dataset.value || '',
      number: number === undefined || number === '' ? null : Number(number)
    }).then(function (problem) {
      button.removeAttribute('aria-disabled');
      button.removeAttribute('aria-busy');
      if (problem) {
        var article = button.closest('article') || log;
        addNote(article, say(S.not_sent, { detail: problem }), true);
      }
    });
  }

  form.addEventListener('submit', function (event) { event.preventDefault(); sendText(); });
  input.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) { event.preventDefault(); sendText(); }
  });
  input.addEventListener('input', fitInput);
  picker.addEventListener('change', function () {
    if (picker.files.length) { uploadCv(picker.files[0]); }
    picker.value = '';  // the same file may be chosen again after a refusal
  });
  log.addEventListener('click', function (event) {
    var button = event.target.closest('button.action');
    if (button && log.contains(button)) { pressButton(button); }
  });

  // Drag and drop anywhere on the page; the counter copes with dragenter/dragleave firing per child element.
  var dragDepth = 0;
  function carriesFiles(event) {
    return event.dataTransfer && Array.prototype.indexOf.call(event.dataTransfer.types, 'Files') !== -1;
  }
  function hideDropzone() { dragDepth = 0; dropzone.hidden = true; }
  document.addEventListener('dragenter', function (event) {
    if (!carriesFiles(event)) { return; }
    event.preventDefault();
    dragDepth += 1;
    dropzone.hidden = false;
  });
  document.addEventListener('dragover', function (event) {
    if (carriesFiles(event)) { event.preventDefault(); event.dataTransfer.dropEffect = 'copy'; }
  });
  document.addEventListener('dragleave', function (event) {
    if (!carriesFiles(event)) { return; }
    dragDepth -= 1;
    if (dragDepth <= 0) { hideDropzone(); }
  });
  document.addEventListener('drop', function (event) {
    if (!carriesFiles(event)) { return; }
    event.preventDefault();
    hideDropzone();
    if (event.dataTransfer.files.length) { uploadCv(event.dataTransfer.files[0]); }
    input.focus();
  });
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && !dropzone.hidden) { hideDropzone(); }
  });

  connect();
}());
