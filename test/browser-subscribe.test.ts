// Issue #15's Done-when, the page part in a real Chromium (playwright-core),
// with JavaScript off (the form is a plain POST): subscribe on the status
// page → the confirmation arrives at a real SMTP server → its link confirms →
// an operator's incident update arrives with List-Unsubscribe → its link
// unsubscribes → a later update sends nothing to them. axe on every page.
import type { ParsedMail } from 'mailparser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../daemon/src/db/testing.ts';
import { listMessages } from '../daemon/src/outbox/outbox.repository.ts';
import { smtpSink } from '../daemon/src/outbox/testing/smtp-sink.ts';
import { axeViolations, launchBrowser, screenshot } from './support/browser.ts';
import { waitFor } from './support/daemon-process.ts';
import { startTestDaemon } from './support/in-process-daemon.ts';
import { operator } from './support/operator-client.ts';

const KEY = 'the-browser-test-key-of-32-characters-or-more';
const ADDRESS = 'reader@subscriber.example';
const yaml = (port: number) =>
  `components:\n  - { id: api, name: Public API, tier: core }\n  - { id: web, name: Website, tier: core }\nnotify:\n  subscriptions: { secretEnv: SLA_SUBSCRIPTION_KEY }\n  email:\n    from: "Status <status@vendor.example>"\n    smtp: { host: 127.0.0.1, port: ${port}, requireTls: false }\n`;
const rawHeader = (mail: ParsedMail, key: string) => mail.headerLines.find((h) => h.key === key)?.line.replace(/^[^:]+:\s*/, '');

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe.each(testDatabaseKinds())('subscribing on the status page, in Chromium, on %s', (kind) => {
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  let t: Awaited<ReturnType<typeof startTestDaemon>>;
  let page: Page;
  /** axe needs script: each page the JavaScript-less one shows is checked again in one with JavaScript (a GET again, or the same HTML when it answered a POST). */
  let checker: Page;
  const axeClean = async (how: 'reload' | 'content') => {
    if (how === 'reload') await checker.goto(page.url());
    else await checker.setContent(await page.content());
    expect(await axeViolations(checker)).toEqual([]);
  };
  beforeAll(async () => {
    sink = await smtpSink();
    t = await startTestDaemon(kind, yaml(sink.port), { statusSite: true, env: { SLA_SUBSCRIPTION_KEY: KEY } });
    page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    checker = await (await browser.newContext()).newPage();
  });
  afterAll(async () => {
    await page?.context().close();
    await checker?.context().close();
    await t?.stop();
    await sink?.close();
  });
  const mails = (subject: RegExp) => sink.received.filter((m) => JSON.stringify(m.to).includes(ADDRESS) && subject.test(m.subject ?? ''));
  const heading = () => page.locator('h1').textContent();

  it('subscribe, confirm, receive an incident update, unsubscribe with the link', async () => {
    await page.goto(`${t.daemon.url}/?lang=en`);
    await axeClean('reload');
    await page.getByLabel('E-mail address').fill(ADDRESS);
    await page.getByRole('combobox', { name: 'Components' }).selectOption('api');
    await screenshot(page, `subscribe-form-${kind}`);
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.waitForURL(/\/subscriptions\/requested\?lang=en$/);
    expect(await heading()).toBe('Check your inbox');
    await axeClean('reload');

    const confirmation = await waitFor('the confirmation mail', async () => mails(/Confirm your subscription/)[0]);
    const confirmLink = /(http:\/\/\S+\/subscriptions\/confirm\?token=\S+)/.exec(confirmation.text ?? '')![1]!;
    await page.goto(confirmLink);
    expect(await heading()).toBe('Subscription confirmed');
    await axeClean('reload');

    const admin = await operator(t.db.db, t.daemon.url, 'olga-operator', 'operator');
    const incident = await admin.post('/api/v1/incidents', { title: 'API errors', impact: 'major', body: 'Requests to the API fail; we are looking into it.', components: ['api'] });
    expect(incident.status).toBe(201);
    const update = await waitFor('the incident mail', async () => mails(/API errors/)[0]);
    expect(update.subject).toBe('[Investigating] API errors');
    expect(update.text).toContain('Requests to the API fail');
    const unsubscribeLink = rawHeader(update, 'list-unsubscribe')!.replace(/^<|>$/g, '');
    expect(rawHeader(update, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');

    await page.goto(unsubscribeLink);
    expect(await heading()).toBe('Unsubscribe');
    await axeClean('reload');
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await page.waitForLoadState();
    expect(await heading()).toBe('You are unsubscribed');
    await axeClean('content');
    await screenshot(page, `subscribe-unsubscribed-${kind}`);

    // Queued in the update's transaction: when the POST has answered, whether they were told is known.
    const later = await admin.post(`/api/v1/incidents/${incident.body.id}/updates`, { status: 'resolved', body: 'Fixed.' });
    expect(later.status).toBe(201);
    const toThem = (await listMessages(t.db.db)).filter((m) => m.recipient === ADDRESS).map((m) => m.subject);
    expect(toThem).toEqual(['Confirm your subscription to the status page', '[Investigating] API errors']);
  });
});
