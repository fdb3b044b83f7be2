import { describe, expect, it } from "vitest";
import { diffCredentials, type CredentialDescription } from "@/lib/explain/diff";
import { diffPhrases, diffWords } from "@/lib/explain/diff-words";
import type { AccessKeyScope } from "@/lib/scope/schema";

const DAY = 86_400;
const token = (
  scope: AccessKeyScope | null,
  lifetime: number | null = DAY,
): CredentialDescription => ({
  kind: "token",
  scope,
  lifetime,
});

describe("diffCredentials: targets", () => {
  it("says what a rotation gains, loses and keeps, and its lifetime", () => {
    const before = token({
      virtualClusters: [{ project: "default", virtualCluster: "y" }],
      spaces: [{ project: "dev", space: "a" }],
    });
    const after = token(
      {
        virtualClusters: [
          { project: "default", virtualCluster: "x" },
          { project: "default", virtualCluster: "y" },
        ],
      },
      7 * DAY,
    );
    const diff = diffCredentials(before, after);
    expect(diff.targets.gained.map((c) => c.text)).toEqual(["virtual cluster default/x"]);
    expect(diff.targets.lost.map((c) => c.text)).toEqual(["space dev/a"]);
    expect(diff.targets.kept.map((c) => c.text)).toEqual(["virtual cluster default/y"]);
    expect(diff.lifetime).toEqual({ before: DAY, after: 7 * DAY, change: "longer" });
    expect(diffWords(diff)).toBe(
      "gains virtual cluster default/x; loses space dev/a; lifetime 1 day → 7 days (longer)",
    );
  });

  it("sees a * or a whole project as broader than the names it covers", () => {
    const named = token({ virtualClusters: [{ project: "p", virtualCluster: "x" }] });
    const wildcard = token({ virtualClusters: [{ project: "p", virtualCluster: "*" }] });
    const widened = diffCredentials(named, wildcard);
    expect(widened.targets.gained).toEqual([
      {
        entry: { list: "virtualClusters", project: "p", virtualCluster: "*" },
        text: "all virtual clusters of project p",
        related: ["virtual cluster p/x"],
      },
    ]);
    expect(widened.targets.lost).toEqual([
      {
        entry: { list: "virtualClusters", project: "p", virtualCluster: "x" },
        text: "virtual cluster p/x",
        related: [],
        coveredBy: "all virtual clusters of project p",
      },
    ]);
    expect(diffWords(widened)).toBe(
      "gains all virtual clusters of project p (widening virtual cluster p/x)",
    );
    expect(diffWords(diffCredentials(wildcard, named))).toBe(
      "loses all virtual clusters of project p (narrowed to virtual cluster p/x)",
    );
    // A name spelled out next to the project that already reaches it is no change in reach.
    const project = token({ projects: [{ project: "p" }] });
    const both = token({ projects: [{ project: "p" }], spaces: [{ project: "p", space: "s" }] });
    const spelled = diffCredentials(project, both);
    expect(spelled.targets.gained).toEqual([expect.objectContaining({ coveredBy: "project p" })]);
    expect(diffWords(spelled)).toBe("no change in reach or lifetime");
    expect(
      diffWords(
        diffCredentials(
          token({ clusters: [{ cluster: "eu" }] }),
          token({ clusters: [{ cluster: "*" }] }),
        ),
      ),
    ).toBe("gains all clusters (widening cluster eu)");
  });

  it("says when a credential becomes or stops being unrestricted", () => {
    const scoped = token({ spaces: [{ project: "dev", space: "a" }] });
    const open = token(null);
    const opened = diffCredentials(scoped, open);
    expect(opened.unrestricted).toEqual({ before: false, after: true });
    expect(opened.targets.lost).toEqual([
      expect.objectContaining({ coveredBy: "no scope (unrestricted)" }),
    ]);
    expect(diffWords(opened)).toBe("becomes unrestricted (no scope)");
    expect(diffWords(diffCredentials(open, scoped))).toBe(
      "is no longer unrestricted: now limited to space dev/a",
    );
  });
});

describe("diffCredentials: roles, rules, Loft CLI, kind, lifetime", () => {
  it("lists roles and rules added and removed", () => {
    const rule = { verbs: ["get"], resources: [{ group: "", resources: ["pods"] }] };
    const before: AccessKeyScope = {
      roles: [{ role: "loft-cli" }],
      rules: [rule],
      allowLoftCli: true,
    };
    const after: AccessKeyScope = { roles: [{ role: "vcluster", projects: ["demo"] }] };
    const diff = diffCredentials(token(before), { ...token(after), kind: "accesskey" });
    expect(diff.roles.added.map((r) => r.text)).toEqual(["role vcluster (projects demo)"]);
    expect(diff.roles.removed.map((r) => r.text)).toEqual(["role loft-cli"]);
    expect(diff.rules.removed).toEqual([{ entry: rule, text: "Rule 1: get pods" }]);
    expect(diff.allowLoftCli).toEqual({ before: true, after: false });
    expect(diffPhrases(diff)).toEqual([
      "token → access key",
      "adds role vcluster (projects demo)",
      "removes role loft-cli",
      "removes rule: get pods",
      "turns off allowLoftCli",
    ]);
  });

  it("compares lifetimes and expiry, never expiring being the longest", () => {
    const life = (a: number | null, b: number | null) =>
      diffCredentials(token({}, a), token({}, b)).lifetime.change;
    expect(life(DAY, 3600)).toBe("shorter");
    expect(life(DAY, null)).toBe("longer");
    expect(life(null, null)).toBe("same");
    expect(diffWords(diffCredentials(token({}, null), token({}, 3600)))).toBe(
      "lifetime never expires → 1 h (shorter)",
    );
    const then = { ...token({}), expiresAt: "2026-01-02T00:00:00Z" };
    const now = { ...token({}), expiresAt: "2026-01-09T00:00:00Z" };
    expect(diffCredentials(then, now).expires).toEqual({
      before: "2026-01-02T00:00:00Z",
      after: "2026-01-09T00:00:00Z",
      change: "later",
    });
    expect(diffCredentials(token({}), now).expires).toBeUndefined();
  });

  it("diffs resolved targets when both sides have them", () => {
    const then = {
      ...token({ virtualClusters: [{ project: "p", virtualCluster: "*" }] }),
      targets: ["virtualcluster:p/a", "virtualcluster:p/b"],
    };
    const now = { ...then, targets: ["virtualcluster:p/b", "virtualcluster:p/c"] };
    const diff = diffCredentials(then, now);
    expect(diff.resolved).toEqual({
      added: ["virtualcluster:p/c"],
      gone: ["virtualcluster:p/a"],
      unchanged: ["virtualcluster:p/b"],
      truncated: false,
    });
    expect(diffWords(diff)).toBe(
      "now reaches virtual cluster p/c; no longer reaches virtual cluster p/a",
    );
    expect(diffCredentials(then, token(then.scope)).resolved).toBeUndefined();
  });
});
