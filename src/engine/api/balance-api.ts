// Line-balancing calls and jobs of the engine API (solver, metrics, parsers).
export const balanceApi = {};
export const balanceJobs = {};
