import "reflect-metadata";
import { webcrypto } from "node:crypto";
import fs from "node:fs";
import { isIP } from "node:net";
import path from "node:path";
import * as x509 from "@peculiar/x509";

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const ALG = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
const DAY = 86_400_000;

export interface TlsFiles {
  key: string;
  cert: string;
  caFile: string;
  caPem: string;
}

async function exportKey(key: CryptoKey) {
  const der = await webcrypto.subtle.exportKey("pkcs8", key as webcrypto.CryptoKey);
  return x509.PemConverter.encode(der, "PRIVATE KEY");
}

async function importKey(pem: string) {
  return (await webcrypto.subtle.importKey("pkcs8", x509.PemConverter.decode(pem)[0]!, ALG, true, [
    "sign",
  ])) as unknown as CryptoKey;
}

const write = (file: string, data: string, mode: number) => {
  fs.writeFileSync(file, data, { mode });
  fs.chmodSync(file, mode);
};

async function createCa(dir: string) {
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ["sign", "verify"])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: webcrypto
      .getRandomValues(Buffer.alloc(16))
      .toString("hex")
      .replace(/^[89a-f]/, "1"),
    name: "CN=DCE Token Console local platform CA",
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + 3650 * DAY),
    keys,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  write(path.join(dir, "ca-key.pem"), await exportKey(keys.privateKey), 0o600);
  write(path.join(dir, "ca.pem"), cert.toString("pem"), 0o600);
}

function sansOf(pem: string): string[] {
  const cert = new x509.X509Certificate(pem);
  const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
  return (san?.names.items ?? []).map((n) => n.value).sort();
}

async function createServing(dir: string, hosts: string[]) {
  const caPem = fs.readFileSync(path.join(dir, "ca.pem"), "utf8");
  const ca = new x509.X509Certificate(caPem);
  const caKey = await importKey(fs.readFileSync(path.join(dir, "ca-key.pem"), "utf8"));
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ["sign", "verify"])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: webcrypto
      .getRandomValues(Buffer.alloc(16))
      .toString("hex")
      .replace(/^[89a-f]/, "1"),
    subject: "CN=127.0.0.1",
    issuer: ca.subject,
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + 825 * DAY),
    publicKey: keys.publicKey,
    signingKey: caKey,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(
        hosts.map((h) =>
          isIP(h) ? { type: "ip" as const, value: h } : { type: "dns" as const, value: h },
        ),
      ),
      await x509.AuthorityKeyIdentifierExtension.create(ca, false),
    ],
  });
  write(path.join(dir, "tls-key.pem"), await exportKey(keys.privateKey), 0o600);
  write(path.join(dir, "tls.pem"), cert.toString("pem"), 0o600);
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
    await createCa(dataDir);
    fs.rmSync(certFile, { force: true });
  }
  const want = [...hosts].sort();
  if (
    !fs.existsSync(certFile) ||
    sansOf(fs.readFileSync(certFile, "utf8")).join() !== want.join()
  ) {
    await createServing(dataDir, hosts);
  }
  return {
    key: fs.readFileSync(path.join(dataDir, "tls-key.pem"), "utf8"),
    cert: fs.readFileSync(certFile, "utf8"),
    caFile,
    caPem: fs.readFileSync(caFile, "utf8"),
  };
}
