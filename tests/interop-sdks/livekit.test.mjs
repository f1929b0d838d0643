// LiveKit conformance: livekit-server-sdk's AccessToken, TokenVerifier and WebhookReceiver against TokenSchema's
// LiveKitToken and LiveKitTokenIssuer, both ways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { AccessToken, TokenVerifier, WebhookReceiver, TrackSource } from 'livekit-server-sdk';
import {
  RoomConfiguration, RoomAgentDispatch, RoomEgress, RoomCompositeEgressRequest, EncodedFileOutput, AutoTrackEgress,
  WebhookEvent, Room, ParticipantInfo, ParticipantInfo_State, TrackInfo, TrackType,
} from '@livekit/protocol';
import { issue, issueRefused, readAs, readRejected, decode, receiveWebhook } from './tokenschema.mjs';

const apiKey = 'APIconformance';
const apiSecret = 'livekit-conformance-secret-of-at-least-32-bytes';

function roomConfig() {
  return new RoomConfiguration({
    name: 'standup',
    emptyTimeout: 300,
    departureTimeout: 20,
    maxParticipants: 50,
    metadata: '{"topic":"daily"}',
    minPlayoutDelay: 100,
    maxPlayoutDelay: 2000,
    syncStreams: true,
    agents: [new RoomAgentDispatch({ agentName: 'transcriber', metadata: '{"lang":"en"}' })],
    egress: new RoomEgress({
      room: new RoomCompositeEgressRequest({ roomName: 'standup', layout: 'grid', fileOutputs: [new EncodedFileOutput({ filepath: 'standup.mp4' })] }),
      tracks: new AutoTrackEgress({ filepath: 'tracks/{track_id}' }),
    }),
    tags: { team: 'blue' },
  });
}

const everyVideoGrant = {
  roomCreate: true, roomJoin: true, roomList: true, roomRecord: true, roomAdmin: true, room: 'standup', ingressAdmin: true,
  canPublish: true, canPublishSources: [TrackSource.CAMERA, TrackSource.MICROPHONE, TrackSource.SCREEN_SHARE, TrackSource.SCREEN_SHARE_AUDIO],
  canSubscribe: false, canPublishData: true, canUpdateOwnMetadata: true, hidden: false, recorder: true, agent: true,
  canSubscribeMetrics: true, canManageAgentSession: true, destinationRoom: 'overflow',
};

/** An AccessToken with every grant and claim the SDK writes. */
function everyGrantToken(kind) {
  const at = new AccessToken(apiKey, apiSecret, {
    identity: 'agent-7', name: 'Transcriber “7”', metadata: '{"model":"x"}', attributes: { role: 'scribe', 'lang.code': 'en' }, ttl: 900,
  });
  at.addGrant(everyVideoGrant);
  at.addSIPGrant({ admin: true, call: true });
  at.addInferenceGrant({ perform: true });
  at.addObservabilityGrant({ write: true });
  at.kind = kind;
  at.roomConfig = roomConfig();
  at.roomPreset = 'webinar';
  at.sha256 = createHash('sha256').update('body').digest('base64');
  return at;
}

test('an AccessToken with every grant reads into LiveKitToken with every field equal; kind "AGENT" reads and is written lower case', async () => {
  const token = await everyGrantToken('AGENT').toJwt();
  const sdk = decode(token).payload;
  assert.equal(sdk.kind, 'AGENT');
  assert.deepEqual(sdk.inference, { perform: true });
  assert.deepEqual(sdk.observability, { write: true });
  assert.ok(sdk.roomConfig.agents.length === 1 && sdk.roomConfig.egress.room && sdk.roomConfig.minPlayoutDelay === 100);
  const read = readAs('livekit', apiSecret, token);
  assert.deepEqual(read, { ...sdk, kind: 'agent' });
});

test('every participant kind the SDK may write reads in any letter case', async () => {
  for (const kind of ['standard', 'INGRESS', 'Egress', 'SIP', 'agent', 'CONNECTOR', 'bridge']) {
    const at = new AccessToken(apiKey, apiSecret, { identity: 'p' });
    at.kind = kind;
    const read = readAs('livekit', apiSecret, await at.toJwt());
    assert.equal(read.kind, kind.toLowerCase());
  }
});

test('a kind LiveKit does not know makes the token unreadable', async () => {
  const at = new AccessToken(apiKey, apiSecret, { identity: 'p' });
  at.kind = 'robot';
  assert.match(readRejected('livekit', apiSecret, await at.toJwt()), /^InvalidClaims: .*'kind'/);
});

test('the agent grant and kindDetails (written by the Go SDK; the Node SDK passes them through) read with every field equal', async () => {
  const at = new AccessToken(apiKey, apiSecret, { identity: 'agent-1' });
  at.grants.agent = { admin: true, simulationAdmin: true, databaseAdmin: false };
  at.grants.kindDetails = ['CLOUD_AGENT', 'FORWARDED'];
  at.kind = 'agent';
  const token = await at.toJwt();
  assert.deepEqual(readAs('livekit', apiSecret, token), decode(token).payload);
});

test('a token without exp is refused by TokenSchema, as the LiveKit server and TokenVerifier refuse it', async () => {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const unsigned = `${b64({ alg: 'HS256' })}.${b64({ iss: apiKey, sub: 'p', nbf: Math.floor(Date.now() / 1000), video: { roomJoin: true, room: 'r' } })}`;
  const token = `${unsigned}.${createHmac('sha256', apiSecret).update(unsigned).digest('base64url')}`;
  await assert.rejects(new TokenVerifier(apiKey, apiSecret).verify(token));
  assert.match(readRejected('livekit', apiSecret, token), /^MissingExpirationTime/);
});

/** The claims our issuer is given: the same inputs as everyGrantToken, as LiveKitToken JSON. */
function everyGrantClaims(sdkPayload) {
  const { iss, nbf, exp, ...claims } = sdkPayload;
  return claims;
}

test('a LiveKitTokenIssuer token with every grant is accepted by TokenVerifier with the claims the SDK writes for the same inputs', async () => {
  const sdkToken = await everyGrantToken('agent').toJwt();
  const sdk = decode(sdkToken).payload;
  const ours = issue('livekit', apiSecret, { ...everyGrantClaims(sdk), exp: sdk.exp }, ['--api-key', apiKey]);
  const verified = await new TokenVerifier(apiKey, apiSecret).verify(ours);
  assert.ok(Math.abs(verified.nbf - sdk.nbf) <= 5, 'nbf is now');
  assert.deepEqual({ ...verified, nbf: sdk.nbf }, sdk);
  assert.deepEqual(decode(ours).header, { alg: 'HS256', typ: 'JWT' });
});

test('a LiveKitTokenIssuer token is given the SDK default lifetime (6 h) and writes an upper-case kind in lower case', async () => {
  const ours = issue('livekit', apiSecret, { sub: 'alice', kind: 'AGENT', video: { roomJoin: true, room: 'r' } }, ['--api-key', apiKey]);
  const verified = await new TokenVerifier(apiKey, apiSecret).verify(ours);
  const sdkToken = new AccessToken(apiKey, apiSecret, { identity: 'alice' });
  sdkToken.addGrant({ roomJoin: true, room: 'r' });
  sdkToken.kind = 'agent';
  const sdk = decode(await sdkToken.toJwt()).payload;
  assert.equal(verified.exp - verified.nbf, 6 * 3600);
  assert.deepEqual({ ...verified, nbf: sdk.nbf, exp: sdk.exp }, sdk);
});

test('the issuer refuses roomJoin without an identity, as AccessToken.toJwt does', async () => {
  const sdk = new AccessToken(apiKey, apiSecret);
  sdk.addGrant({ roomJoin: true, room: 'r' });
  await assert.rejects(sdk.toJwt(), /identity is required/);
  assert.match(issueRefused('livekit', apiSecret, { video: { roomJoin: true, room: 'r' } }, ['--api-key', apiKey]), /sub/);
});

test('TokenVerifier refuses a LiveKitTokenIssuer token under another secret or API key', async () => {
  const ours = issue('livekit', apiSecret, { sub: 'alice' }, ['--api-key', apiKey]);
  await assert.rejects(new TokenVerifier(apiKey, apiSecret + '!').verify(ours));
  await assert.rejects(new TokenVerifier('APIother', apiSecret).verify(ours));
});

test('WebhookReceiver accepts a webhook authorized by a LiveKitTokenIssuer token carrying the body sha256, and refuses another body', async () => {
  const body = JSON.stringify({ event: 'room_started', id: 'EV_conformance', createdAt: '1733808124', room: { sid: 'RM_1', name: 'standup' } });
  const sha256 = createHash('sha256').update(body).digest('base64');
  const authorization = issue('livekit', apiSecret, { sha256 }, ['--api-key', apiKey]);
  const event = await new WebhookReceiver(apiKey, apiSecret).receive(body, authorization);
  assert.equal(event.event, 'room_started');
  assert.equal(event.room.name, 'standup');
  await assert.rejects(new WebhookReceiver(apiKey, apiSecret).receive(body.replace('standup', 'other'), authorization), /sha256/);
});

/** A participant_joined webhook as LiveKit's server writes it: WebhookEvent in its protobuf JSON form. */
function participantJoined() {
  return new WebhookEvent({
    event: 'participant_joined',
    id: 'EV_3LkXm4aJ9uQ2',
    createdAt: 1733808124n,
    room: new Room({ sid: 'RM_hycBMAjmt6Ub', name: 'standup', emptyTimeout: 300, maxParticipants: 20, creationTime: 1733808000n, numParticipants: 2 }),
    participant: new ParticipantInfo({
      sid: 'PA_Gp8sT7nN1', identity: 'alice', name: 'Alice', state: ParticipantInfo_State.ACTIVE, joinedAt: 1733808120n,
      attributes: { team: 'blue' }, isPublisher: true,
      tracks: [new TrackInfo({ sid: 'TR_VC1', type: TrackType.VIDEO, name: 'camera', width: 1280, height: 720, source: TrackSource.CAMERA, mimeType: 'video/VP8' })],
    }),
  }).toJsonString();
}

/** The Authorization header LiveKit's server sends: an AccessToken from the API key with the body's sha256. */
async function sdkAuthorization(body, key = apiKey, secret = apiSecret, ttl = '5m') {
  const at = new AccessToken(key, secret, { ttl });
  at.sha256 = createHash('sha256').update(body).digest('base64');
  return at.toJwt();
}

test('LiveKitWebhookReceiver accepts what the SDK signs and reads the event with every field it names', async () => {
  const body = participantJoined();
  const received = receiveWebhook(apiKey, apiSecret, body, await sdkAuthorization(body));
  assert.equal(received.status, 0, received.refused);
  const sdk = await new WebhookReceiver(apiKey, apiSecret).receive(body, await sdkAuthorization(body));
  assert.equal(received.event.event, sdk.event);
  assert.equal(received.event.id, sdk.id);
  assert.equal(received.event.createdAt, Number(sdk.createdAt));
  assert.equal(received.event.room.name, sdk.room.name);
  assert.equal(received.event.room.sid, sdk.room.sid);
  assert.equal(received.event.room.creationTime, Number(sdk.room.creationTime));
  assert.equal(received.event.participant.identity, sdk.participant.identity);
  assert.equal(received.event.participant.state, 'ACTIVE');
  assert.deepEqual(received.event.participant.attributes, { team: 'blue' });
  assert.equal(received.event.participant.tracks[0].source, 'CAMERA');
  assert.equal(received.event.participant.tracks[0].width, 1280);
});

test('an unknown field of a newer server is kept, not fatal, by both receivers', async () => {
  const body = JSON.stringify({ ...JSON.parse(participantJoined()), futureField: { x: 1 } });
  const received = receiveWebhook(apiKey, apiSecret, body, await sdkAuthorization(body));
  assert.equal(received.status, 0, received.refused);
  assert.deepEqual(received.event.futureField, { x: 1 });
  await new WebhookReceiver(apiKey, apiSecret).receive(body, await sdkAuthorization(body));
});

test('both receivers refuse a body changed by one byte, a token for another key, an expired token and a missing header', async () => {
  const body = participantJoined();
  const changed = body.replace('"alice"', '"alicf"');
  const good = await sdkAuthorization(body);
  const ours = issue('livekit', apiSecret, { sha256: createHash('sha256').update(body).digest('base64') }, ['--api-key', apiKey]);
  const otherKey = await sdkAuthorization(body, 'APIother', apiSecret);
  const otherSecret = await sdkAuthorization(body, apiKey, apiSecret + '!');
  const expiredAt = Math.floor(Date.now() / 1000) - 3600;
  const expired = issue('livekit', apiSecret, { sha256: createHash('sha256').update(body).digest('base64'), nbf: expiredAt - 600, exp: expiredAt }, ['--api-key', apiKey]);
  const sdk = new WebhookReceiver(apiKey, apiSecret);

  for (const authorization of [good, ours]) {
    assert.match(receiveWebhook(apiKey, apiSecret, changed, authorization).refused, /^BodyHashMismatch/);
    await assert.rejects(sdk.receive(changed, authorization), /sha256/);
  }
  assert.match(receiveWebhook(apiKey, apiSecret, body, otherKey).refused, /^InvalidToken: InvalidIssuer/);
  await assert.rejects(sdk.receive(body, otherKey));
  assert.match(receiveWebhook(apiKey, apiSecret, body, otherSecret).refused, /^InvalidToken: BadSignature/);
  await assert.rejects(sdk.receive(body, otherSecret));
  assert.match(receiveWebhook(apiKey, apiSecret, body, expired).refused, /^InvalidToken: Expired/);
  await assert.rejects(sdk.receive(body, expired));
  assert.match(receiveWebhook(apiKey, apiSecret, body, undefined).refused, /^MissingAuthorization/);
  await assert.rejects(sdk.receive(body, undefined), /authorization header is empty/);
  // And the request ours produces is accepted by both.
  assert.equal(receiveWebhook(apiKey, apiSecret, body, ours).status, 0);
  assert.equal((await sdk.receive(body, ours)).event, 'participant_joined');
});
