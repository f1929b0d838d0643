// Twilio conformance: the twilio Node.js library's AccessToken with a VideoGrant against TokenSchema's
// TwilioVideoToken and TwilioVideoTokenIssuer, both ways. (Twilio's .NET library is checked in the .NET tests.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import twilio from 'twilio';
import { issue, issueRefused, readAs, readRejected, decode } from './tokenschema.mjs';

const { AccessToken } = twilio.jwt;
const { VideoGrant } = AccessToken;
const accountSid = 'AC0123456789abcdef0123456789abcdef';
const keySid = 'SKfedcba9876543210fedcba9876543210';
const secret = 'twilio-conformance-api-key-secret-0123456789';

function sdkToken(options = {}, room = 'DailyStandup') {
  const token = new AccessToken(accountSid, keySid, secret, { identity: 'alice', ...options });
  token.addGrant(new VideoGrant(room === null ? {} : { room }));
  return token.toJwt();
}

function signatureValid(token, key) {
  const [h, p, s] = token.split('.');
  return createHmac('sha256', key).update(`${h}.${p}`).digest('base64url') === s;
}

test('an AccessToken with a VideoGrant, nbf and a region reads into TwilioVideoToken with every field equal', () => {
  const nbf = Math.floor(Date.now() / 1000) - 5;
  const token = sdkToken({ ttl: 1800, nbf, region: 'ie1' });
  const { header, payload } = decode(token);
  assert.deepEqual(header, { alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1', twr: 'ie1' });
  assert.equal(typeof payload.iat, 'number');
  assert.deepEqual(readAs('twilio', secret, token), payload);
});

test('an AccessToken with an empty VideoGrant reads with the empty grant kept', () => {
  const token = sdkToken({}, null);
  const { payload } = decode(token);
  assert.deepEqual(payload.grants, { identity: 'alice', video: {} });
  assert.deepEqual(readAs('twilio', secret, token), payload);
});

test('an AccessToken that lives longer than 24 hours is refused', () => {
  assert.match(readRejected('twilio', secret, sdkToken({ ttl: 86_401 })), /^InvalidClaims: .*'exp'/);
  readAs('twilio', secret, sdkToken({ ttl: 86_400 }));
});

test('a TwilioVideoTokenIssuer token has the header and claims AccessToken writes for the same inputs', () => {
  const nbf = Math.floor(Date.now() / 1000);
  const sdk = decode(sdkToken({ ttl: 3600, nbf, region: 'us1' }));
  const ours = issue('twilio', secret, { nbf, grants: { identity: 'alice', video: { room: 'DailyStandup' } } },
    ['--api-key-sid', keySid, '--account-sid', accountSid, '--region', 'us1']);
  assert.ok(signatureValid(ours, secret));
  const mine = decode(ours);
  assert.deepEqual(mine.header, sdk.header);
  assert.deepEqual(Object.keys(mine.header), ['alg', 'typ', 'cty', 'twr']);
  assert.ok(Math.abs(mine.payload.iat - sdk.payload.iat) <= 5);
  assert.equal(mine.payload.exp - mine.payload.iat, sdk.payload.exp - sdk.payload.iat);
  assert.equal(mine.payload.jti, `${keySid}-${mine.payload.iat}`);
  assert.match(sdk.payload.jti, new RegExp(`^${keySid}-\\d+$`));
  const { iat, exp, jti, ...rest } = mine.payload;
  const { iat: _i, exp: _e, jti: _j, ...sdkRest } = sdk.payload;
  assert.deepEqual(rest, sdkRest);
  assert.deepEqual(Object.keys(mine.payload).sort(), Object.keys(sdk.payload).sort());
});

test('a TwilioVideoTokenIssuer token without a region has no twr, like AccessToken without one', () => {
  const ours = decode(issue('twilio', secret, { grants: { identity: 'alice', video: {} } }, ['--api-key-sid', keySid, '--account-sid', accountSid]));
  assert.deepEqual(ours.header, decode(sdkToken()).header);
});

test('the issuer refuses swapped SIDs, which AccessToken signs and Twilio refuses when connecting (error 20103)', () => {
  const swapped = new AccessToken(keySid, accountSid, secret, { identity: 'alice' });
  swapped.addGrant(new VideoGrant());
  assert.equal(decode(swapped.toJwt()).payload.iss, accountSid);
  assert.match(issueRefused('twilio', secret, { grants: { identity: 'alice', video: {} } }, ['--api-key-sid', accountSid, '--account-sid', keySid]), /'sub'.*API key SID/);
});

test('the issuer refuses a lifetime over 24 hours', () => {
  const now = Math.floor(Date.now() / 1000);
  assert.match(issueRefused('twilio', secret, { exp: now + 86_401, grants: { identity: 'alice', video: {} } }, ['--api-key-sid', keySid, '--account-sid', accountSid, '--now', String(now)]), /'exp'/);
});
