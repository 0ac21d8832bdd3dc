import { z } from 'zod';

// Issue #16: who issues the credit statement — the vendor's legal name,
// address and tax code, as an accountant files them. Optional: without it the
// statement says plainly that the vendor is not configured.

const line = (max: number) => z.string().trim().min(1).max(max).regex(/^[^\n\r]*$/, 'must be one line');

export const vendorSchema = z.strictObject({
  /** The legal name, e.g. "Công ty Cổ phần Ví Dụ". */
  name: line(200),
  address: line(300),
  /** Mã số thuế: 10 digits, or 10 digits, a dash and 3 for a branch. */
  taxCode: z.string().regex(/^\d{10}(-\d{3})?$/, 'must be a Vietnamese tax code: 10 digits, or 10 digits-3 digits for a branch'),
});

export type VendorIdentity = z.output<typeof vendorSchema>;
