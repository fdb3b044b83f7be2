import type { TestProject } from "vitest/node";
import { startPostgres } from "@/tests/support/postgres";

declare module "vitest" {
  export interface ProvidedContext {
    /** Superuser URL of the run's throwaway PostgreSQL; take a database with createDatabase(). */
    postgresUrl: string;
  }
}

/**
 * Vitest globalSetup (api project): one throwaway PostgreSQL for the whole run (or TEST_DATABASE_URL's
 * server). Tests read its URL with `inject("postgresUrl")` and each file creates its own database.
 */
export default async function setup(project: TestProject) {
  const started = Date.now();
  const postgres = await startPostgres();
  if (process.env.TEST_POSTGRES_VERBOSE)
    console.log(`PostgreSQL for tests at ${postgres.url} (${Date.now() - started} ms)`);
  project.provide("postgresUrl", postgres.url);
  return async () => {
    await postgres.stop();
  };
}
