// 100ms conformance: @100mslive/server-sdk's AuthService (app and management tokens) against TokenSchema's HmsToken and
// HmsTokenIssuer, both ways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import HMS from '@100mslive/server-sdk';
import { issue, issueRefused, readAs, readRejected, decode } from './tokenschema.mjs';

const accessKey = '6523b7c1f2a0c4e5d1a2b3c4';
const appSecret = 'hms-conformance-app-secret-of-at-least-32-bytes';
const auth = () => new HMS.SDK(accessKey, appSecret).auth;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function signatureValid(token, key) {
  const [h, p, s] = token.split('.');
  return createHmac('sha256', key).update(`${h}.${p}`).digest('base64url') === s;
}

test('an app token the SDK makes reads into HmsToken with every field equal', async () => {
  const { token } = await auth().getAuthToken({ roomId: '65f0a1b2c3d4e5f6a7b8c9d0', role: 'host', userId: 'alice' });
  const { header, payload } = decode(token);
  assert.deepEqual(header, { alg: 'HS256', typ: 'JWT' });
  assert.equal(payload.type, 'app');
  assert.deepEqual(readAs('hms', appSecret, token), payload);
});

test('an app token without a user id and a management token read with every field equal', async () => {
  const app = (await auth().getAuthToken({ roomId: 'room-1', role: 'guest' })).token;
  assert.deepEqual(readAs('hms', appSecret, app), decode(app).payload);
  const management = (await auth().getManagementToken({ forceNew: true })).token;
  assert.equal(decode(management).payload.type, 'management');
  assert.deepEqual(readAs('hms', appSecret, management), decode(management).payload);
});

test('the SDK’s lifetime and time options read back', async () => {
  const now = Math.floor(Date.now() / 1000);
  const { token } = await auth().getAuthToken({ roomId: 'r', role: 'host', issuedAt: now - 60, notValidBefore: now - 30, validForSeconds: 600 });
  const read = readAs('hms', appSecret, token);
  assert.deepEqual([read.iat, read.nbf, read.exp], [now - 60, now - 30, now + 570]);
});

test('an app token without a role, or a management token with a room, is refused', async () => {
  const forged = (payload) => {
    const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}`;
    return `${unsigned}.${createHmac('sha256', appSecret).update(unsigned).digest('base64url')}`;
  };
  const now = Math.floor(Date.now() / 1000);
  const base = { access_key: accessKey, version: 2, iat: now, nbf: now, exp: now + 600, jti: 'x' };
  assert.match(readRejected('hms', appSecret, forged({ ...base, type: 'app', room_id: 'r' })), /^InvalidClaims: .*'role'/);
  assert.match(readRejected('hms', appSecret, forged({ ...base, type: 'management', room_id: 'r' })), /^InvalidClaims: .*'room_id'/);
  assert.match(readRejected('hms', appSecret, forged({ ...base, type: 'app', room_id: 'r', role: 'host', version: 1 })), /^InvalidClaims: .*'version'/);
  readAs('hms', appSecret, forged({ ...base, type: 'app', room_id: 'r', role: 'host' }));
});

test('an HmsTokenIssuer app token has the claims, order and backdating the SDK writes for the same inputs', async () => {
  const sdk = decode((await auth().getAuthToken({ roomId: 'room-1', role: 'host', userId: 'alice' })).token);
  const token = issue('hms', appSecret, { type: 'app', room_id: 'room-1', role: 'host', user_id: 'alice' }, ['--access-key', accessKey]);
  assert.ok(signatureValid(token, appSecret));
  const ours = decode(token);
  assert.deepEqual(ours.header, sdk.header);
  assert.deepEqual(Object.keys(ours.payload), Object.keys(sdk.payload));
  assert.match(ours.payload.jti, uuid);
  assert.match(sdk.payload.jti, uuid);
  assert.ok(Math.abs(ours.payload.iat - sdk.payload.iat) <= 5);
  const now = Math.floor(Date.now() / 1000);
  assert.ok(now - ours.payload.iat >= 10 && now - ours.payload.iat <= 15, 'iat is backdated by 10 s');
  const strip = ({ iat, nbf, exp, jti, ...rest }) => ({ ...rest, nbfIsIat: nbf === iat, life: exp - nbf });
  assert.deepEqual(strip(ours.payload), strip(sdk.payload));
});

test('an HmsTokenIssuer management token has the claims and order the SDK writes', async () => {
  const sdk = decode((await auth().getManagementToken({ forceNew: true })).token);
  const ours = decode(issue('hms', appSecret, { type: 'management' }, ['--access-key', accessKey]));
  assert.deepEqual(Object.keys(ours.payload), Object.keys(sdk.payload));
  const strip = ({ iat, nbf, exp, jti, ...rest }) => ({ ...rest, life: exp - nbf });
  assert.deepEqual(strip(ours.payload), strip(sdk.payload));
});

test('the issuer refuses an app token without a role and a management token with a user', () => {
  assert.match(issueRefused('hms', appSecret, { type: 'app', room_id: 'r' }, ['--access-key', accessKey]), /'role'/);
  assert.match(issueRefused('hms', appSecret, { type: 'management', user_id: 'u' }, ['--access-key', accessKey]), /'user_id'/);
});
