// Vitest global setup: a throwaway PostgreSQL cluster for the server tests (Debian's postgresql, installed when missing).
import type { TestProject } from 'vitest/node';
import { startCluster } from '../../../scripts/pg-cluster.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const cluster = await startCluster();
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}
