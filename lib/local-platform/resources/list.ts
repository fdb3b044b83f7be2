import { API_VERSION } from "@/lib/scope/constants";
import { parseFieldSelector, parseLabelSelector, SelectorError } from "../selector";
import type { ListPage, ListQuery } from "../store";
import { badRequest } from "../status";
import type { Ctx, Reply, Resource } from "./types";

/** Reads query parameters of a list: limit, continue, labelSelector, fieldSelector, search. */
export function parseListQuery(ctx: Ctx, resource: Resource): ListQuery {
  const p = ctx.url.searchParams;
  const q: ListQuery = { labels: [], fields: [] };
  try {
    q.labels = parseLabelSelector(p.get("labelSelector") ?? "");
    q.fields = parseFieldSelector(p.get("fieldSelector") ?? "");
  } catch (error) {
    if (error instanceof SelectorError)
      throw badRequest(`unable to parse requirement: ${error.message}`);
    throw error;
  }
  const limit = p.get("limit");
  if (limit !== null && limit !== "") {
    if (!/^\d{1,9}$/.test(limit))
      throw badRequest(`limit must be a non-negative integer (got "${limit.slice(0, 20)}")`);
    q.limit = Number(limit);
  }
  const search = p.get("search");
  if (search) {
    if (search.length > 253) throw badRequest("search must be at most 253 characters");
    q.search = search;
  }
  const token = p.get("continue");
  if (token) q.after = decodeContinue(token, resource.plural);
  if (ctx.namespace !== undefined) q.namespace = ctx.namespace;
  return q;
}

interface ContinueToken {
  v: 1;
  r: string;
  ns: string;
  n: string;
}

function encodeContinue(resource: string, after: { namespace: string; name: string }) {
  const token: ContinueToken = { v: 1, r: resource, ns: after.namespace, n: after.name };
  return Buffer.from(JSON.stringify(token)).toString("base64url");
}

function decodeContinue(token: string, resource: string) {
  const fail = () => badRequest("continue key is not valid");
  if (token.length > 2048 || !/^[A-Za-z0-9_-]+$/.test(token)) throw fail();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    throw fail();
  }
  const t = parsed as Partial<ContinueToken> | null;
  if (
    !t ||
    typeof t !== "object" ||
    t.v !== 1 ||
    t.r !== resource ||
    typeof t.ns !== "string" ||
    typeof t.n !== "string"
  ) {
    throw fail();
  }
  return { namespace: t.ns, name: t.n };
}

export function listReply(resource: Resource, page: ListPage): Reply {
  const metadata: Record<string, unknown> = { resourceVersion: page.resourceVersion };
  if (page.next) metadata.continue = encodeContinue(resource.plural, page.next);
  if (page.remainingItemCount !== undefined) metadata.remainingItemCount = page.remainingItemCount;
  return {
    code: 200,
    body: { kind: `${resource.kind}List`, apiVersion: API_VERSION, metadata, items: page.items },
  };
}
