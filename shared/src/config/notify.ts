import { z } from 'zod';
import { duration, id } from './fields.ts';
import { httpTarget } from './http-fields.ts';

// Issue #15: where the product's own messages go out. Secrets are never in the
// config file: it names the environment variable that holds them.
const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name (A–Z, 0–9, _)');

const smtp = z
  .strictObject({
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(587),
    /** TLS from the first byte (port 465); otherwise STARTTLS when offered. */
    secure: z.boolean().default(false),
    /** Refuse to send without TLS. */
    requireTls: z.boolean().default(true),
    user: z.string().min(1).optional(),
    /** The variable holding the password; required with `user`. */
    passwordEnv: envName.optional(),
    timeout: duration.default(30_000),
  })
  .refine((s) => (s.user === undefined) === (s.passwordEnv === undefined), { path: ['passwordEnv'], message: 'user and passwordEnv go together' });

/**
 * Issue #15: what a webhook endpoint can be sent — the events the outbox
 * already sends to contacts (maintenance notices), as JSON, and the
 * cancellation of a window the endpoint may have been told of. An endpoint
 * without `events` gets them all.
 */
export const WEBHOOK_EVENTS = ['maintenance.announced', 'maintenance.reminder', 'maintenance.cancelled'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

const webhook = z.strictObject({
  /** Names the endpoint in the outbox (its rows' recipient) and the logs; the URL and secret never are. */
  id,
  url: httpTarget,
  /** The variable holding the endpoint's Standard Webhooks secret (`whsec_` + base64). */
  secretEnv: envName,
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).optional(),
  timeout: duration.default(10_000),
});

/**
 * Issue #15: what operators are told of (docs/architecture.md, "Operators' alerts").
 * Each is queued with the fact that caused it, keyed by event, fact and route.
 */
export const ALERT_EVENTS = ['outage.opened', 'outage.closed', 'location.isolated', 'delivery.failing', 'notice.deadline', 'credit.waiting'] as const;
export type AlertEvent = (typeof ALERT_EVENTS)[number];

const alertRoute = z.strictObject({
  /** Names the route in the outbox (a Slack row's recipient) and in idempotency keys. */
  id,
  events: z.array(z.enum(ALERT_EVENTS)).min(1),
  lang: z.enum(['vi', 'en']).default('vi'),
  to: z.union([
    z.strictObject({ email: z.string().regex(/^[^@\s]+@[^@\s]+$/, 'must be an e-mail address') }),
    /** A `notify.webhooks` id: signed by that endpoint's secret. */
    z.strictObject({ webhook: id }),
    /** A Slack-compatible incoming webhook; its URL (a secret: it carries the token) is in the variable named. */
    z.strictObject({ slack: z.strictObject({ urlEnv: envName }) }),
  ]),
});
export type AlertRoute = z.infer<typeof alertRoute>;

/**
 * Issue #15: the public page's e-mail subscriptions (double opt-in). The
 * variable holds the key that signs the confirm and unsubscribe links (at
 * least 32 characters); `requestsPerMinute` is each client address's bucket
 * of subscription requests. Without this block the page offers no form.
 */
const subscriptions = z.strictObject({
  secretEnv: envName,
  requestsPerMinute: z.number().int().min(1).default(5),
});

export const notifySchema = z.strictObject({
  subscriptions: subscriptions.optional(),
  email: z
    .strictObject({
      /** The From: of every message, e.g. `Vendor Status <status@vendor.vn>`. */
      from: z.string().regex(/@/, 'must contain an address'),
      smtp,
    })
    .optional(),
  webhooks: z
    .array(webhook)
    .default([])
    .superRefine((hooks, ctx) => {
      const seen = new Set<string>();
      hooks.forEach((h, i) => {
        if (seen.has(h.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `the webhook id ${h.id} is used twice` });
        seen.add(h.id);
      });
    }),
  alerts: z
    .array(alertRoute)
    .default([])
    .superRefine((routes, ctx) => {
      const seen = new Set<string>();
      routes.forEach((r, i) => {
        if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `the alert id ${r.id} is used twice` });
        seen.add(r.id);
      });
    }),
});
