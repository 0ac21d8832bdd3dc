import { divideHalfUp } from '../money/vnd.ts';
import { BLOCK_SECONDS, DAYS_PER_YEAR, LICENSE_SECONDS_PER_BLOCK, type BlockRounding } from '../policy/policy.ts';

/** Digits after the point in a prorata `blocks` string (docs/case-file.md: up to 6). */
export const BLOCK_DECIMALS = 6;

export interface OutageCreditAmount {
  /** Decimal string: whole under floor/ceil; under prorata up to 6 decimals, half up, no trailing zeros. */
  blocks: string;
  licenseSeconds: bigint;
  amountVnd: bigint;
}

const BLOCK = BigInt(BLOCK_SECONDS);
const LICENSE_PER_BLOCK = BigInt(LICENSE_SECONDS_PER_BLOCK);

/**
 * SLA §C.5 (docs/contract.md §1.1): blocks = creditable time ÷ 2 h, rounded per
 * the policy; license = 12 h per block; money = blocks × annual fee ÷
 * (2 × daysPerYear), ÷ 730 by default, rounded half up once (docs/case-file.md).
 * Under prorata the money and the license time use the exact fraction; only
 * the `blocks` text is rounded.
 */
export function outageCredit(creditableSeconds: number, annualFeeVnd: bigint, rounding: BlockRounding, daysPerYear: number = DAYS_PER_YEAR): OutageCreditAmount {
  const { numerator, denominator } = exactOutageVnd(creditableSeconds, annualFeeVnd, rounding, daysPerYear);
  const amountVnd = divideHalfUp(numerator, denominator);
  if (rounding === 'prorata') {
    const seconds = BigInt(creditableSeconds);
    // 12 h per 2 h is 6 s per second: exact, the rounding never bites.
    return { blocks: decimal(seconds, BLOCK, BLOCK_DECIMALS), licenseSeconds: divideHalfUp(seconds * LICENSE_PER_BLOCK, BLOCK), amountVnd };
  }
  const whole = wholeBlocks(creditableSeconds, rounding);
  return { blocks: String(whole), licenseSeconds: BigInt(whole * LICENSE_SECONDS_PER_BLOCK), amountVnd };
}

/**
 * `outageCredit` for one contract: under floor and ceil a credit depends only
 * on the whole number of blocks, of which a year holds a handful, so each is
 * worked out once per contract (a year of facts makes ~300 lines a contract).
 */
export function outageCreditFor(annualFeeVnd: bigint, rounding: BlockRounding, daysPerYear: number = DAYS_PER_YEAR): (creditableSeconds: number) => OutageCreditAmount {
  const known = new Map<number, OutageCreditAmount>();
  return (creditableSeconds) => {
    const key = rounding === 'prorata' ? creditableSeconds : wholeBlocks(creditableSeconds, rounding);
    let credit = known.get(key);
    if (credit === undefined) {
      credit = outageCredit(creditableSeconds, annualFeeVnd, rounding, daysPerYear);
      known.set(key, credit);
    }
    return credit;
  };
}

/** The money before its one rounding, numerator ÷ denominator VND: what an auditor adds up. */
export function exactOutageVnd(creditableSeconds: number, annualFeeVnd: bigint, rounding: BlockRounding, daysPerYear: number = DAYS_PER_YEAR): { numerator: bigint; denominator: bigint } {
  const halfDays = 2n * BigInt(daysPerYear);
  if (rounding === 'prorata') return { numerator: BigInt(creditableSeconds) * annualFeeVnd, denominator: BLOCK * halfDays };
  return { numerator: BigInt(wholeBlocks(creditableSeconds, rounding)) * annualFeeVnd, denominator: halfDays };
}

function wholeBlocks(creditableSeconds: number, rounding: 'floor' | 'ceil'): number {
  return rounding === 'floor' ? Math.floor(creditableSeconds / BLOCK_SECONDS) : Math.ceil(creditableSeconds / BLOCK_SECONDS);
}

/** n ÷ d as a decimal string with at most `places` digits after the point, half up, trailing zeros dropped. */
export function decimal(n: bigint, d: bigint, places: number): string {
  const scale = 10n ** BigInt(places);
  const scaled = divideHalfUp(n * scale, d);
  const fraction = (scaled % scale).toString().padStart(places, '0').replace(/0+$/, '');
  return fraction === '' ? (scaled / scale).toString() : `${scaled / scale}.${fraction}`;
}
