import { queryOptions } from "@tanstack/react-query";
import type { JSONWebKeySet } from "jose";
import { getJson } from "@/lib/query-client";

/** The configured platform's public signing keys (GET /api/jwks), for verifying tokens in the browser. */
export const jwksQuery = () =>
  queryOptions({
    queryKey: ["jwks"],
    queryFn: ({ signal }) => getJson<JSONWebKeySet>("/api/jwks", signal),
    staleTime: 5 * 60_000,
  });
