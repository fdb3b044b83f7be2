/** A Kubernetes StatusCause as sent by the management API. */
export interface ApiCause {
  field?: string;
  reason?: string;
  message?: string;
}

/** One typed error for every failure talking to the management API (Status body, network, timeout). */
export class ManagementError extends Error {
  override name = "ManagementError";
  constructor(
    message: string,
    readonly code: number,
    readonly reason: string,
    readonly causes: ApiCause[] = [],
    /** True when trying again later may succeed (network, timeout, 5xx, 429). */
    readonly retryable = false,
  ) {
    super(message);
  }

  toJSON(): SerializedManagementError {
    return {
      message: this.message,
      code: this.code,
      reason: this.reason,
      causes: this.causes,
      retryable: this.retryable,
    };
  }
}

export interface SerializedManagementError {
  message: string;
  code: number;
  reason: string;
  causes: ApiCause[];
  retryable: boolean;
}

/** Reads a Kubernetes `Status` from an error response body, or describes what came instead. */
export function errorFromResponse(status: number, body: string, what: string): ManagementError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  const retryable = status >= 500 || status === 429;
  if (isStatus(parsed)) {
    const causes = Array.isArray(parsed.details?.causes)
      ? parsed.details.causes.filter((c): c is ApiCause => typeof c === "object" && c !== null)
      : [];
    return new ManagementError(
      String(parsed.message ?? `${what} failed`),
      typeof parsed.code === "number" ? parsed.code : status,
      String(parsed.reason ?? "Unknown"),
      causes,
      retryable,
    );
  }
  return new ManagementError(
    `${what} failed: the platform answered HTTP ${status} without a Kubernetes Status`,
    status,
    status >= 500 ? "InternalError" : "Unknown",
    [],
    retryable,
  );
}

interface StatusBody {
  kind: "Status";
  message?: unknown;
  reason?: unknown;
  code?: unknown;
  details?: { causes?: unknown[] };
}

function isStatus(value: unknown): value is StatusBody {
  return (
    typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "Status"
  );
}
