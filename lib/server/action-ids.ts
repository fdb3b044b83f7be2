import fs from "node:fs";
import path from "node:path";

/*
 * Which server action a request posts, told by its `Next-Action` id. Next.js has no public interface
 * for an action's id: the build lists them in a private manifest, read here. `next` is therefore
 * pinned to one exact version in package.json, and the e2e suite checks this reading against the
 * real build (security-review.spec.ts), so an update that changes the manifest fails the tests
 * instead of quietly narrowing the hard sign-in throttle.
 */

/** The version whose manifest format this reading was checked against (package.json pins it). */
export const PINNED_NEXT = "16.4.6";

/** The build's private list of server actions, relative to the app's folder. */
export const SERVER_REFERENCE_MANIFEST = ".next/server/server-reference-manifest.json";

type Manifest = { node?: Record<string, { filename?: string; exportedName?: string }> };

/** Ids of one exported server action in the build, or undefined when the manifest does not name it. */
export function actionIds(
  root: string,
  filename: string,
  exportedName: string,
): Set<string> | undefined {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(
      fs.readFileSync(path.join(root, SERVER_REFERENCE_MANIFEST), "utf8"),
    ) as Manifest;
  } catch {
    return undefined;
  }
  const ids = Object.entries(manifest.node ?? {})
    .filter(([, a]) => a.filename === filename && a.exportedName === exportedName)
    .map(([id]) => id);
  return ids.length ? new Set(ids) : undefined;
}

/** The sign-in action's ids: the one action a signed-out client can post. */
export const signInActionIds = (root: string) =>
  actionIds(root, "app/(auth)/sign-in/actions.ts", "signIn");
