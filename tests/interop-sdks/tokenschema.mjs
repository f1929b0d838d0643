// Drives TokenSchema through its command-line tool: set TOKENSCHEMA_CLI to the built TokenSchema.Cli.dll (CI does);
// otherwise the tool is run from source with `dotnet run`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function tokenschema(args, secret) {
  const cli = process.env.TOKENSCHEMA_CLI;
  const prefix = cli ? [cli] : ['run', '--project', path.join(root, 'runtime', 'TokenSchema.Cli'), '--'];
  return spawnSync('dotnet', [...prefix, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DOTNET_NOLOGO: '1', TOKENSCHEMA_SECRET: secret },
  });
}

/** Issues a token with the platform's TokenSchema issuer (`sign <platform>`); `options` are extra CLI options such as ['--api-key', 'k']. */
export function issue(platform, secret, claims, options = []) {
  const result = tokenschema(['sign', platform, '--claims-json', JSON.stringify(claims), ...options], secret);
  assert.equal(result.status, 0, result.stdout + result.stderr);
  return result.stdout.trim();
}

/** Issues expecting a refusal; returns the message. */
export function issueRefused(platform, secret, claims, options = []) {
  const result = tokenschema(['sign', platform, '--claims-json', JSON.stringify(claims), ...options], secret);
  assert.equal(result.status, 2, `expected a refusal, got: ${result.stdout}${result.stderr}`);
  return result.stderr;
}

/**
 * Verifies the token with TokenSchema's JwtVerifier into the platform's typed record and returns the record written
 * back as JSON by the generated writer: every claim the record read, with the value it read.
 */
export function readAs(platform, secret, token) {
  const result = tokenschema(['inspect', token, '--platform', platform, '--json'], secret);
  assert.equal(result.status, 0, result.stdout + result.stderr);
  const inspected = JSON.parse(result.stdout);
  assert.equal(inspected.signature, 'verified', result.stdout);
  return inspected.record;
}

/** Verifies the token with TokenSchema into the platform's record, expecting a rejection; returns why, e.g. "InvalidClaims ('kind')". */
export function readRejected(platform, secret, token) {
  const result = tokenschema(['inspect', token, '--platform', platform, '--json'], secret);
  assert.equal(result.status, 1, result.stdout + result.stderr);
  const inspected = JSON.parse(result.stdout);
  assert.match(inspected.signature, /^rejected: /);
  return inspected.signature.slice('rejected: '.length);
}

export function decode(token) {
  const [header, payload] = token.split('.').slice(0, 2).map((s) => JSON.parse(Buffer.from(s, 'base64url').toString('utf8')));
  return { header, payload };
}

/**
 * Checks a LiveKit webhook request with TokenSchema's LiveKitWebhookReceiver (`tokenschema webhook livekit`): the body
 * exactly as sent and the Authorization header (undefined: none). Returns { status, event, refused }.
 */
export function receiveWebhook(apiKey, secret, body, authorization) {
  const folder = mkdtempSync(path.join(tmpdir(), 'tokenschema-webhook-'));
  try {
    const bodyFile = path.join(folder, 'body.json');
    writeFileSync(bodyFile, body);
    const args = ['webhook', 'livekit', '--api-key', apiKey, '--body', bodyFile];
    if (authorization !== undefined) {
      const headerFile = path.join(folder, 'authorization');
      writeFileSync(headerFile, authorization);
      args.push('--authorization-file', headerFile);
    }
    const result = tokenschema(args, secret);
    assert.ok(result.status === 0 || result.status === 1, result.stdout + result.stderr);
    return result.status === 0
      ? { status: 0, event: JSON.parse(result.stdout) }
      : { status: 1, refused: result.stdout.trim().replace(/^refused: /, '') };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
