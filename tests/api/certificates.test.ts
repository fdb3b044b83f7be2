import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ensureTls } from "@/lib/local-platform/tls";

/**
 * The local platform's serving certificate is made once and kept while the wanted host names stay
 * the same — read back with node:crypto, so an ordinary start never loads the X.509 library — and
 * re-issued by the same CA when they change.
 */
describe("serving certificate across restarts", () => {
  it("is kept for the same names (IPv6 too), re-issued by the same CA for new ones", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dce-tls-"));
    const names = ["console.example.test", "::1", "10.0.0.7"];
    const first = await ensureTls(dir, names);
    const again = await ensureTls(dir, [...names].reverse());
    expect(again.cert).toBe(first.cert);

    const sans = new crypto.X509Certificate(first.cert).subjectAltName ?? "";
    for (const name of ["DNS:console.example.test", "DNS:localhost", "IP Address:127.0.0.1"])
      expect(sans).toContain(name);

    const changed = await ensureTls(dir, [...names, "other.example.test"]);
    expect(changed.cert).not.toBe(first.cert);
    expect(changed.caPem).toBe(first.caPem);
    const ca = new crypto.X509Certificate(first.caPem);
    expect(new crypto.X509Certificate(changed.cert).verify(ca.publicKey)).toBe(true);
    expect(new crypto.X509Certificate(changed.cert).subjectAltName).toContain(
      "DNS:other.example.test",
    );
  });
});
