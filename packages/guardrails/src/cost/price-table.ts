import TABLE from './price-table.json';
import { PriceTableError } from '../errors';

/** One price: amount per unit, with where and when it was read. */
export interface Price {
  readonly usd: number;
  readonly unit: string;
  readonly source: string;
  readonly date: string;
}

/** The price table (`price-table.json`): prices by id, and types that have no charge with why. */
export interface PriceTable {
  readonly region: string;
  readonly currency: string;
  readonly note: string;
  readonly prices: Readonly<Record<string, Price>>;
  readonly free: Readonly<Record<string, string>>;
}

/** Checks a price table: every price has a non-negative amount, a unit, an https source and an ISO date. */
export function validatePriceTable(table: PriceTable): PriceTable {
  const problems: string[] = [];
  for (const [id, price] of Object.entries(table.prices)) {
    if (typeof price.usd !== 'number' || !(price.usd >= 0)) problems.push(`${id}: usd must be a number ≥ 0`);
    if (!price.unit) problems.push(`${id}: unit is required`);
    if (!/^https:\/\//.test(price.source ?? '')) problems.push(`${id}: source must be an https URL`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(price.date ?? '')) problems.push(`${id}: date must be YYYY-MM-DD`);
  }
  for (const [type, reason] of Object.entries(table.free)) {
    if (!reason) problems.push(`free.${type}: a reason is required`);
  }
  if (problems.length > 0) throw new PriceTableError(`price table is invalid:\n${problems.join('\n')}`);
  return table;
}

/** The bundled price table, validated. */
export const PRICE_TABLE: PriceTable = validatePriceTable(TABLE as PriceTable);
