import { isServer, QueryClient } from "@tanstack/react-query";

/**
 * The dashboard's react-query client and the browser's JSON requests to the dashboard's own
 * routes (`/api/*`). The management API has its own HTTP client, lib/management/client.ts.
 */

/** How long an answer is used as it is before it is asked for again (the queries' default). */
export const STALE_MS = 30_000;

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: STALE_MS,
        gcTime: 5 * 60_000,
        refetchOnWindowFocus: false,
        retry: (failures, error) =>
          failures < 2 &&
          !(error instanceof HttpError && error.status < 500 && error.status !== 429),
      },
    },
  });
}

let browserClient: QueryClient | undefined;

/** A new client per server request; one shared client in the browser (TanStack's app-router example). */
export function getQueryClient() {
  if (isServer) return makeQueryClient();
  browserClient ??= makeQueryClient();
  return browserClient;
}

/** A failed JSON read from the dashboard's own API, with the Status message when there is one. */
export class HttpError extends Error {
  override name = "HttpError";
  constructor(
    message: string,
    readonly status: number,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  return requestJson<T>(url, { signal });
}

/** POSTs `body` as JSON to one of the dashboard's own routes. */
export function postJson<T>(url: string, body: unknown, signal?: AbortSignal): Promise<T> {
  return requestJson<T>(url, { method: "POST", body: JSON.stringify(body), signal });
}

/** A JSON request to the dashboard's own API; failures become an HttpError with the Status message. */
async function requestJson<T>(
  url: string,
  init: { method?: "POST"; body?: string; signal?: AbortSignal },
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      headers: {
        accept: "application/json",
        ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
      },
      credentials: "same-origin",
    });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new HttpError(
      "Could not reach the dashboard server. Check your connection and try again.",
      0,
      true,
    );
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const message =
      typeof body === "object" && body && "message" in body
        ? String((body as { message: unknown }).message)
        : `The server answered HTTP ${response.status}.`;
    throw new HttpError(
      message,
      response.status,
      response.status >= 500 || response.status === 429,
    );
  }
  return body as T;
}
