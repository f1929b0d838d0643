// Stream Video conformance: @stream-io/node-sdk's generateUserToken and generateCallToken against TokenSchema's
// StreamVideoToken and StreamVideoTokenIssuer, both ways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { StreamClient } from '@stream-io/node-sdk';
import { issue, issueRefused, readAs, readRejected, decode } from './tokenschema.mjs';

const apiKey = 'conformancekey';
const apiSecret = 'stream-conformance-api-secret-of-at-least-32-bytes';
const client = () => new StreamClient(apiKey, apiSecret);

function signatureValid(token, key) {
  const [h, p, s] = token.split('.');
  return createHmac('sha256', key).update(`${h}.${p}`).digest('base64url') === s;
}

test('a user token the SDK makes reads into StreamVideoToken with every field equal', () => {
  const token = client().generateUserToken({ user_id: 'alice' });
  const { header, payload } = decode(token);
  assert.deepEqual(header, { alg: 'HS256', typ: 'JWT' });
  assert.deepEqual(readAs('stream', apiSecret, token), payload);
});

test('a call token with a role and validity_in_seconds reads with every field equal, validity_in_seconds included', () => {
  const token = client().generateCallToken({ user_id: 'alice', call_cids: ['default:standup', 'livestream:town-hall'], role: 'admin', validity_in_seconds: 600 });
  const { payload } = decode(token);
  assert.equal(payload.validity_in_seconds, 600);
  assert.equal(payload.exp - payload.iat, 600);
  assert.deepEqual(readAs('stream', apiSecret, token), payload);
});

test('a call id that is not "<type>:<id>" makes the token unreadable', () => {
  const token = client().generateCallToken({ user_id: 'alice', call_cids: ['standup'] });
  assert.match(readRejected('stream', apiSecret, token), /^InvalidClaims: .*'call_cids'/);
});

test('a StreamVideoTokenIssuer user token has the claims and the 1 s backdating the SDK writes', () => {
  const sdk = decode(client().generateUserToken({ user_id: 'alice' }));
  const token = issue('stream', apiSecret, { user_id: 'alice' });
  assert.ok(signatureValid(token, apiSecret));
  const ours = decode(token);
  assert.deepEqual(ours.header, sdk.header);
  assert.deepEqual(Object.keys(ours.payload), Object.keys(sdk.payload));
  assert.ok(Math.abs(ours.payload.iat - sdk.payload.iat) <= 3);
  assert.equal(ours.payload.exp - ours.payload.iat, sdk.payload.exp - sdk.payload.iat);
  assert.equal(ours.payload.exp - ours.payload.iat, 3600);
  const now = Math.floor(Date.now() / 1000);
  assert.ok(now - ours.payload.iat >= 1 && now - ours.payload.iat <= 4, 'iat is backdated by 1 s');
  assert.equal(ours.payload.user_id, sdk.payload.user_id);
});

test('a StreamVideoTokenIssuer call token has the SDK claims, uses validity_in_seconds for exp and does not write it', () => {
  const inputs = { user_id: 'alice', call_cids: ['default:standup'], role: 'admin', validity_in_seconds: 900 };
  const sdk = decode(client().generateCallToken({ ...inputs })).payload;
  const ours = decode(issue('stream', apiSecret, inputs)).payload;
  assert.equal(ours.validity_in_seconds, undefined);
  const { validity_in_seconds, ...sdkWithout } = sdk;
  assert.deepEqual(Object.keys(ours), Object.keys(sdkWithout));
  assert.equal(ours.exp - ours.iat, 900);
  assert.deepEqual({ ...ours, iat: 0, exp: 0 }, { ...sdkWithout, iat: 0, exp: 0 });
});

test('the issuer refuses a blank user id and a malformed call id', () => {
  assert.match(issueRefused('stream', apiSecret, { user_id: ' ' }), /'user_id'/);
  assert.match(issueRefused('stream', apiSecret, { user_id: 'a', call_cids: ['default:'] }), /'call_cids'/);
});
