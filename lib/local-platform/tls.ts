import crypto from "node:crypto";
import fs from "node:fs";
import { isIP } from "node:net";
import path from "node:path";

export interface TlsFiles {
  key: string;
  cert: string;
  caFile: string;
  caPem: string;
}

/**
 * One spelling per address: IPv6 in its shortest form (OpenSSL prints every group). Only a name
 * with a colon can be IPv6: the others skip `isIP`, whose IPv6 pattern costs a start about 5 ms to
 * compile the first time it runs.
 */
const canonical = (host: string) =>
  host.includes(":") && isIP(host) === 6 ? new URL(`http://[${host}]`).hostname.slice(1, -1) : host;

/** The serving certificate's subject alternative names (DNS names and IPs), canonical and sorted. */
function sansOf(pem: string): string[] {
  const san = new crypto.X509Certificate(pem).subjectAltName ?? "";
  return san
    .split(", ")
    .filter(Boolean)
    .map((entry) => canonical(entry.replace(/^(DNS|IP Address):/, "")))
    .sort();
}

/**
 * A CA and a serving certificate in DATA_DIR, made on first start. The serving certificate is
 * re-issued by the same CA when the wanted host names change, so kubeconfigs stay valid.
 */
export async function ensureTls(dataDir: string, hostnames: string[]): Promise<TlsFiles> {
  const hosts = [...new Set(["127.0.0.1", "localhost", ...hostnames])];
  const caFile = path.join(dataDir, "ca.pem");
  const certFile = path.join(dataDir, "tls.pem");
  if (!fs.existsSync(caFile) || !fs.existsSync(path.join(dataDir, "ca-key.pem"))) {
    await (await import("./certificates")).createCa(dataDir);
    fs.rmSync(certFile, { force: true });
  }
  const want = hosts.map(canonical).sort();
  if (
    !fs.existsSync(certFile) ||
    sansOf(fs.readFileSync(certFile, "utf8")).join() !== want.join()
  ) {
    await (await import("./certificates")).createServing(dataDir, hosts);
  }
  return {
    key: fs.readFileSync(path.join(dataDir, "tls-key.pem"), "utf8"),
    cert: fs.readFileSync(certFile, "utf8"),
    caFile,
    caPem: fs.readFileSync(caFile, "utf8"),
  };
}
