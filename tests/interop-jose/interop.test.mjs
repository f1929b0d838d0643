// Interop between TokenSchema and jose, an independent JOSE implementation for JavaScript.
// TokenSchema is driven through its command-line tool: set TOKENSCHEMA_CLI to the built TokenSchema.Cli.dll
// (CI does); otherwise the tool is run from source with `dotnet run`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { SignJWT, jwtVerify, decodeProtectedHeader, decodeJwt } from 'jose';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const secret = 'interop-secret-of-at-least-32-bytes-long!';
const key = new TextEncoder().encode(secret);

function tokenschema(args, env = {}) {
  const cli = process.env.TOKENSCHEMA_CLI;
  const [file, prefix] = cli
    ? ['dotnet', [cli]]
    : ['dotnet', ['run', '--project', path.join(root, 'runtime', 'TokenSchema.Cli'), '--']];
  return spawnSync(file, [...prefix, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DOTNET_NOLOGO: '1', TOKENSCHEMA_SECRET: secret, ...env },
  });
}

function sign(claims, extra = []) {
  const result = tokenschema(['sign', 'jwt', '--claims-json', JSON.stringify(claims), ...extra]);
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.trim();
}

const now = Math.floor(Date.now() / 1000);
const dailyClaims = {
  r: 'room-0253', d: '25df5057-ef0d-4d97-bde6-0cf287276cbb', iat: now, exp: now + 3600,
  ud: 'user-1', u: 'Zoë “quoted” <b>', o: true, ss: false,
  p: { hp: true, cs: 'v,a', cr: { b: { v: true, a: false } }, ca: false },
};

test('jose verifies a token TokenSchema signed, with the same claims', async () => {
  const token = sign(dailyClaims);
  const { payload, protectedHeader } = await jwtVerify(token, key, { algorithms: ['HS256'] });
  assert.deepEqual(protectedHeader, { alg: 'HS256', typ: 'JWT' });
  assert.deepEqual(payload, dailyClaims);
});

test('jose sees the kid TokenSchema wrote', async () => {
  const token = sign({ r: 'a' }, ['--kid', 'key-2026']);
  assert.deepEqual(decodeProtectedHeader(token), { alg: 'HS256', typ: 'JWT', kid: 'key-2026' });
  await jwtVerify(token, key, { algorithms: ['HS256'] });
});

test('jose refuses a TokenSchema token under another key', async () => {
  const token = sign({ r: 'a' });
  await assert.rejects(jwtVerify(token, new TextEncoder().encode(secret + '!'), { algorithms: ['HS256'] }));
});

test('TokenSchema verifies a token jose signed', async () => {
  const token = await new SignJWT({ r: 'room', d: 'domain', o: false })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(now)
    .setExpirationTime(now + 600)
    .sign(key);
  const result = tokenschema(['inspect', token]);
  assert.equal(result.status, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /token accepted/);
  assert.match(result.stdout, /"r": "room"/);
});

test('TokenSchema reads a jose-signed Daily token into its typed DailyToken with the same values', async () => {
  const token = await new SignJWT({
    r: 'room-0253', d: '25df5057-ef0d-4d97-bde6-0cf287276cbb', ud: 'user-1', u: 'Grace', o: false, ctoe: true,
    uil: 'pt-BR', p: { hp: true, cs: 'v,a', ca: 'p,s,t' },
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(now)
    .setExpirationTime(now + 600)
    .sign(key);
  const result = tokenschema(['inspect', token, '--platform', 'daily', '--json']);
  assert.equal(result.status, 0, result.stdout + result.stderr);
  const inspected = JSON.parse(result.stdout);
  assert.equal(inspected.signature, 'verified');
  // The typed record, written back by its generated writer, holds every claim jose signed, with the same value.
  assert.deepEqual(inspected.record, decodeJwt(token));
  assert.deepEqual(inspected.record.p, { hp: true, cs: 'v,a', ca: 'p,s,t' });
});

test('TokenSchema refuses a jose-signed Daily token whose claim has the wrong type', async () => {
  const token = await new SignJWT({ r: 'room', d: '25df5057-ef0d-4d97-bde6-0cf287276cbb', iat: now, ctoe: 'yes' })
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime(now + 600)
    .sign(key);
  const result = tokenschema(['inspect', token, '--platform', 'daily']);
  assert.equal(result.status, 1);
  assert.match(result.stdout, /InvalidClaims/);
});

test('TokenSchema rejects a jose token signed with HS384 or another key, expired, or without exp', async () => {
  const hs384 = await new SignJWT({ r: 'room' }).setProtectedHeader({ alg: 'HS384' }).sign(key);
  let result = tokenschema(['inspect', hs384]);
  assert.equal(result.status, 1);
  assert.match(result.stdout, /UnsupportedAlgorithm/);

  const otherKey = await new SignJWT({ r: 'room' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret + '?'));
  result = tokenschema(['inspect', otherKey]);
  assert.equal(result.status, 1);
  assert.match(result.stdout, /BadSignature/);

  const expired = await new SignJWT({ r: 'room' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(now - 3600).sign(key);
  result = tokenschema(['inspect', expired]);
  assert.equal(result.status, 1);
  assert.match(result.stdout, /Expired/);

  const forever = await new SignJWT({ r: 'room' }).setProtectedHeader({ alg: 'HS256' }).sign(key);
  result = tokenschema(['inspect', forever]);
  assert.equal(result.status, 1);
  assert.match(result.stdout, /MissingExpirationTime/);
});
