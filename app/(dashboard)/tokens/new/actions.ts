"use server";

import { createAccessKeyFor, issueTokenFor } from "@/lib/issuing/issue";
import { withSession } from "@/lib/session/with-session";

/** Issues a Direct Cluster Endpoint Token from the builder (lib/issuing/issue.ts). */
export const issueToken = withSession(issueTokenFor);

/** Creates an access key from the builder (lib/issuing/issue.ts). */
export const createAccessKey = withSession(createAccessKeyFor);
