import "reflect-metadata";
import crypto, { webcrypto } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import * as x509 from "@peculiar/x509";
import type { Signer } from "./signer";

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const ALG = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;
const DAY = 86_400_000;

export const tokenCaPathOf = (dataDir: string) => path.join(dataDir, "token-ca.pem");

function certMatches(pem: string, signer: Signer): boolean {
  try {
    const cert = new x509.X509Certificate(pem);
    return Buffer.from(cert.publicKey.rawData).equals(signer.publicKeyDer);
  } catch {
    return false;
  }
}

/**
 * DATA_DIR/token-ca.pem (0600): a certificate for the token signing key, self-signed with that key,
 * made on first start (and again if the signing key changed). A real platform hands the same kind of
 * certificate to its agents as `ClusterAgentConfig.tokenCaCert` (reference §9), which is where the
 * local platform serves it too. Returns the PEM.
 */
export async function ensureTokenCa(dataDir: string, signer: Signer): Promise<string> {
  const file = tokenCaPathOf(dataDir);
  if (fs.existsSync(file)) {
    const pem = fs.readFileSync(file, "utf8");
    if (certMatches(pem, signer)) return pem;
  }
  const privateKey = (await webcrypto.subtle.importKey(
    "pkcs8",
    signer.privateKey.export({ type: "pkcs8", format: "der" }),
    ALG,
    false,
    ["sign"],
  )) as unknown as CryptoKey;
  const publicKey = (await webcrypto.subtle.importKey("spki", signer.publicKeyDer, ALG, true, [
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
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyCertSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(publicKey),
    ],
  });
  const pem = cert.toString("pem");
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, pem, { mode: 0o600 });
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
  return pem;
}
