import { signOut } from "@/app/(auth)/sign-in/actions";

export function SignOutButton() {
  return (
    <form action={signOut}>
      <button type="submit" className="rounded-md px-2 py-1 underline-offset-4 hover:underline">
        Sign out
      </button>
    </form>
  );
}
