// Safety stock from a service level: z·σ_D·√L, or with lead-time variation z·√(L·σ_D² + D²·σ_L²).
import type { Days, Pieces, PiecesPerDay } from './units.ts';
import { pieces } from './units.ts';
import { err, ok, type Result } from './result.ts';
import { inverseNormal } from './normal.ts';
import { fmt, roundUpWhole, type Basis } from './takt.ts';

export interface SafetyStockInput {
  /** Cycle service level: probability of no stock-out in a replenishment cycle, e.g. 0.95. */
  serviceLevel: number;
  /** Standard deviation of daily demand σ_D. */
  demandStdDevPerDay: PiecesPerDay;
  leadTimeDays: Days;
  /** Only needed with leadTimeStdDevDays. */
  demandPerDay?: PiecesPerDay;
  /** σ_L; when given, lead-time variation is covered too. */
  leadTimeStdDevDays?: Days;
}

export interface SafetyStock {
  z: number;
  exact: Pieces;
  /** Whole pieces, rounded up so the service level is met. */
  pieces: Pieces;
  basis: Basis;
}

/**
 * SS = z·σ_D·√L with z = Φ⁻¹(service level), demand independent from day to day (Heizer & Render,
 * "Operations Management", ch. 12). With variable lead time, SS = z·√(L·σ_D² + D²·σ_L²)
 * (Silver, Pyke & Peterson, "Inventory Management and Production Planning and Scheduling", 3rd ed., §7.11).
 */
export function safetyStock(input: SafetyStockInput): Result<SafetyStock> {
  const { serviceLevel, demandStdDevPerDay: sd, leadTimeDays: l, demandPerDay: d, leadTimeStdDevDays: sl } = input;
  const z = inverseNormal(serviceLevel);
  if (!z.ok) return err(`Service level: ${z.error}`);
  if (!Number.isFinite(sd) || sd < 0) return err(`The standard deviation of daily demand must be 0 or more; got ${sd}.`);
  if (!Number.isFinite(l) || l <= 0) return err(`Lead time must be more than 0 days; got ${l}.`);
  let exact: number;
  let basis: Basis;
  if (sl === undefined) {
    exact = Math.max(0, z.value * sd * Math.sqrt(l));
    basis = {
      formula: 'SS = z·σ_D·√L',
      inputs: { serviceLevel, z: z.value, demandStdDevPerDay: sd, leadTimeDays: l },
      explanation: `z = ${fmt(z.value)} for a ${fmt(serviceLevel * 100)} % service level × σ_D ${fmt(sd)} pieces/day × √${fmt(l)} days = ${fmt(exact)} pieces.`,
    };
  } else {
    if (!Number.isFinite(sl) || sl < 0) return err(`The standard deviation of lead time must be 0 days or more; got ${sl}.`);
    if (d === undefined || !Number.isFinite(d) || d <= 0) {
      return err('With a variable lead time, the average demand per day (more than 0) is needed as well.');
    }
    exact = Math.max(0, z.value * Math.sqrt(l * sd * sd + d * d * sl * sl));
    basis = {
      formula: 'SS = z·√(L·σ_D² + D²·σ_L²)',
      inputs: { serviceLevel, z: z.value, demandStdDevPerDay: sd, leadTimeDays: l, demandPerDay: d, leadTimeStdDevDays: sl },
      explanation: `z = ${fmt(z.value)} for a ${fmt(serviceLevel * 100)} % service level × √(${fmt(l)} days × ${fmt(sd)}² + ${fmt(d)}² × ${fmt(sl)}²) = ${fmt(exact)} pieces.`,
    };
  }
  if (!Number.isFinite(exact) || exact > Number.MAX_SAFE_INTEGER) {
    return err(`Safety stock ${basis.formula} is too large to hold (${exact} pieces): check the standard deviations and the lead time.`);
  }
  return ok({ z: z.value, exact: pieces(exact), pieces: pieces(roundUpWhole(exact)), basis });
}
