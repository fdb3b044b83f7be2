import crypto, { type KeyObject } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export interface Signer {
  /** base64url(SHA-256(DER SubjectPublicKeyInfo)), as Kubernetes' service-account signer. */
  kid: string;
  privateKey: KeyObject;
  /** DER SubjectPublicKeyInfo of the signing key. */
  publicKeyDer: Buffer;
  /**
   * Signs a JWT (RS256) on libuv's threadpool, so signing uses every core. The claims are
   * serialized as given: callers list them in the order they want on the wire.
   */
  sign(claims: Record<string, unknown>): Promise<string>;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");

/** The `kid` Kubernetes' service-account token signer uses: base64url(SHA-256(SPKI DER)). */
const keyIdOf = (spkiDer: Buffer) => b64url(crypto.createHash("sha256").update(spkiDer).digest());

/** Loads DATA_DIR/signing-key.pem, generating an RSA-2048 key (mode 0600) on first start. */
export function loadSigner(dataDir: string): Signer {
  const file = path.join(dataDir, "signing-key.pem");
  let privateKey: KeyObject;
  if (fs.existsSync(file)) {
    privateKey = crypto.createPrivateKey(fs.readFileSync(file, "utf8"));
  } else {
    const pair = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
    privateKey = pair.privateKey;
    const pem = privateKey.export({ type: "pkcs8", format: "pem" });
    fs.writeFileSync(file, pem, { mode: 0o600, flag: "wx" });
  }
  const publicKeyDer = crypto.createPublicKey(privateKey).export({ type: "spki", format: "der" });
  const kid = keyIdOf(publicKeyDer);
  // The platform's header: alg and kid, no typ (reference §8). Computed once.
  const header = b64url(JSON.stringify({ alg: "RS256", kid }));

  return {
    kid,
    privateKey,
    publicKeyDer,
    sign(claims) {
      const input = `${header}.${b64url(JSON.stringify(claims))}`;
      return new Promise((resolve, reject) => {
        crypto.sign("sha256", Buffer.from(input), privateKey, (error, signature) => {
          if (error) reject(error);
          else resolve(`${input}.${b64url(signature)}`);
        });
      });
    },
  };
}
