import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { visibleKeys, type KeysPageParams } from "@/lib/access-keys/filter";
import type { OwnKeys } from "@/lib/access-keys/list";
import { AccessKeyList, type KeyActions } from "./access-key-list";
import { ListRefused } from "./list-refused";
import { SignInKeysFilter } from "./sign-in-keys-filter";

const linkClass = "underline underline-offset-4 hover:no-underline";
/** The builder, issuing an access key. */
const CREATE_HREF = "/tokens/new?credential=accesskey";

function Empty({ children }: { children: React.ReactNode }) {
  return (
    <div className="space-y-2 rounded-lg border border-dashed border-zinc-300 p-6 text-center dark:border-zinc-700">
      {children}
    </div>
  );
}

/**
 * The Access keys page: your keys as the platform lists them to your own key, the sign-in keys
 * behind a filter, or why the platform would not list them.
 */
export function AccessKeysView({
  own,
  params,
  actions,
}: {
  own: OwnKeys;
  params: KeysPageParams;
  actions: KeyActions;
}) {
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">Access keys</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Your access keys on the platform, read with the key you signed in with. Scoped keys for CI
          jobs and scripts are made in the builder. Their secrets are never shown here: the platform
          shows a key&apos;s secret once, when it is created.
        </p>
        <p className="text-sm">
          <Link href={CREATE_HREF} className={linkClass}>
            Create an access key
          </Link>
        </p>
      </div>
      {own.state === "refused" ? (
        <ListRefused request={own.request} error={own.error} />
      ) : (
        <Listed own={own} params={params} actions={actions} />
      )}
    </div>
  );
}

function Listed({
  own,
  params,
  actions,
}: {
  own: Extract<OwnKeys, { state: "listed" }>;
  params: KeysPageParams;
  actions: KeyActions;
}) {
  const { shown, hidden, signInKeys } = visibleKeys(own.keys, params, own.currentName);
  if (own.keys.length === 0)
    return (
      <Empty>
        <p>You have no access keys yet.</p>
        <Link href={CREATE_HREF} className={`text-sm ${linkClass}`}>
          Create an access key in the builder
        </Link>
      </Empty>
    );
  return (
    <div className="space-y-4">
      {signInKeys > 0 || params.showAll ? (
        <SignInKeysFilter showAll={params.showAll} count={signInKeys} />
      ) : null}
      {own.truncated ? (
        <Alert tone="warning">
          You have more keys than this page reads; the newest it read are listed.
        </Alert>
      ) : null}
      {shown.length === 0 ? (
        <Empty>
          <p>
            You have only sign-in and reset keys ({hidden}), which the platform made itself. Show
            them with the filter above, or create an access key of your own.
          </p>
          <Link href={CREATE_HREF} className={`text-sm ${linkClass}`}>
            Create an access key in the builder
          </Link>
        </Empty>
      ) : (
        <AccessKeyList
          keys={shown}
          activityTracked={own.activityTracked}
          serverNow={own.readAt}
          actions={actions}
        />
      )}
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        {shown.length} of your {own.keys.length} {own.keys.length === 1 ? "key" : "keys"} shown
        {hidden > 0 ? `; ${hidden} sign-in and reset ${hidden === 1 ? "key" : "keys"} hidden` : ""}.
      </p>
    </div>
  );
}
