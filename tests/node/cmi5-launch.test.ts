import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startCmi5Launcher, type Cmi5Launcher } from '../helpers/cmi5-launcher.ts';
import { Cmi5LaunchError, isCmi5Launch, parseCmi5Launch } from '../../src/lms/cmi5/launch.ts';
import {
  Cmi5LaunchDataError,
  parseLaunchData,
  readLearnerPreferences,
} from '../../src/lms/cmi5/launch-data.ts';
import { authToken, Cmi5TokenError, type KeyValueStore } from '../../src/lms/cmi5/token.ts';

const ACTOR = {
  objectType: 'Agent',
  account: { homePage: 'https://lms.example', name: '1625378' },
};
const REGISTRATION = '6f1f6ac0-8f0b-4a3e-9d0b-5c0f7d8a2b31';

function launchUrl(overrides: Record<string, string | null> = {}): string {
  const params: Record<string, string | null> = {
    endpoint: 'https://lrs.example/xapi',
    fetch: 'https://lms.example/token?k=2390289x0',
    actor: JSON.stringify(ACTOR),
    registration: REGISTRATION,
    activityId: 'https://lms.example/au/7',
    ...overrides,
  };
  const url = new URL('https://cdn.example/checkpoint/index.html?lang=fr');
  for (const [name, value] of Object.entries(params))
    if (value !== null) url.searchParams.set(name, value);
  return url.href;
}

describe('cmi5 launch URL', () => {
  it('reads the five parameters, keeping the page its own', () => {
    const launch = parseCmi5Launch(launchUrl());
    assert.deepEqual(launch, {
      endpoint: 'https://lrs.example/xapi/',
      fetch: 'https://lms.example/token?k=2390289x0',
      actor: { objectType: 'Agent', account: { homePage: 'https://lms.example', name: '1625378' } },
      registration: REGISTRATION,
      activityId: 'https://lms.example/au/7',
    });
    assert.equal(isCmi5Launch(launchUrl()), true);
    assert.equal(isCmi5Launch(new URL(launchUrl())), true);
  });

  it('is not a cmi5 launch without its parameters', () => {
    assert.equal(isCmi5Launch('https://cdn.example/checkpoint/index.html'), false);
    assert.equal(isCmi5Launch(launchUrl({ fetch: null })), false);
    assert.equal(isCmi5Launch('not a url'), false);
  });

  const bad: [string, Record<string, string | null>, RegExp][] = [
    ['a missing endpoint', { endpoint: null }, /"endpoint": missing/],
    ['an empty fetch', { fetch: '' }, /"fetch": missing/],
    ['a missing actor', { actor: null }, /"actor": missing/],
    ['a missing registration', { registration: null }, /"registration": missing/],
    ['a missing activityId', { activityId: null }, /"activityId": missing/],
    [
      'an endpoint that is no URL',
      { endpoint: 'lrs' },
      /"endpoint": "lrs" is not an http\(s\) URL/,
    ],
    [
      'a fetch URL with another scheme',
      { fetch: 'javascript:alert(1)' },
      /"fetch": .* is not an http\(s\) URL/,
    ],
    ['an actor that is not JSON', { actor: '{objectType:' }, /"actor": is not JSON/],
    ['an actor that is an array', { actor: '[]' }, /"actor": is not a JSON object/],
    [
      'an actor without account',
      { actor: '{"objectType":"Agent","mbox":"mailto:a@b.c"}' },
      /"actor": has no account/,
    ],
    [
      'a Group actor',
      { actor: JSON.stringify({ ...ACTOR, objectType: 'Group' }) },
      /objectType must be "Agent"/,
    ],
    [
      'an account without name',
      { actor: '{"account":{"homePage":"https://lms.example"}}' },
      /account.name/,
    ],
    [
      'a registration that is no UUID',
      { registration: '42' },
      /"registration": "42" is not a UUID/,
    ],
    ['an activityId that is no IRI', { activityId: 'au 7' }, /"activityId": "au 7" is not an IRI/],
  ];
  for (const [what, overrides, message] of bad) {
    it(`names the parameter at fault: ${what}`, () => {
      assert.throws(
        () => parseCmi5Launch(launchUrl(overrides)),
        (error: unknown) => error instanceof Cmi5LaunchError && message.test(error.message),
      );
    });
  }
});

describe('cmi5 auth token', () => {
  let launcher: Cmi5Launcher;
  before(async () => {
    launcher = await startCmi5Launcher({
      endpoint: 'http://127.0.0.1:9/xapi/',
      authorization: 'Basic dXNlcjpwYXNz',
    });
  });
  after(() => launcher.close());

  const storage = (): KeyValueStore & { items: Map<string, string> } => {
    const items = new Map<string, string>();
    return {
      items,
      getItem: (key) => items.get(key) ?? null,
      setItem: (key, value) => void items.set(key, value),
      removeItem: (key) => void items.delete(key),
    };
  };

  it('POSTs to the fetch URL once and keeps the token for reloads of the same launch', async () => {
    const fetchUrl = launcher.issueFetchUrl();
    const tab = storage();
    const launch = { fetch: fetchUrl, registration: REGISTRATION };
    assert.equal(await authToken(launch, { storage: tab }), 'dXNlcjpwYXNz');
    // a reload: a new page in the same tab, the same storage
    assert.equal(await authToken(launch, { storage: tab }), 'dXNlcjpwYXNz');
    assert.equal(launcher.fetchCount(fetchUrl), 1);
  });

  it('shares one POST between two callers that ask at the same time', async () => {
    const fetchUrl = launcher.issueFetchUrl();
    const launch = { fetch: fetchUrl, registration: REGISTRATION };
    const [a, b] = await Promise.all([
      authToken(launch, { storage: storage() }),
      authToken(launch, { storage: storage() }),
    ]);
    assert.equal(a, b);
    assert.equal(launcher.fetchCount(fetchUrl), 1);
  });

  it('reports the LMS error JSON of a second fetch with its code and text', async () => {
    const fetchUrl = launcher.issueFetchUrl();
    const launch = { fetch: fetchUrl, registration: REGISTRATION };
    await authToken(launch, { storage: storage() });
    await assert.rejects(
      authToken(launch, { storage: storage() }), // another tab: no kept token
      (error: unknown) =>
        error instanceof Cmi5TokenError &&
        error.code === '1' &&
        /already been returned/.test(error.text),
    );
  });

  it('says so when the fetch URL cannot be reached or answers something else', async () => {
    await assert.rejects(
      authToken(
        { fetch: 'http://127.0.0.1:9/fetch', registration: REGISTRATION },
        { storage: storage() },
      ),
      (error: unknown) => error instanceof Cmi5TokenError && error.code === 'network',
    );
    await assert.rejects(
      authToken(
        { fetch: `${launcher.origin}/fetch/unknown`, registration: REGISTRATION },
        { storage: storage() },
      ),
      (error: unknown) => error instanceof Cmi5TokenError && error.code === 'http',
    );
  });
});

describe('LMS.LaunchData', () => {
  const valid = {
    contextTemplate: {
      contextActivities: { grouping: [{ id: 'https://pub.example/au' }] },
      extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': 's-1' },
    },
    launchMode: 'Normal',
    launchMethod: 'OwnWindow',
    moveOn: 'CompletedAndPassed',
    masteryScore: 0.75,
    returnURL: 'https://lms.example/course/1',
    entitlementKey: { courseStructure: 'xyz' },
  };

  it('reads every field', () => {
    assert.deepEqual(parseLaunchData(valid), valid);
  });

  const broken: [string, unknown, RegExp][] = [
    ['no object', [], /document: is not a JSON object/],
    [
      'no context template',
      { ...valid, contextTemplate: undefined },
      /contextTemplate: must be an object/,
    ],
    [
      'an unknown launch mode',
      { ...valid, launchMode: 'Preview' },
      /launchMode: must be one of Normal, Browse, Review, not "Preview"/,
    ],
    ['no launch mode', { ...valid, launchMode: undefined }, /launchMode: .*not missing/],
    ['an unknown moveOn', { ...valid, moveOn: 'Always' }, /moveOn: must be one of/],
    [
      'a mastery score above 1',
      { ...valid, masteryScore: 80 },
      /masteryScore: must be a number from 0 to 1, not 80/,
    ],
    ['a mastery score as text', { ...valid, masteryScore: '0.8' }, /masteryScore/],
    ['a return URL that is no string', { ...valid, returnURL: 5 }, /returnURL: must be a string/],
  ];
  for (const [what, document, message] of broken) {
    it(`names the field at fault: ${what}`, () => {
      assert.throws(
        () => parseLaunchData(document),
        (error: unknown) => error instanceof Cmi5LaunchDataError && message.test(error.message),
      );
    });
  }

  it('reads the learner preferences, and goes on without them', async () => {
    const prefs = await readLearnerPreferences(
      { objectType: 'Agent', account: { homePage: 'https://lms.example', name: '1' } },
      () => Promise.resolve({ languagePreference: 'fr-FR, ar ,en', audioPreference: 'off' }),
    );
    assert.deepEqual(prefs, { languages: ['fr-FR', 'ar', 'en'], audio: 'off' });
    const none = await readLearnerPreferences(
      { objectType: 'Agent', account: { homePage: 'https://lms.example', name: '1' } },
      () => Promise.reject(new Error('offline')),
    );
    assert.equal(none, undefined);
  });
});
