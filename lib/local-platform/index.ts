import type { IncomingMessage, ServerResponse } from "node:http";
import type { Config } from "@/lib/config";

/** The embedded management.loft.sh/v1 platform served on the dashboard's own origin. */
export interface LocalPlatform {
  /** True when a request URL (path + query) belongs to the platform. */
  matches(url: string): boolean;
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Serving certificate for the HTTPS listener (LOCAL_PLATFORM_TLS_PORT). */
  tls: { key: string; cert: string };
  /** PEM of the CA that signed `tls.cert`; the dashboard trusts it like PLATFORM_CA_FILE. */
  caFile: string;
  kubeconfigPath: string;
  close(): void;
}

export async function startLocalPlatform(
  _config: Config,
  _options: { origin: string },
): Promise<LocalPlatform> {
  throw new Error("not implemented");
}
