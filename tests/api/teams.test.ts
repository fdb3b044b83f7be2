import fs from "node:fs";
import Database from "better-sqlite3";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readTokenAudit } from "@/lib/local-platform";
import { closeDirect, direct, issueToken } from "@/tests/support/direct";
import { createKey, tokenRequest } from "@/tests/support/keys";
import { API_PREFIX, startTestPlatform, type TestPlatform } from "@/tests/support/platform";

/**
 * A team and a user of the same name (`ops`): the local platform serves team keys as a current
 * platform does, and never takes team `ops` for user `ops` (or the other way round).
 */
const v1 = "management.loft.sh/v1";
const KEYS = `${API_PREFIX}/ownedaccesskeys`;
const TEAMS = `${API_PREFIX}/teams`;
const SELVES = `${API_PREFIX}/selves`;
const TOKENS = `${API_PREFIX}/directclusterendpointtokens`;
const TEAM_VC = "/kubernetes/project/team-ops/virtualcluster/ops-vc";
const USER_VC = "/kubernetes/project/user-ops/virtualcluster/user-vc";
const MERGE = "application/merge-patch+json";
const names = (body: { items: Array<{ metadata: { name: string } }> }) =>
  body.items.map((i) => i.metadata.name);
const loftClaim = (token: string) => decodeJwt(token)["loft.sh"] as Record<string, unknown>;

let t: TestPlatform;
let userKey: string;
let teamKey: string;
let userUid: string;
let teamUid: string;

async function create(path: string, kind: string, name: string, spec: unknown = {}) {
  const res = await t.call("POST", `${API_PREFIX}${path}`, {
    body: { apiVersion: v1, kind, metadata: { name }, spec },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

beforeAll(async () => {
  t = await startTestPlatform();
  userUid = (await create("/users", "User", "ops", { displayName: "Ops Person" })).metadata.uid;
  teamUid = (
    await create("/teams", "Team", "ops", {
      displayName: "Operations",
      description: "The on-call team",
      users: ["alice"],
    })
  ).metadata.uid;
  await create("/projects", "Project", "team-ops", { members: [{ kind: "Team", name: "ops" }] });
  await create("/projects", "Project", "user-ops", { members: [{ kind: "User", name: "ops" }] });
  await create(
    "/namespaces/p-team-ops/virtualclusterinstances",
    "VirtualClusterInstance",
    "ops-vc",
  );
  await create(
    "/namespaces/p-user-ops/virtualclusterinstances",
    "VirtualClusterInstance",
    "user-vc",
  );
  userKey = await createKey(t, { user: "ops" }, { name: "ops-user-key" });
  teamKey = await createKey(t, { team: "ops" }, { name: "ops-team-key" });
});
afterAll(async () => {
  closeDirect(t);
  await t.close();
});

describe("the teams resource", () => {
  it("is in discovery, with create, delete, get and list", async () => {
    const list = await t.call("GET", "/kubernetes/management/apis/management.loft.sh/v1");
    const teams = list.body.resources.find((r: { name: string }) => r.name === "teams");
    expect(teams).toMatchObject({
      kind: "Team",
      singularName: "team",
      namespaced: false,
      verbs: ["create", "delete", "get", "list"],
    });
  });

  it("an admin creates, reads and lists teams; the team's own key reads only its team", async () => {
    const got = await t.call("GET", `${TEAMS}/ops`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({
      apiVersion: v1,
      kind: "Team",
      metadata: { name: "ops", uid: teamUid },
      spec: { displayName: "Operations", description: "The on-call team", users: ["alice"] },
    });
    expect(teamUid).not.toBe(userUid);
    expect(names((await t.call("GET", TEAMS)).body)).toEqual(["ops"]);

    expect((await t.call("GET", `${TEAMS}/ops`, { key: teamKey })).body).toEqual(got.body);
    expect(names((await t.call("GET", TEAMS, { key: teamKey })).body)).toEqual(["ops"]);
    await create("/teams", "Team", "other");
    expect((await t.call("GET", `${TEAMS}/other`, { key: teamKey })).status).toBe(403);
    expect(names((await t.call("GET", TEAMS, { key: teamKey })).body)).toEqual(["ops"]);
    expect((await t.call("DELETE", `${TEAMS}/other`)).status).toBe(200);
  });

  it("a user (even one named like the team) may not read, list, create or delete teams", async () => {
    const get = await t.call("GET", `${TEAMS}/ops`, { key: userKey });
    expect(get.status).toBe(403);
    expect(get.body.message).toBe(
      'teams.management.loft.sh "ops" is forbidden: User "ops" cannot get resource "teams" in API group "management.loft.sh" at the cluster scope',
    );
    expect((await t.call("GET", TEAMS, { key: userKey })).status).toBe(403);
    const body = { apiVersion: v1, kind: "Team", metadata: { name: "mine" } };
    expect((await t.call("POST", TEAMS, { key: userKey, body })).status).toBe(403);
    expect((await t.call("POST", TEAMS, { key: teamKey, body })).status).toBe(403);
    expect((await t.call("DELETE", `${TEAMS}/ops`, { key: userKey })).status).toBe(403);
    expect((await t.call("DELETE", `${TEAMS}/ops`, { key: teamKey })).status).toBe(403);
  });

  it("validates the spec: users are DNS labels, unknown fields are 422", async () => {
    const res = await t.call("POST", TEAMS, {
      body: {
        apiVersion: v1,
        kind: "Team",
        metadata: { name: "bad" },
        spec: { users: ["Not A Label"], tokenGeneration: 1 },
      },
    });
    expect(res.status).toBe(422);
    const fields = res.body.details.causes.map((c: { field: string }) => c.field);
    expect(fields).toEqual(expect.arrayContaining(["spec.users[0]", "spec.tokenGeneration"]));
  });
});

describe("selves", () => {
  it("answers the user for the user's key and the team for the team's key", async () => {
    const user = await t.call("POST", SELVES, { key: userKey, body: {} });
    expect(user.status).toBe(201);
    expect(user.body.status).toMatchObject({
      user: { name: "ops", displayName: "Ops Person" },
      subject: "ops",
      uid: userUid,
      accessKey: "ops-user-key",
    });
    expect(user.body.status.team).toBeUndefined();

    const team = await t.call("POST", SELVES, { key: teamKey, body: {} });
    expect(team.status).toBe(201);
    // SelfStatus.user is an omitempty pointer: a team's key has no user.
    expect(team.body.status.user).toBeUndefined();
    expect(team.body.status).toEqual({
      team: { name: "ops", displayName: "Operations", subject: "ops" },
      subject: "ops",
      uid: teamUid,
      accessKey: "ops-team-key",
      projectNamespacePrefix: "p-",
    });
  });
});

describe("users/ops belongs to the user, never to the team", () => {
  it("the team's key may not read, list or change users/ops", async () => {
    const get = await t.call("GET", `${API_PREFIX}/users/ops`, { key: teamKey });
    expect(get.status).toBe(403);
    expect(get.body.message).toContain('Team "ops" cannot get resource "users"');
    const patch = await t.call("PATCH", `${API_PREFIX}/users/ops`, {
      key: teamKey,
      body: { spec: { tokenGeneration: 1 } },
      headers: { "content-type": MERGE },
    });
    expect(patch.status).toBe(403);
    expect(patch.body.message).toContain('Team "ops" cannot patch resource "users"');
    const current = (await t.call("GET", `${API_PREFIX}/users/ops`)).body;
    const put = await t.call("PUT", `${API_PREFIX}/users/ops`, { key: teamKey, body: current });
    expect(put.status).toBe(403);
    expect((await t.call("GET", `${API_PREFIX}/users`, { key: teamKey })).status).toBe(403);
    // Nothing changed.
    expect((await t.call("GET", `${API_PREFIX}/users/ops`)).body).toEqual(current);
  });

  it("the user's own key still reads it", async () => {
    expect((await t.call("GET", `${API_PREFIX}/users/ops`, { key: userKey })).status).toBe(200);
    expect(names((await t.call("GET", `${API_PREFIX}/users`, { key: userKey })).body)).toEqual([
      "ops",
    ]);
  });
});

describe("access keys of user ops and team ops", () => {
  it("each sees only its own keys", async () => {
    expect(names((await t.call("GET", KEYS, { key: userKey })).body)).toEqual(["ops-user-key"]);
    expect(names((await t.call("GET", KEYS, { key: teamKey })).body)).toEqual(["ops-team-key"]);
    for (const [key, other] of [
      [teamKey, "ops-user-key"],
      [userKey, "ops-team-key"],
    ] as const) {
      expect((await t.call("GET", `${KEYS}/${other}`, { key })).status).toBe(404);
      expect((await t.call("DELETE", `${KEYS}/${other}`, { key })).status).toBe(404);
    }
    expect((await t.call("GET", `${KEYS}/ops-team-key`)).body.spec).toEqual({ team: "ops" });
    expect((await t.call("GET", `${KEYS}/ops-user-key`)).body.spec).toEqual({ user: "ops" });
  });

  it("a team's key creates keys for its own team only", async () => {
    const key = (spec: Record<string, unknown>, name: string) => ({
      apiVersion: v1,
      kind: "OwnedAccessKey",
      metadata: { name },
      spec,
    });
    const own = await t.call("POST", KEYS, { key: teamKey, body: key({}, "ops-team-ci") });
    expect(own.status).toBe(201);
    expect(own.body.spec).toMatchObject({ team: "ops" });
    expect(own.body.spec.user).toBeUndefined();
    const self = await t.call("POST", SELVES, { key: own.body.spec.key, body: {} });
    expect(self.body.status.team.name).toBe("ops");

    for (const [as, spec] of [
      [teamKey, { user: "ops" }],
      [userKey, { team: "ops" }],
    ] as const) {
      const res = await t.call("POST", KEYS, { key: as, body: key(spec, "sneaky") });
      expect(res.status).toBe(403);
    }
    const both = await t.call("POST", KEYS, { body: key({ user: "ops", team: "ops" }, "both") });
    expect(both.status).toBe(422);
    expect(both.body.details.causes).toContainEqual(
      expect.objectContaining({ field: "spec.team", reason: "FieldValueInvalid" }),
    );
    const missing = await t.call("POST", KEYS, { body: key({ team: "nobody" }, "ghost") });
    expect(missing.status).toBe(404);

    expect(names((await t.call("GET", KEYS, { key: teamKey })).body)).toEqual([
      "ops-team-ci",
      "ops-team-key",
    ]);
    expect(names((await t.call("GET", KEYS, { key: userKey })).body)).toEqual(["ops-user-key"]);
    expect((await t.call("DELETE", `${KEYS}/ops-team-ci`, { key: teamKey })).status).toBe(200);
  });
});

describe("project membership by owner id", () => {
  it("the team's project is the team's, not user ops's, and the other way round", async () => {
    const projects = `${API_PREFIX}/projects`;
    expect(names((await t.call("GET", projects, { key: teamKey })).body)).toEqual(["team-ops"]);
    expect(names((await t.call("GET", projects, { key: userKey })).body)).toEqual(["user-ops"]);
    expect((await t.call("GET", `${projects}/team-ops`, { key: teamKey })).status).toBe(200);
    expect((await t.call("GET", `${projects}/team-ops`, { key: userKey })).status).toBe(403);
    const other = await t.call("GET", `${projects}/user-ops`, { key: teamKey });
    expect(other.status).toBe(403);
    expect(other.body.message).toContain('Team "ops" cannot get resource "projects"');
    expect((await t.call("GET", `${projects}/team-ops/clusters`, { key: teamKey })).status).toBe(
      200,
    );
    expect((await t.call("GET", `${projects}/team-ops/clusters`, { key: userKey })).status).toBe(
      403,
    );
  });

  it("instances: each lists only its own project's", async () => {
    const all = `${API_PREFIX}/virtualclusterinstances?extended=true`;
    const team = await t.call("GET", all, { key: teamKey });
    expect(names(team.body)).toEqual(["ops-vc"]);
    expect(team.body.items[0].status).toMatchObject({ canUse: true, canUpdate: true });
    expect(names((await t.call("GET", all, { key: userKey })).body)).toEqual(["user-vc"]);
    const ns = (p: string) => `${API_PREFIX}/namespaces/p-${p}/virtualclusterinstances`;
    expect(names((await t.call("GET", ns("team-ops"), { key: teamKey })).body)).toEqual(["ops-vc"]);
    expect((await t.call("GET", ns("team-ops"), { key: userKey })).status).toBe(403);
    const refused = await t.call("GET", ns("user-ops"), { key: teamKey });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('Team "ops" cannot list');
  });
});

describe("tokens of team ops", () => {
  it("carry kind Team, the team's name and uid, and no gen; the audit row names team:ops", async () => {
    const res = await t.call("POST", TOKENS, { key: teamKey, body: tokenRequest() });
    expect(res.status).toBe(201);
    const token = res.body.status.token as string;
    const claims = decodeJwt(token);
    expect(claims.sub).toBe("ops");
    expect(claims["loft.sh"]).toEqual({ uid: teamUid, name: "ops", kind: "Team" });

    const user = await issueToken(t, {}, userKey);
    expect(loftClaim(user)).toMatchObject({ uid: userUid, name: "ops", kind: "User" });

    const audit = readTokenAudit(t.dataDir);
    expect(audit.find((r) => r.jti === claims.jti)?.user).toBe("team:ops");
    expect(audit.find((r) => r.jti === decodeJwt(user).jti)?.user).toBe("ops");
  });

  it("a team names only its own projects in a token's scope", async () => {
    const ok = await t.call("POST", TOKENS, {
      key: teamKey,
      body: tokenRequest({ scope: { projects: [{ project: "team-ops" }] } }),
    });
    expect(ok.status).toBe(201);
    const denied = await t.call("POST", TOKENS, {
      key: teamKey,
      body: tokenRequest({ scope: { projects: [{ project: "user-ops" }] } }),
    });
    expect(denied.status).toBe(403);
    expect(denied.body.message).toContain(
      'Team "ops" is not a member of project "user-ops" (spec.scope.projects[0].project)',
    );
    const userDenied = await t.call("POST", TOKENS, {
      key: userKey,
      body: tokenRequest({ scope: { projects: [{ project: "team-ops" }] } }),
    });
    expect(userDenied.status).toBe(403);
    expect(userDenied.body.message).toContain('User "ops" is not a member of project "team-ops"');
  });

  it("reach the team's project at the direct endpoint; user ops's tokens do not", async () => {
    const team = await issueToken(t, {}, teamKey);
    const user = await issueToken(t, {}, userKey);
    expect((await direct(t, team, "GET", `${TEAM_VC}/version`)).status).toBe(200);
    expect((await direct(t, team, "GET", `${TEAM_VC}/api/v1/namespaces`)).status).toBe(200);
    const teamElsewhere = await direct(t, team, "GET", `${USER_VC}/version`);
    expect(teamElsewhere.status).toBe(403);
    expect(teamElsewhere.body.message).toContain('Team "ops" cannot use virtual cluster user-vc');
    expect((await direct(t, team, "GET", "/kubernetes/cluster/version")).status).toBe(403);

    const userThere = await direct(t, user, "GET", `${TEAM_VC}/version`);
    expect(userThere.status).toBe(403);
    expect(userThere.body.message).toContain('User "ops" cannot use virtual cluster ops-vc');
    expect((await direct(t, user, "GET", `${USER_VC}/version`)).status).toBe(200);
  });

  it("raising user ops's token generation does not touch the team's tokens", async () => {
    const team = await issueToken(t, {}, teamKey);
    const before = await issueToken(t, {}, userKey);
    const raised = await t.call("PATCH", `${API_PREFIX}/users/ops`, {
      key: userKey,
      body: { spec: { tokenGeneration: 1 } },
      headers: { "content-type": MERGE },
    });
    expect(raised.status).toBe(200);
    expect((await direct(t, before, "GET", `${USER_VC}/version`)).status).toBe(401);
    expect((await direct(t, team, "GET", `${TEAM_VC}/version`)).status).toBe(200);
    expect(loftClaim(await issueToken(t, {}, teamKey)).gen).toBeUndefined();
  });
});

describe("deleting team ops", () => {
  it("makes its tokens and keys 401, also once a team of that name exists again; user ops is untouched", async () => {
    const token = await issueToken(t, {}, teamKey);
    const userToken = await issueToken(t, {}, userKey);
    expect((await direct(t, token, "GET", `${TEAM_VC}/version`)).status).toBe(200);

    const deleted = await t.call("DELETE", `${TEAMS}/ops`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.metadata.uid).toBe(teamUid);
    expect((await t.call("GET", `${TEAMS}/ops`)).status).toBe(404);
    expect((await direct(t, token, "GET", `${TEAM_VC}/version`)).status).toBe(401);
    expect((await t.call("POST", SELVES, { key: teamKey, body: {} })).status).toBe(401);
    // Its keys went with it.
    expect((await t.call("GET", `${KEYS}/ops-team-key`)).status).toBe(404);

    const again = await create("/teams", "Team", "ops");
    expect(again.metadata.uid).not.toBe(teamUid);
    expect((await direct(t, token, "GET", `${TEAM_VC}/version`)).status).toBe(401);
    expect((await t.call("POST", SELVES, { key: teamKey, body: {} })).status).toBe(401);

    expect((await t.call("POST", SELVES, { key: userKey, body: {} })).body.status.user.name).toBe(
      "ops",
    );
    expect((await direct(t, userToken, "GET", `${USER_VC}/version`)).status).toBe(200);
  });
});

describe("a database from before teams", () => {
  it("gets membership rows for the Team members of its projects on its next start", async () => {
    const first = await startTestPlatform();
    const { dataDir, adminKey } = first;
    const post = (path: string, kind: string, name: string, spec: unknown = {}) =>
      first.call("POST", `${API_PREFIX}${path}`, {
        body: { apiVersion: v1, kind, metadata: { name }, spec },
      });
    expect((await post("/teams", "Team", "ops")).status).toBe(201);
    const members = [{ kind: "Team", name: "ops" }];
    expect((await post("/projects", "Project", "legacy", { members })).status).toBe(201);
    const key = await createKey(first, { team: "ops" });
    await first.close({ keepData: true });
    // As an older version stored it: no Team rows in `members`, nothing recorded about them.
    const db = new Database(`${dataDir}/platform.db`);
    db.prepare("DELETE FROM members WHERE user LIKE 'team:%'").run();
    db.prepare("DELETE FROM meta WHERE key = 'teamMembersIndexed'").run();
    db.close();

    const second = await startTestPlatform({ dataDir, adminKey });
    try {
      const projects = await second.call("GET", `${API_PREFIX}/projects`, { key });
      expect(names(projects.body)).toEqual(["legacy"]);
    } finally {
      await second.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
