import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { ensureBuilt, startServer } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A data directory with the migrated and seeded demo; journeys start servers on copies of it. */
    e2eTemplate: string;
  }
}

/** Builds the web app if needed and seeds the demo once for the whole e2e run. */
export default async function setup(project: TestProject): Promise<() => void> {
  ensureBuilt();
  const seeded = await startServer({ keepData: true });
  await seeded.stop();
  project.provide('e2eTemplate', seeded.dataDir);
  return () => rmSync(seeded.dataDir, { recursive: true, force: true });
}
