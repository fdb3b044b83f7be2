import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/config";

describe("parseConfig", () => {
  it("uses the documented defaults with an empty environment", () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      HOST: "127.0.0.1",
      LOCAL_PLATFORM_TLS_PORT: 8443,
      localPlatform: true,
      PLATFORM_TIMEOUT_MS: 10_000,
    });
    expect(config.DATA_DIR).toBe(path.resolve(".data"));
  });

  it.each([
    [{ PORT: "abc" }, /^Invalid configuration: PORT .*"abc"/],
    [{ PORT: "0" }, /^Invalid configuration: PORT must be between 1 and 65535/],
    // zod's English messages (its `en` locale, loaded by lib/config.ts), not a bare "Invalid input".
    [{ NODE_ENV: "bogus" }, /^Invalid configuration: NODE_ENV Invalid option: expected one of/],
    [{ LOCAL_PLATFORM_TLS_PORT: "99999" }, /LOCAL_PLATFORM_TLS_PORT/],
    [{ PLATFORM_URL: "ftp://platform" }, /PLATFORM_URL must be an http\(s\) URL/],
    [
      { PLATFORM_URL: "https://platform.example.com" },
      /SESSION_SECRET is required when PLATFORM_URL is set/,
    ],
    [{ SESSION_SECRET: "too-short" }, /SESSION_SECRET must be at least 32 characters$/],
    [
      { DATABASE_URL: "mysql://db/dce" },
      /^Invalid configuration: DATABASE_URL must be a postgres:\/\/ URL/,
    ],
    [
      { DATABASE_URL: "postgres://db/dce" },
      /SESSION_SECRET is required when DATABASE_URL is set, and must be the same on every replica/,
    ],
    [
      { SESSION_SECRET: "x".repeat(32), SESSION_SECRET_PREVIOUS: `${"y".repeat(32)},short` },
      /SESSION_SECRET_PREVIOUS each secret must be at least 32 characters/,
    ],
    [{ LEDGER_RETENTION_DAYS: "0" }, /LEDGER_RETENTION_DAYS must be between 1 and 3650/],
    [
      { PLATFORM_INSECURE_SKIP_TLS_VERIFY: "maybe" },
      /PLATFORM_INSECURE_SKIP_TLS_VERIFY must be true or false/,
    ],
    [
      { TOKEN_DEFAULT_TTL: "100", TOKEN_MAX_TTL: "50" },
      /TOKEN_DEFAULT_TTL must not exceed TOKEN_MAX_TTL/,
    ],
    [
      { TRUSTED_PROXIES: "10.0.0.0/8, 10.0.0.0/33" },
      /^Invalid configuration: TRUSTED_PROXIES must be a comma-separated list of IPv4 or IPv6 addresses or CIDR ranges .*: "10\.0\.0\.0\/33" is not one \(got "10\.0\.0\.0\/8, 10\.0\.0\.0\/33"\)$/,
    ],
    [
      { TRUSTED_PROXIES: "load-balancer.internal" },
      /TRUSTED_PROXIES .*"load-balancer\.internal" is not one/,
    ],
  ])("rejects %j with one line naming the variable", (env, message) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(message);
    expect(() => parseConfig(env)).toThrow(/^[^\n]*$/);
  });

  it("never echoes a secret's value", () => {
    expect(() => parseConfig({ SESSION_SECRET: "hunter2-secret" })).toThrow(/SESSION_SECRET/);
    expect(() => parseConfig({ SESSION_SECRET: "hunter2-secret" })).not.toThrow(/hunter2/);
  });

  it("never echoes a database URL, which may hold a password", () => {
    expect(() => parseConfig({ DATABASE_URL: "mysql://dce:pa55word@db/dce" })).not.toThrow(
      /pa55word/,
    );
  });

  it("reads the store settings: PostgreSQL URL, previous secrets, ledger retention", () => {
    const config = parseConfig({
      DATABASE_URL: "postgresql://dce:pw@db:5432/dce",
      SESSION_SECRET: "x".repeat(32),
      SESSION_SECRET_PREVIOUS: ` ${"a".repeat(32)} , ${"b".repeat(40)} `,
    });
    expect(config.DATABASE_URL).toBe("postgresql://dce:pw@db:5432/dce");
    expect(config.SESSION_SECRET_PREVIOUS).toEqual(["a".repeat(32), "b".repeat(40)]);
    expect(config.LEDGER_RETENTION_DAYS).toBe(90);
  });

  it("reads TRUSTED_PROXIES as networks (none by default)", () => {
    expect(parseConfig({}).TRUSTED_PROXIES).toEqual([]);
    expect(
      parseConfig({ TRUSTED_PROXIES: " 127.0.0.1/32, fd00::/8,::1 ," }).TRUSTED_PROXIES,
    ).toEqual([
      { address: "127.0.0.1", prefix: 32, family: "ipv4" },
      { address: "fd00::", prefix: 8, family: "ipv6" },
      { address: "::1", prefix: 128, family: "ipv6" },
    ]);
  });

  it("treats empty strings as unset and trims a trailing slash from PLATFORM_URL", () => {
    const config = parseConfig({
      PORT: "",
      PLATFORM_URL: "https://p.example.com/",
      SESSION_SECRET: "x".repeat(32),
    });
    expect(config.PORT).toBe(3000);
    expect(config.PLATFORM_URL).toBe("https://p.example.com");
    expect(config.localPlatform).toBe(false);
  });

  it("reads CONSOLE_ADMINS: the local platform's admin by default, nobody beside a real platform", () => {
    expect(parseConfig({}).CONSOLE_ADMINS).toEqual(["user:admin"]);
    const real = { PLATFORM_URL: "https://p.example.com", SESSION_SECRET: "x".repeat(32) };
    expect(parseConfig(real).CONSOLE_ADMINS).toEqual([]);
    expect(
      parseConfig({ ...real, CONSOLE_ADMINS: " user:ana, team:platform ,user:ana" }).CONSOLE_ADMINS,
    ).toEqual(["user:ana", "team:platform"]);
    expect(() => parseConfig({ CONSOLE_ADMINS: "ana" })).toThrow(
      /CONSOLE_ADMINS must be a comma-separated list of user:NAME or team:NAME: "ana" is not one/,
    );
    expect(() => parseConfig({ CONSOLE_ADMINS: "group:x" })).toThrow(/CONSOLE_ADMINS/);
  });

  it("reads the notice settings: thresholds as durations, the webhook URL never echoed", () => {
    expect(parseConfig({}).NOTIFY_THRESHOLDS).toEqual([604_800, 86_400]);
    expect(parseConfig({ NOTIFY_THRESHOLDS: "1d, 12h,2w,1d" }).NOTIFY_THRESHOLDS).toEqual([
      1_209_600, 86_400, 43_200,
    ]);
    expect(() => parseConfig({ NOTIFY_THRESHOLDS: "soon" })).toThrow(/NOTIFY_THRESHOLDS/);
    expect(() => parseConfig({ NOTIFY_WEBHOOK_URL: "ftp://hooks/secret-path" })).toThrow(
      /^Invalid configuration: NOTIFY_WEBHOOK_URL must be an http\(s\) URL[^"]*$/,
    );
  });
});
