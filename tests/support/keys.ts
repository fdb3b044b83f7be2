import fs from "node:fs";
import { importX509 } from "jose";
import { tokenCaPathOf } from "@/lib/local-platform";
import { API_PREFIX, type TestPlatform } from "@/tests/support/platform";

const v1 = "management.loft.sh/v1";

/** The token signing key's certificate (DATA_DIR/token-ca.pem), as a jose verification key. */
export const signingKeyOf = (dataDir: string) =>
  importX509(fs.readFileSync(tokenCaPathOf(dataDir), "utf8"), "RS256");

/** A new OwnedAccessKey (by the admin unless `as` is given); returns its secret. */
export async function createKey(
  t: TestPlatform,
  spec: Record<string, unknown>,
  options: { as?: string; name?: string } = {},
): Promise<string> {
  const res = await t.call("POST", `${API_PREFIX}/ownedaccesskeys`, {
    key: options.as,
    body: {
      apiVersion: v1,
      kind: "OwnedAccessKey",
      metadata: options.name ? { name: options.name } : { generateName: "test-" },
      spec,
    },
  });
  if (res.status !== 201) throw new Error(`creating a key: ${res.status} ${res.body.message}`);
  return res.body.spec.key as string;
}

/** A DirectClusterEndpointToken request body. */
export const tokenRequest = (spec: Record<string, unknown> = {}) => ({
  apiVersion: v1,
  kind: "DirectClusterEndpointToken",
  metadata: {},
  spec,
});
