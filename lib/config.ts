import path from "node:path";
import * as z from "zod/mini";
import en from "zod/v4/locales/en.js";
import { parseNetwork, type Network } from "@/lib/server/client-address";

// zod/mini loads no locale of its own: without English, an issue its schema gives no message for
// (NODE_ENV not one of its values; in the shared lib/scope schemas, an object sent as a string)
// would read only "Invalid input". Set process-wide, as lib/local-platform/schemas.ts also does.
z.config(en());

/**
 * Every environment variable the product reads, parsed once. An invalid value, or settings that
 * cannot work together (no SESSION_SECRET beside PLATFORM_URL or DATABASE_URL, a default TTL above
 * the maximum), stops start-up with one line naming the variable (see `formatConfigError`; the server
 * exits in lib/server/main.ts). Empty strings count as unset.
 */
/** A string, `fallback` when unset. */
const stringOr = (fallback: string) => z._default(z.string(), fallback);

/** A non-empty string, `fallback` when unset. */
const nonEmptyOr = (fallback: string) => z._default(z.string().check(z.minLength(1)), fallback);

/** An http(s) URL, trailing slashes removed; `message` when it is not one. */
const baseUrl = (message: string) =>
  z.pipe(
    z.url({ protocol: /^https?$/, error: message }),
    z.transform((u) => u.replace(/\/+$/, "")),
  );

/** A comma-separated list, entries trimmed, empty ones dropped; `[]` when unset. */
const commaList = z.pipe(
  stringOr(""),
  z.transform((s) =>
    s
      .split(",")
      .map((v) => v.trim())
      .filter(Boolean),
  ),
);

/** A whole number within bounds, given as a string; `fallback` when unset. */
const int = (fallback: number, min: number, max: number, what: string) =>
  z.pipe(
    stringOr(String(fallback)),
    z
      .pipe(
        z.string().check(z.regex(/^\d+$/, `must be a whole number ${what}`)),
        z.transform(Number),
      )
      .check(z.refine((n) => n >= min && n <= max, `must be between ${min} and ${max}`)),
  );

const port = (fallback: number) => int(fallback, 1, 65535, "between 1 and 65535");

const bool = z.pipe(
  z.enum(["true", "false", "1", "0", "yes", "no"], { error: "must be true or false" }),
  z.transform((v) => v === "true" || v === "1" || v === "yes"),
);

/**
 * TRUSTED_PROXIES: comma-separated IPv4/IPv6 networks (`10.0.0.0/8`, `fd00::/8`; a single address is
 * a /32 or /128) whose X-Forwarded-For is believed (lib/server/client-address.ts). Unset: none.
 */
const networks = z.pipe(
  stringOr(""),
  z.transform((text, ctx): Network[] => {
    const entries = text
      .split(",")
      .map((e) => e.trim())
      .filter(Boolean);
    const parsed: Network[] = [];
    for (const entry of entries) {
      const network = parseNetwork(entry);
      if (network) parsed.push(network);
      else {
        ctx.issues.push({
          code: "custom",
          input: text,
          message: `must be a comma-separated list of IPv4 or IPv6 addresses or CIDR ranges such as 10.0.0.0/8, 127.0.0.1 or fd00::/8: ${JSON.stringify(entry.slice(0, 60))} is not one`,
        });
        return z.NEVER;
      }
    }
    return parsed;
  }),
);

/**
 * CONSOLE_ADMINS: who administers the console, comma-separated `user:NAME` / `team:NAME` (the
 * principal keys of lib/session/principal.ts). Unset: the local platform's `admin` user with no
 * PLATFORM_URL, nobody with one.
 */
const principals = z.optional(
  z.pipe(
    z.string(),
    z.transform((text, ctx): string[] => {
      const entries = text
        .split(",")
        .map((e) => e.trim())
        .filter(Boolean);
      for (const entry of entries) {
        if (!/^(user|team):[^\s:,]{1,253}$/.test(entry)) {
          ctx.issues.push({
            code: "custom",
            input: text,
            message: `must be a comma-separated list of user:NAME or team:NAME: ${JSON.stringify(entry.slice(0, 60))} is not one`,
          });
          return z.NEVER;
        }
      }
      return [...new Set(entries)];
    }),
  ),
);

/** Seconds before expiry at which notices go out: `7d,1d` style durations (s, m, h, d, w or seconds). */
const thresholds = z.pipe(
  stringOr("7d,1d"),
  z.transform((text, ctx): number[] => {
    const units: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };
    const out: number[] = [];
    for (const entry of text
      .split(",")
      .map((e) => e.trim())
      .filter(Boolean)) {
      const match = /^(\d{1,9})([smhdw]?)$/.exec(entry);
      const seconds = match ? Number(match[1]) * units[match[2] || "s"]! : 0;
      if (!seconds) {
        ctx.issues.push({
          code: "custom",
          input: text,
          message: `must be a comma-separated list of durations such as 7d,1d or 12h: ${JSON.stringify(entry.slice(0, 60))} is not one`,
        });
        return z.NEVER;
      }
      out.push(seconds);
    }
    return [...new Set(out)].sort((a, b) => b - a);
  }),
);

const EnvSchema = z.object({
  NODE_ENV: z._default(z.enum(["development", "production", "test"]), "production"),
  PORT: port(3000),
  HOST: nonEmptyOr("127.0.0.1"),
  PLATFORM_URL: z.optional(baseUrl("must be an http(s) URL such as https://platform.example.com")),
  PUBLIC_URL: z.optional(
    baseUrl("must be the http(s) URL people open, e.g. https://dce.example.com"),
  ),
  COOKIE_SECURE: z.optional(bool),
  SESSION_SECRET: z.optional(z.string().check(z.minLength(32, "must be at least 32 characters"))),
  /** Secrets SESSION_SECRET replaced, comma-separated: stored access keys sealed under them still open. */
  SESSION_SECRET_PREVIOUS: z.pipe(
    commaList,
    z.array(z.string().check(z.minLength(32, "each secret must be at least 32 characters"))),
  ),
  /** The console store: PostgreSQL when set (postgres://…), else SQLite in DATA_DIR. */
  DATABASE_URL: z.optional(
    z.url({
      protocol: /^postgres(ql)?$/,
      error: "must be a postgres:// URL such as postgres://user:password@db:5432/dce",
    }),
  ),
  /** Days a ledger entry is kept after its token expired (or was revoked). */
  LEDGER_RETENTION_DAYS: int(90, 1, 3650, "of days"),
  DATA_DIR: nonEmptyOr(".data"),
  LOCAL_PLATFORM_ADMIN_KEY: z.optional(
    z.string().check(z.regex(/^[A-Za-z0-9._~-]{16,256}$/, "must be 16 to 256 URL-safe characters")),
  ),
  LOCAL_PLATFORM_TLS_PORT: port(8443),
  LOCAL_PLATFORM_HOSTNAMES: commaList,
  LOCAL_PLATFORM_PROJECT_NAMESPACE_PREFIX: z.optional(
    z
      .string()
      .check(z.regex(/^[a-z0-9-]{0,20}$/, "must be at most 20 lowercase letters, digits and '-'")),
  ),
  PLATFORM_CA_FILE: z.optional(z.string().check(z.minLength(1))),
  /** Where the platform's token signing keys are, when it publishes them somewhere non-standard. */
  TOKEN_KEYS_URL: z.optional(
    z.url({ protocol: /^https?$/, error: "must be an http(s) URL of a JWK Set" }),
  ),
  TOKEN_KEYS_FILE: z.optional(z.string().check(z.minLength(1))),
  PLATFORM_INSECURE_SKIP_TLS_VERIFY: z.pipe(
    z.optional(bool),
    z.transform((v) => v ?? false),
  ),
  PLATFORM_TIMEOUT_MS: int(10_000, 100, 120_000, "of milliseconds"),
  TOKEN_DEFAULT_TTL: int(86_400, 1, 10 * 365 * 86_400, "of seconds"),
  TOKEN_MAX_TTL: int(90 * 86_400, 1, 10 * 365 * 86_400, "of seconds"),
  /** Local platform: longest `ttl` of a new access key (auth.accessKeyMaxTTLSeconds); 0 = none. */
  LOCAL_PLATFORM_ACCESS_KEY_MAX_TTL: int(0, 0, 10 * 365 * 86_400, "of seconds"),
  SIGN_IN_RATE_LIMIT: int(10, 1, 10_000, "of attempts per minute"),
  TRUSTED_PROXIES: networks,
  CONSOLE_ADMINS: principals,
  /** Where expiry and revocation notices are POSTed (JSON with a Slack-compatible `text`). */
  NOTIFY_WEBHOOK_URL: z.optional(
    z.url({
      protocol: /^https?$/,
      error: "must be an http(s) URL such as https://hooks.example.com/dce",
    }),
  ),
  /** Signs each notice body: `X-DCE-Signature: sha256=<HMAC-SHA256 hex>`. */
  NOTIFY_WEBHOOK_SECRET: z.optional(
    z.string().check(z.minLength(16, "must be at least 16 characters")),
  ),
  /** How long before expiry notices go out (default 7 days and 1 day). */
  NOTIFY_THRESHOLDS: thresholds,
  /** How often each replica looks for notices to send, in milliseconds. */
  NOTIFY_INTERVAL_MS: int(15_000, 100, 3_600_000, "of milliseconds"),
  /** How long a webhook receiver has to answer before the attempt counts as failed. */
  NOTIFY_TIMEOUT_MS: int(10_000, 100, 120_000, "of milliseconds"),
  /** Policy checks (`POST /api/policy/check`) a client may make per minute. */
  POLICY_CHECK_RATE_LIMIT: int(120, 1, 100_000, "of checks per minute"),
});

export type Config = Omit<z.output<typeof EnvSchema>, "DATA_DIR" | "CONSOLE_ADMINS"> & {
  DATA_DIR: string;
  /** Principal keys (`user:NAME`, `team:NAME`) of the console's admins (lib/admin/admins.ts). */
  CONSOLE_ADMINS: string[];
  /**
   * Session cookies are `Secure` with the `__Host-` prefix: COOKIE_SECURE when set, else whether
   * PUBLIC_URL is https. Decided by configuration only, never by a header a client can send.
   */
  secureCookies: boolean;
  /** True when no PLATFORM_URL is set: the embedded local platform answers on this origin. */
  localPlatform: boolean;
};

export class ConfigError extends Error {
  override name = "ConfigError";
}

function formatConfigError(error: z.core.$ZodError, env: Record<string, string | undefined>) {
  const issue = error.issues[0];
  const name = String(issue?.path[0] ?? "environment");
  const raw = env[name];
  const got =
    raw === undefined
      ? ""
      : ` (got ${JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw)})`;
  const secret = /SECRET|KEY|DATABASE_URL|WEBHOOK_URL/.test(name);
  return `Invalid configuration: ${name} ${issue?.message ?? "is invalid"}${secret ? "" : got}`;
}

export function parseConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(
    Object.keys(EnvSchema.shape).map((k) => [k, env[k] === "" ? undefined : env[k]]),
  );
  const result = z.safeParse(EnvSchema, cleaned);
  if (!result.success) throw new ConfigError(formatConfigError(result.error, env));
  const c = result.data;
  if (c.TOKEN_DEFAULT_TTL > c.TOKEN_MAX_TTL) {
    throw new ConfigError("Invalid configuration: TOKEN_DEFAULT_TTL must not exceed TOKEN_MAX_TTL");
  }
  if (c.PLATFORM_URL && !c.SESSION_SECRET) {
    throw new ConfigError(
      "Invalid configuration: SESSION_SECRET is required when PLATFORM_URL is set (at least 32 characters)",
    );
  }
  if (c.DATABASE_URL && !c.SESSION_SECRET) {
    throw new ConfigError(
      "Invalid configuration: SESSION_SECRET is required when DATABASE_URL is set, and must be the same on every replica (at least 32 characters)",
    );
  }
  return {
    ...c,
    DATA_DIR: path.resolve(c.DATA_DIR),
    CONSOLE_ADMINS: c.CONSOLE_ADMINS ?? (c.PLATFORM_URL ? [] : ["user:admin"]),
    localPlatform: !c.PLATFORM_URL,
    secureCookies: c.COOKIE_SECURE ?? c.PUBLIC_URL?.startsWith("https://") ?? false,
  };
}

let cached: Config | undefined;

/** The process-wide configuration, parsed on first use. */
export function getConfig(): Config {
  cached ??= parseConfig();
  return cached;
}

/** The CA that signed the local platform's serving certificate (written on its first start). */
export function localPlatformCaFile(config: Config): string {
  return path.join(config.DATA_DIR, "ca.pem");
}

/**
 * Where the dashboard reaches the management API. With no PLATFORM_URL that is the local platform's
 * HTTPS listener, trusted through its CA exactly as a real platform's PLATFORM_CA_FILE would be.
 */
export function managementBaseUrl(config: Config): string {
  return config.PLATFORM_URL ?? `https://127.0.0.1:${config.LOCAL_PLATFORM_TLS_PORT}`;
}
