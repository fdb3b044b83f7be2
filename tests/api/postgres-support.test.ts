import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDatabase } from "@/tests/support/postgres";

/** The throwaway PostgreSQL from tests/support/postgres-global-setup.ts is a real server. */
describe("test PostgreSQL", () => {
  let url: string;
  let client: pg.Client;

  beforeAll(async () => {
    url = await createDatabase(inject("postgresUrl"));
    client = new pg.Client({ connectionString: url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
  });

  it("gives each file its own database on a real server", async () => {
    expect(new URL(url).pathname).toMatch(/^\/dce_test_[0-9a-f]{12}$/);
    const { rows } = await client.query<{ one: number; db: string; version: string }>(
      "select 1 as one, current_database() as db, version() as version",
    );
    expect(rows[0]!.one).toBe(1);
    expect(rows[0]!.db).toBe(new URL(url).pathname.slice(1));
    expect(rows[0]!.version).toMatch(/^PostgreSQL \d+/);
  });

  it("creates a table, inserts and reads back", async () => {
    await client.query("create table notes (id serial primary key, body text not null)");
    await client.query("insert into notes (body) values ($1), ($2)", ["first", "second"]);
    const { rows } = await client.query<{ id: number; body: string }>(
      "select id, body from notes order by id",
    );
    expect(rows).toEqual([
      { id: 1, body: "first" },
      { id: 2, body: "second" },
    ]);
    await expect(client.query("insert into notes (body) values (null)")).rejects.toThrow(
      /not-null|null value/,
    );
  });

  it("keeps databases apart", async () => {
    const other = new pg.Client({ connectionString: await createDatabase(inject("postgresUrl")) });
    await other.connect();
    try {
      const { rows } = await other.query("select to_regclass('notes') as t");
      expect(rows[0].t).toBeNull();
    } finally {
      await other.end();
    }
  });
});
