import { expect } from "vitest";
import type { CallResult } from "@/tests/support/platform";

/**
 * An error answer of the platform is a Kubernetes Status with this code and reason, a message, and no
 * stack trace.
 */
export function expectStatus(res: CallResult, code: number, reason: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(code);
  expect(res.headers.get("content-type")).toBe("application/json");
  expect(res.body).toMatchObject({
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    reason,
    code,
  });
  expect(typeof res.body.message).toBe("string");
  expect(JSON.stringify(res.body)).not.toMatch(/\bat .+\(.*:\d+:\d+\)/);
}
