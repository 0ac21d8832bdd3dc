import { z } from 'zod';

// Fields of the operators' response bodies (issue #19): what the handlers write
// today, so the OpenAPI document describes the wire as it is.

/** An instant as `Date.toISOString()` writes it (UTC, `Z`; docs/contract.md §6). */
export const at = z.iso.datetime();
export const atOrNull = at.nullable();
/** Whole VND as a string of digits: it outgrows 2^53 (docs/case-file.md). */
export const vndDigits = z.string().regex(/^\d+$/);
/** A ledger amount: a reversal carries the negative of what it reverses (docs/contract.md §4). */
export const signedDigits = z.string().regex(/^-?\d+$/);
