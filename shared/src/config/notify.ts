import { z } from 'zod';
import { duration } from './fields.ts';

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

export const notifySchema = z.strictObject({
  email: z
    .strictObject({
      /** The From: of every message, e.g. `Vendor Status <status@vendor.vn>`. */
      from: z.string().regex(/@/, 'must contain an address'),
      smtp,
    })
    .optional(),
});
