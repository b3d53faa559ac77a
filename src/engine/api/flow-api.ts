// Flow-metric calls of the engine API (lead and cycle time, throughput, cumulative flow, aging).
export const flowApi = {};
