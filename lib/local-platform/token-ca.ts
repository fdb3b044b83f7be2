import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Signer } from "./signer";

export const tokenCaPathOf = (dataDir: string) => path.join(dataDir, "token-ca.pem");

function certMatches(pem: string, signer: Signer): boolean {
  try {
    const key = new crypto.X509Certificate(pem).publicKey;
    return key.export({ type: "spki", format: "der" }).equals(signer.publicKeyDer);
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
  const pem = await (await import("./certificates")).createTokenCa(signer);
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, pem, { mode: 0o600 });
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
  return pem;
}
