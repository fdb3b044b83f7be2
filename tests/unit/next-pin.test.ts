import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PINNED_NEXT } from "@/lib/server/action-ids";

/**
 * The server reads one private Next.js file (lib/server/action-ids.ts). An update of `next` must be a
 * decision that re-checks it, never a range that moves on its own.
 */
describe("the pinned Next.js version", () => {
  const root = path.resolve(import.meta.dirname, "../..");
  const read = (file: string) =>
    JSON.parse(fs.readFileSync(path.join(root, file), "utf8")) as {
      version?: string;
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };

  it("is exact in package.json, for next and its ESLint configuration", () => {
    const pkg = read("package.json");
    expect(pkg.dependencies?.next).toBe(PINNED_NEXT);
    expect(pkg.devDependencies?.["eslint-config-next"]).toBe(PINNED_NEXT);
  });

  it("is the version installed", () => {
    expect(read("node_modules/next/package.json").version).toBe(PINNED_NEXT);
  });
});
