import type { Metadata } from "next";
import { AccessKeysView } from "@/components/access-keys/access-keys-view";
import { keysHref, readKeysParams } from "@/lib/access-keys/filter";
import { readOwnAccessKeys } from "@/lib/access-keys/list";
import { requireSession } from "@/lib/session/require";
import { deleteAccessKey, setAccessKeyDisabled } from "./actions";

export const metadata: Metadata = { title: "Access keys" };

/** The signed-in principal's own access keys, read from the platform with their own key. */
export default async function AccessKeysPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = readKeysParams(await searchParams);
  const session = await requireSession(keysHref(params));
  const own = await readOwnAccessKeys(session);
  return (
    <AccessKeysView
      own={own}
      params={params}
      actions={{ setDisabled: setAccessKeyDisabled, remove: deleteAccessKey }}
    />
  );
}
