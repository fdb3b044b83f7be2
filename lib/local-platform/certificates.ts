import "reflect-metadata";
import { webcrypto } from "node:crypto";
import crypto from "node:crypto";
import fs from "node:fs";
import { isIP } from "node:net";
import path from "node:path";
import * as x509 from "@peculiar/x509";
import type { Signer } from "./signer";

/**
 * Making the local platform's certificates (its TLS CA, serving certificate and the token signer's
 * certificate). Loaded only when one must be made — first start, new host names, a new signing key —
 * so an ordinary start does not load the X.509 library at all; checking existing certificates uses
 * node:crypto (tls.ts, token-ca.ts).
 */
x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const ECDSA = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
const RSA = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;
const DAY = 86_400_000;

async function exportKey(key: CryptoKey) {
  const der = await webcrypto.subtle.exportKey("pkcs8", key as webcrypto.CryptoKey);
  return x509.PemConverter.encode(der, "PRIVATE KEY");
}

async function importKey(pem: string) {
  return (await webcrypto.subtle.importKey(
    "pkcs8",
    x509.PemConverter.decode(pem)[0]!,
    ECDSA,
    true,
    ["sign"],
  )) as unknown as CryptoKey;
}

const write = (file: string, data: string, mode: number) => {
  fs.writeFileSync(file, data, { mode });
  fs.chmodSync(file, mode);
};

export async function createCa(dir: string) {
  const keys = (await webcrypto.subtle.generateKey(ECDSA, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: webcrypto
      .getRandomValues(Buffer.alloc(16))
      .toString("hex")
      .replace(/^[89a-f]/, "1"),
    name: "CN=DCE Token Console local platform CA",
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + 3650 * DAY),
    keys,
    signingAlgorithm: ECDSA,
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

export async function createServing(dir: string, hosts: string[]) {
  const caPem = fs.readFileSync(path.join(dir, "ca.pem"), "utf8");
  const ca = new x509.X509Certificate(caPem);
  const caKey = await importKey(fs.readFileSync(path.join(dir, "ca-key.pem"), "utf8"));
  const keys = (await webcrypto.subtle.generateKey(ECDSA, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
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
    signingAlgorithm: ECDSA,
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

/** A certificate for the token signing key, self-signed with that key (PEM). */
export async function createTokenCa(signer: Signer): Promise<string> {
  const privateKey = (await webcrypto.subtle.importKey(
    "pkcs8",
    signer.privateKey.export({ type: "pkcs8", format: "der" }),
    RSA,
    false,
    ["sign"],
  )) as unknown as CryptoKey;
  const publicKey = (await webcrypto.subtle.importKey("spki", signer.publicKeyDer, RSA, true, [
    "verify",
  ])) as unknown as CryptoKey;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: crypto
      .randomBytes(16)
      .toString("hex")
      .replace(/^[89a-f]/, "1"),
    name: "CN=DCE Token Console local platform token signer",
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + 3650 * DAY),
    keys: { privateKey, publicKey },
    signingAlgorithm: RSA,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyCertSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(publicKey),
    ],
  });
  return cert.toString("pem");
}
