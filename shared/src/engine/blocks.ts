import { divideHalfUp } from '../money/vnd.ts';
import { BLOCK_SECONDS, HALF_DAYS_PER_YEAR, LICENSE_SECONDS_PER_BLOCK, type BlockRounding } from '../policy/policy.ts';

/** Digits after the point in a prorata `blocks` string (case-file.md: up to 6). */
export const BLOCK_DECIMALS = 6;

export interface OutageCreditAmount {
  /** Decimal string: whole under floor/ceil; under prorata up to 6 decimals, half up, no trailing zeros. */
  blocks: string;
  licenseSeconds: bigint;
  amountVnd: bigint;
  /** The money before its one rounding: numerator ÷ denominator VND. */
  exactVnd: { numerator: bigint; denominator: bigint };
}

/**
 * SLA §C.5 (sla-policy.md §1.1): blocks = creditable time ÷ 2 h, rounded per
 * the policy; license = 12 h per block; money = blocks × annual fee ÷ 730,
 * rounded half up once (case-file.md). Under prorata the money and the
 * license time use the exact fraction; only the `blocks` text is rounded.
 */
export function outageCredit(creditableSeconds: number, annualFeeVnd: bigint, rounding: BlockRounding): OutageCreditAmount {
  const seconds = BigInt(creditableSeconds);
  const block = BigInt(BLOCK_SECONDS);
  const perBlock = BigInt(LICENSE_SECONDS_PER_BLOCK);
  const halfDays = BigInt(HALF_DAYS_PER_YEAR);
  if (rounding === 'prorata') {
    const exactVnd = { numerator: seconds * annualFeeVnd, denominator: block * halfDays };
    return {
      blocks: decimal(seconds, block, BLOCK_DECIMALS),
      // 12 h per 2 h is 6 s per second: exact, the rounding never bites.
      licenseSeconds: divideHalfUp(seconds * perBlock, block),
      amountVnd: divideHalfUp(exactVnd.numerator, exactVnd.denominator),
      exactVnd,
    };
  }
  const whole = rounding === 'floor' ? seconds / block : (seconds + block - 1n) / block;
  const exactVnd = { numerator: whole * annualFeeVnd, denominator: halfDays };
  return {
    blocks: whole.toString(),
    licenseSeconds: whole * perBlock,
    amountVnd: divideHalfUp(exactVnd.numerator, exactVnd.denominator),
    exactVnd,
  };
}

/** n ÷ d as a decimal string with at most `places` digits after the point, half up, trailing zeros dropped. */
export function decimal(n: bigint, d: bigint, places: number): string {
  const scale = 10n ** BigInt(places);
  const scaled = divideHalfUp(n * scale, d);
  const fraction = (scaled % scale).toString().padStart(places, '0').replace(/0+$/, '');
  return fraction === '' ? (scaled / scale).toString() : `${scaled / scale}.${fraction}`;
}
