// Kanban sizing and card-limit calls of the engine API.
export const limitsApi = {};
