import "server-only";
import {
  PAGE_SIZE,
  matchItems,
  toPickerItem,
  type PickerItem,
  type PickerPage,
} from "@/lib/scope-builder/picker-items";
import { statusResponse } from "@/lib/route-handlers";
import { MAX_PROJECTS } from "@/lib/kubeconfig/source";
import { accessKeyHash } from "@/lib/management/client";
import { ManagementError } from "@/lib/management/errors";
import { clustersViaProjects, readAllPages } from "@/lib/management/lists";
import {
  listClusters,
  type Cluster,
  type Instance,
  type List,
  type ListQuery,
  type Project,
} from "@/lib/management/resources";

/**
 * The picker routes' answers (app/api/projects, app/api/clusters,
 * app/api/projects/[project]/[kind]). The management API is a Kubernetes-style API: it pages with `limit`/`continue` and filters only by label and
 * `metadata.name`/`metadata.namespace` field selectors; no public source shows it searching by text.
 * So without search text a picker page is the platform's own page, and with search text the
 * dashboard's server pages through the platform's whole list once, keeps it briefly per user, and
 * filters by name and display name itself.
 */

type Listed = Project | Instance | Cluster;
export type FetchPage = (q: ListQuery) => Promise<List<Listed>>;

/** How long a fetched list answers searches (keystrokes, "load more") before it is fetched again. */
const CACHE_MS = 20_000;
/**
 * A search that matches nothing in a list read longer ago than this reads the list again (at most
 * once a second per user and list): a project or virtual cluster created a moment ago is found.
 */
const MISS_REFRESH_MS = 1_000;
const MAX_CACHED_LISTS = 200;
type Entry = { at: number; items: Promise<PickerItem[]> };
const cache = new Map<string, Entry>();

/** One cache slot per access key (hashed, never kept in the clear) and list. */
function cacheKey(accessKey: string, list: string) {
  return `${accessKeyHash(accessKey)}:${list}`;
}

/** Every page of a platform list (at most 100,000 items), as picker items. */
const readAllItems = (fetchPage: FetchPage): Promise<PickerItem[]> =>
  readAllPages(fetchPage).then(({ items }) => items.map(toPickerItem));

/**
 * The whole list for this user, from the short cache when read less than `maxAgeMs` ago, else
 * fetched once (concurrent callers share it).
 */
function cachedList(
  accessKey: string,
  list: string,
  load: () => Promise<PickerItem[]>,
  maxAgeMs = CACHE_MS,
): Promise<PickerItem[]> {
  const key = cacheKey(accessKey, list);
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && now - hit.at < maxAgeMs) return hit.items;
  const entry: Entry = { at: now, items: Promise.resolve([]) };
  entry.items = load().catch((error: unknown) => {
    if (cache.get(key) === entry) cache.delete(key);
    throw error;
  });
  cache.delete(key);
  cache.set(key, entry);
  while (cache.size > MAX_CACHED_LISTS) cache.delete(cache.keys().next().value!);
  return entry.items;
}

/** Forgets every cached list (tests). */
export function clearPickerCache() {
  cache.clear();
}

/** `search` (at most 100 characters) and the page position from a picker route's query. */
function readPickerQuery(request: Request): { term: string; continue?: string } {
  const params = new URL(request.url).searchParams;
  return {
    term: (params.get("search") ?? "").trim().slice(0, 100),
    continue: params.get("continue") || undefined,
  };
}

/** Our own position in a filtered list: `o<offset>`. */
const OFFSET = /^o(\d{1,7})$/;

function pickerJson(page: PickerPage): Response {
  return Response.json(page, { headers: { "cache-control": "private, no-cache" } });
}

/** A page of `items` from `offset` (our own `continue` key). */
function pageOf(items: readonly PickerItem[], offset: number): PickerPage {
  const slice = items.slice(offset, offset + PAGE_SIZE);
  const end = offset + slice.length;
  const page: PickerPage = { items: slice, remaining: items.length - end };
  if (end < items.length) page.continue = `o${end}`;
  return page;
}

/**
 * Answers a picker route. Without search text: the platform's own page (and the whole list is
 * fetched in the background when it has more pages, so the first keystroke finds it ready). With
 * search text: the cached whole list, filtered here (read again first when it matches nothing and
 * is older than MISS_REFRESH_MS).
 */
export async function pickerList(options: {
  request: Request;
  accessKey: string;
  /** Identifies the list in the cache, e.g. `virtualclusterinstances:p-demo`. */
  list: string;
  fetchPage: FetchPage;
  /** How to read the whole list when it is not one paged list (e.g. clusters for a user). */
  loadAll?: () => Promise<PickerItem[]>;
}): Promise<Response> {
  const { term, continue: cont } = readPickerQuery(options.request);
  const loadAll = options.loadAll ?? (() => readAllItems(options.fetchPage));
  const whole = (maxAgeMs?: number) =>
    cachedList(options.accessKey, options.list, loadAll, maxAgeMs);

  if (term || options.loadAll || (cont && OFFSET.test(cont))) {
    let offset = 0;
    if (cont) {
      const match = OFFSET.exec(cont);
      if (!match) return statusResponse(400, "BadRequest", "continue key is not valid");
      offset = Number(match[1]);
    }
    let matched = matchItems(await whole(), term);
    if (term && offset === 0 && matched.length === 0) {
      matched = matchItems(await whole(MISS_REFRESH_MS), term);
    }
    return pickerJson(pageOf(matched, offset));
  }

  const list = await options.fetchPage({ limit: PAGE_SIZE, continue: cont });
  const items = (list.items ?? []).map(toPickerItem);
  const next = list.metadata?.continue || undefined;
  if (!next && items.length > PAGE_SIZE) {
    // The platform ignored `limit`: page its whole answer ourselves.
    return pickerJson(pageOf(items, 0));
  }
  if (next && !cont) void whole().catch(() => {}); // warm the cache for the first keystroke
  const page: PickerPage = { items };
  if (next) page.continue = next;
  if (list.metadata?.remainingItemCount !== undefined)
    page.remaining = list.metadata.remainingItemCount;
  else if (!next) page.remaining = 0;
  return pickerJson(page);
}

/** Users (by key hash) whose cluster-wide list was refused lately: they go straight to the fallback. */
const clustersRefused = new Map<string, number>();
const REFUSED_MS = 5 * 60_000;

/**
 * Clusters for the Clusters picker. The cluster-wide list needs cluster rights; a user without them
 * gets 403 and the official CLI reads `projects/<project>/clusters` instead, so this does too, for
 * each of the user's projects (at most MAX_PROJECTS, one request each), merging by name. A refused
 * user goes straight to that fallback for REFUSED_MS.
 */
export async function clustersPickerList(request: Request, accessKey: string): Promise<Response> {
  const who = accessKeyHash(accessKey);
  const since = clustersRefused.get(who);
  if (since === undefined || Date.now() - since > REFUSED_MS) {
    try {
      return await pickerList({
        request,
        accessKey,
        list: "clusters",
        fetchPage: (q) => listClusters(accessKey, q),
      });
    } catch (error) {
      if (!(error instanceof ManagementError) || error.code !== 403) throw error;
      if (clustersRefused.size > 10_000) clustersRefused.clear();
      clustersRefused.set(who, Date.now());
    }
  }
  return pickerList({
    request,
    accessKey,
    list: "clusters:by-project",
    fetchPage: (q) => listClusters(accessKey, q),
    loadAll: async () =>
      (await clustersViaProjects(accessKey, MAX_PROJECTS)).clusters.map(toPickerItem),
  });
}
