import crypto, { type KeyObject } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export interface Jwk {
  kty: string;
  n?: string;
  e?: string;
  kid: string;
  alg: "RS256";
  use: "sig";
}

export interface Signer {
  kid: string;
  /** Signs a JWT (RS256) on libuv's threadpool, so signing uses every core. */
  sign(claims: Record<string, unknown>): Promise<string>;
  jwks: { keys: Jwk[] };
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");

/** RFC 7638 thumbprint of an RSA public key: the `kid`. */
function thumbprint(jwk: crypto.JsonWebKey): string {
  const canonical = JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n });
  return b64url(crypto.createHash("sha256").update(canonical).digest());
}

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
  const publicJwk = crypto.createPublicKey(privateKey).export({ format: "jwk" });
  const kid = thumbprint(publicJwk);
  const header = b64url(JSON.stringify({ alg: "RS256", kid, typ: "JWT" }));
  const jwk: Jwk = { kty: "RSA", n: publicJwk.n, e: publicJwk.e, kid, alg: "RS256", use: "sig" };

  return {
    kid,
    jwks: { keys: [jwk] },
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
