import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../db/open.ts';
import { openTestDatabase, testDatabaseKinds } from '../db/testing.ts';
import { confirmedSubscribersOf, confirmSubscriber, requestSubscription, unsubscribe } from './subscriber.repository.ts';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 8, 9, minute));

describe.each(testDatabaseKinds())('subscribers, double opt-in (issue #15) on %s', (kind) => {
  let opened: OpenedDatabase;
  beforeAll(async () => {
    opened = await openTestDatabase(kind);
  });
  afterAll(async () => opened?.close());

  it('pending until confirmed; confirmed ones receive their components, or all', async () => {
    const db = opened.db;
    const api = (await requestSubscription(db, { email: 'Api@Reader.vn', components: ['api', 'api'], lang: 'en' }, at(0)))!;
    expect(api).toMatchObject({ email: 'api@reader.vn', components: ['api'], state: 'pending', lang: 'en', confirmed_at: null });
    const all = (await requestSubscription(db, { email: 'all@reader.vn', components: null, lang: 'vi' }, at(1)))!;
    expect(await confirmedSubscribersOf(db, ['api'])).toEqual([]);
    expect(await confirmSubscriber(db, api.id, at(2))).toMatchObject({ state: 'confirmed', confirmed_at: at(2) });
    await confirmSubscriber(db, all.id, at(3));
    expect((await confirmedSubscribersOf(db, ['api'])).map((s) => s.email)).toEqual(['api@reader.vn', 'all@reader.vn']);
    expect((await confirmedSubscribersOf(db, ['web'])).map((s) => s.email)).toEqual(['all@reader.vn']);
  });

  it('a request for a confirmed address changes nothing and mails nothing', async () => {
    const db = opened.db;
    expect(await requestSubscription(db, { email: 'api@reader.vn', components: ['web'], lang: 'vi' }, at(4))).toBeUndefined();
    expect((await confirmedSubscribersOf(db, ['api'])).map((s) => s.email)).toContain('api@reader.vn');
  });

  it('a pending request asked again keeps its request instant (one confirmation); after unsubscribing, a new one', async () => {
    const db = opened.db;
    const first = (await requestSubscription(db, { email: 'twice@reader.vn', components: null, lang: 'vi' }, at(5)))!;
    const again = (await requestSubscription(db, { email: 'twice@reader.vn', components: ['api'], lang: 'en' }, at(6)))!;
    expect(again).toMatchObject({ id: first.id, requested_at: at(5), components: ['api'], lang: 'en' });
    await confirmSubscriber(db, first.id, at(7));
    expect(await unsubscribe(db, first.id, at(8))).toMatchObject({ state: 'unsubscribed', unsubscribed_at: at(8) });
    expect((await confirmedSubscribersOf(db, ['api'])).map((s) => s.email)).not.toContain('twice@reader.vn');
    // A confirmation link from before does not bring an unsubscribed address back.
    expect(await confirmSubscriber(db, first.id, at(9))).toMatchObject({ state: 'unsubscribed' });
    expect(await requestSubscription(db, { email: 'twice@reader.vn', components: null, lang: 'vi' }, at(10))).toMatchObject({ state: 'pending', requested_at: at(10), unsubscribed_at: null });
  });
});
