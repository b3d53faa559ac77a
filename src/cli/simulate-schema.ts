// The shape of a line-simulation model file (valibot); ranges and cross-field rules are the engine's checkLineModel.
import * as v from 'valibot';
import type { LineModel } from '../engine/simulate/line-model.ts';

const num = v.pipe(v.number(), v.finite());
const name = v.pipe(v.string(), v.maxLength(200));

const time = v.variant('dist', [
  v.strictObject({ dist: v.literal('deterministic'), mean: num }),
  v.strictObject({ dist: v.literal('exponential'), mean: num }),
  v.strictObject({ dist: v.literal('lognormal'), mean: num, cv: num }),
  v.strictObject({ dist: v.literal('gamma'), mean: num, cv: num }),
  v.strictObject({ dist: v.literal('empirical'), samples: v.pipe(v.array(num), v.minLength(1), v.maxLength(100_000)) }),
]);

const stage = v.strictObject({
  name,
  time,
  cards: v.optional(num),
  breakdown: v.optional(v.strictObject({ mtbfHours: num, mttrHours: num })),
  changeoverSeconds: v.optional(num),
  scrap: v.optional(num),
  rework: v.optional(num),
});

const control = v.variant('mode', [
  v.strictObject({ mode: v.literal('kanban') }),
  v.strictObject({ mode: v.literal('conwip'), cards: num }),
  v.strictObject({ mode: v.literal('push') }),
]);

const demand = v.variant('mode', [
  v.strictObject({ mode: v.literal('saturated') }),
  v.strictObject({
    mode: v.literal('takt'),
    interval: num,
    quantity: v.optional(num, 1),
    dist: v.optional(v.picklist(['deterministic', 'exponential', 'lognormal', 'gamma'])),
    cv: v.optional(num),
    spikes: v.optional(v.pipe(v.array(v.strictObject({ atHours: num, quantity: num })), v.maxLength(10_000))),
    randomSpikes: v.optional(v.strictObject({ perHour: num, quantity: num })),
  }),
]);

export const lineModelSchema = v.strictObject({
  stages: v.pipe(v.array(stage), v.minLength(1), v.maxLength(200)),
  control,
  demand,
  parts: v.optional(v.pipe(v.array(v.strictObject({ name, share: num, lotSize: v.optional(num), safetyStock: v.optional(num) })), v.maxLength(200))),
  supplier: v.optional(v.strictObject({ intervalHours: num, quantity: num, leadTimeHours: num, leadTimeCv: num, missedShare: num, initialStock: num })),
  hours: num,
  warmupHours: v.optional(num, 0),
  replications: v.optional(num),
  seed: v.optional(num),
  fillRateTarget: v.optional(num),
});

/** A model from parsed JSON, or one line naming the first wrong field. */
export function parseLineModel(data: unknown): { ok: true; value: LineModel } | { ok: false; error: string } {
  const parsed = v.safeParse(lineModelSchema, data);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = v.getDotPath(issue) ?? 'model';
    return { ok: false, error: `${path}: ${issue.message}` };
  }
  return { ok: true, value: parsed.output as LineModel };
}
