import { z } from 'zod';
import { duration, hostPort, id } from './fields.ts';
import { auth, bodyAllowed, expectHeader, HTTP_METHODS, httpTarget, requestHeaders } from './http-fields.ts';

/** A status code (200) or a class of them ("2xx"). */
const statusMatcher = z.union([
  z.number().int().min(100).max(599),
  z.string().regex(/^[1-5]xx$/, 'must be a status code or a class like "2xx"'),
]);

const common = {
  id,
  component: id,
  interval: duration.default(30_000),
  timeout: duration.default(10_000),
  /** Per-monitor override of the global detection thresholds. */
  detection: z
    .strictObject({ failuresToOpen: z.number().int().min(1).optional(), successesToClose: z.number().int().min(1).optional(), quorum: z.number().int().min(1).optional() })
    .optional(),
};

/** Latency above which an otherwise good result is `degraded`. */
const degradedAbove = duration.optional();

const http = z.strictObject({
  ...common,
  kind: z.literal('http'),
  target: httpTarget,
  method: z.enum(HTTP_METHODS).default('GET'),
  /** Sent as is; only with POST, PUT or PATCH. Its content-type, if any, goes in `headers`. */
  body: z.string().optional(),
  /** Sent with every request; framing and credential headers are refused (issue #14). */
  headers: requestHeaders.default({}),
  /** Basic or bearer; the secret is read from the named environment variable (checked at load). */
  auth: auth.optional(),
  // Issue #14: off keeps the behaviour before it — a 3xx is the answer. On:
  // up to 10 redirects, judged on the final response.
  followRedirects: z.boolean().default(false),
  // blackbox_exporter measures connect and TLS on every probe; reuse is opt-in (issue #2).
  keepAlive: z.boolean().default(false),
  tlsInsecure: z.boolean().default(false),
  expect: z
    .strictObject({
      status: z.array(statusMatcher).min(1).default(['2xx']),
      bodyContains: z.string().min(1).optional(),
      jsonPath: z.strictObject({ path: z.string().min(1), equals: z.union([z.string(), z.number(), z.boolean()]) }).optional(),
      /** A response header: present, or `equals` (exactly) or `contains` a value. Names are case-insensitive. */
      header: expectHeader.optional(),
      degradedAbove,
    })
    .default({ status: ['2xx'] }),
}).refine(bodyAllowed, { path: ['body'], message: 'only POST, PUT and PATCH send a body', when: () => true });

const tcp = z.strictObject({
  ...common,
  kind: z.literal('tcp'),
  target: hostPort,
  expect: z.strictObject({ degradedAbove }).default({}),
});

const tls = z.strictObject({
  ...common,
  kind: z.literal('tls'),
  target: hostPort,
  serverName: z.string().min(1).optional(),
  tlsInsecure: z.boolean().default(false),
  expect: z
    .strictObject({
      /** A certificate expiring in fewer days than this is `degraded`. */
      degradedBelowDays: z.number().int().min(0).default(14),
      degradedAbove,
    })
    .default({ degradedBelowDays: 14 }),
});

const dns = z.strictObject({
  ...common,
  kind: z.literal('dns'),
  target: z.string().regex(/^[A-Za-z0-9.-]+$/, 'must be a host name'),
  recordType: z.enum(['A', 'AAAA', 'CNAME', 'MX', 'TXT']).default('A'),
  server: hostPort.optional(),
  expect: z.strictObject({ contains: z.string().min(1).optional(), degradedAbove }).default({}),
});

export const monitorSchema = z.discriminatedUnion('kind', [http, tcp, tls, dns], {
  error: 'kind must be one of http, tcp, tls, dns',
});
export type MonitorConfig = z.output<typeof monitorSchema>;
