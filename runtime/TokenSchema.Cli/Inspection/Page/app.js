// The page only shows what the tool's own inspection says (POST api/inspect, the JSON of `tokenschema inspect --json`).
// Every text from the token arrives escaped for display and is set with textContent, never as markup.
'use strict';

const $ = (id) => document.getElementById(id);

function text(element, value) {
  element.textContent = value;
  return element;
}

function cell(row, value, className) {
  const td = text(document.createElement('td'), value ?? '');
  if (className) td.className = className;
  row.appendChild(td);
}

async function loadPlatforms() {
  const response = await fetch('api/platforms', { headers: { 'Accept': 'application/json' } });
  for (const name of await response.json()) {
    const option = document.createElement('option');
    option.value = name;
    option.textContent = name;
    $('platform').appendChild(option);
  }
}

function show(result) {
  $('error').hidden = true;
  $('result').hidden = false;
  const verdict = $('verdict');
  verdict.className = 'verdict ' + (result.verified ? 'verified' : result.signature === 'not verified' ? 'unverified' : 'rejected');
  text(verdict, result.verified ? 'signature: verified (HS256); token accepted'
    : result.signature === 'not verified' ? 'signature: not verified (enter the secret to verify)'
    : 'signature: token ' + result.signature);
  text($('platform-line'), 'platform: ' + result.platform + (result.platformGuessed ? ' (guessed from the claims; choose one above)' : ''));

  const body = $('claims').tBodies[0];
  body.replaceChildren();
  for (const claim of result.claims ?? []) {
    const row = document.createElement('tr');
    row.className = 'claim';
    cell(row, '\u00a0'.repeat(4 * claim.depth) + claim.path, 'path');
    cell(row, claim.longName ?? claim.description ?? '', 'meaning');
    cell(row, claim.value === undefined ? '' : claim.value + (claim.longValues ? ' (' + claim.longValues + ')' : ''), 'value');
    cell(row, claim.time ?? '', 'time');
    body.appendChild(row);
  }

  const findings = $('findings');
  findings.replaceChildren();
  for (const finding of result.findings) {
    findings.appendChild(text(document.createElement('li'), finding));
  }
  if (result.findings.length === 0) findings.appendChild(text(document.createElement('li'), 'none'));

  text($('header'), result.headerText);
  text($('payload'), result.payloadText);
  const hasRecord = result.recordText !== undefined;
  $('record-title').hidden = !hasRecord;
  $('record').hidden = !hasRecord;
  text($('record'), hasRecord ? result.recordText : '');
}

async function inspect(event) {
  event.preventDefault();
  const request = { token: $('token').value, secret: $('secret').value || null, platform: $('platform').value || null };
  const response = await fetch('api/inspect', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
    body: JSON.stringify(request),
  });
  const result = await response.json();
  if (!response.ok) {
    $('result').hidden = true;
    text($('error'), result.error ?? 'The token could not be inspected.').hidden = false;
    return;
  }
  show(result);
}

$('form').addEventListener('submit', inspect);
loadPlatforms();
