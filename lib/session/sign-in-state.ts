/** What the sign-in action answers the form: nothing yet, or why the key was not accepted. */
export type SignInState = { error?: string; field?: "accessKey" } | undefined;

/** The sign-in server action (app/(auth)/sign-in/actions.ts), as the form calls it. */
export type SignInAction = (previous: SignInState, form: FormData) => Promise<SignInState>;
