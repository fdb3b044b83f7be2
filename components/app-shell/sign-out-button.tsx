/** The sign-out server actions (app/(auth)/sign-in/actions.ts), handed down by the layouts. */
export interface SignOutActions {
  signOut: () => Promise<void>;
  signOutEverywhere: () => Promise<void>;
}

export function SignOutButton({ signOut, signOutEverywhere }: SignOutActions) {
  return (
    <div className="flex items-center gap-1">
      <form action={signOut}>
        <button
          type="submit"
          className="rounded-md px-2 py-1 whitespace-nowrap underline-offset-4 hover:underline"
        >
          Sign out
        </button>
      </form>
      <form action={signOutEverywhere}>
        <button
          type="submit"
          title="Ends your sessions in every browser, this one included"
          className="rounded-md px-2 py-1 underline-offset-4 hover:underline"
        >
          Sign out everywhere
        </button>
      </form>
    </div>
  );
}
