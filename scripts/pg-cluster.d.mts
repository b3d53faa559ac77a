// Types of the throwaway-cluster helper for the TypeScript tests and benchmarks that use it.
export function startCluster(): Promise<{ url: string; stop(): void }>;
