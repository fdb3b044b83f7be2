import { badRequest } from "../status";

/**
 * kubectl sends self reviews as Kubernetes protobuf (`application/vnd.kubernetes.protobuf`): the
 * magic `k8s\0`, then a `runtime.Unknown` whose `raw` (field 2) is the object. Only what the
 * reviews need is read (k8s.io/api authorization/v1 generated.proto):
 * `SelfSubjectAccessReview.spec` (2) → `resourceAttributes` (1: namespace 1, verb 2, group 3,
 * version 4, resource 5, subresource 6, name 7) or `nonResourceAttributes` (2: path 1, verb 2);
 * `SelfSubjectRulesReview.spec` (2) → `namespace` (1). Everything else is skipped.
 */

export const PROTOBUF = "application/vnd.kubernetes.protobuf";
const MAGIC = Buffer.from("k8s\0", "latin1");

type Fields = Map<number, Buffer[]>;

function varint(buf: Buffer, at: number): [number, number] {
  let value = 0;
  for (let i = 0; i < 10; i++) {
    const byte = buf[at + i];
    if (byte === undefined) break;
    value += (byte & 0x7f) * 2 ** (7 * i);
    if ((byte & 0x80) === 0) return [value, at + i + 1];
  }
  throw badRequest("the protobuf request body is malformed");
}

/** The length-delimited fields of a message by number (other wire types are skipped). */
function fieldsOf(buf: Buffer): Fields {
  const out: Fields = new Map();
  let at = 0;
  while (at < buf.length) {
    const [key, next] = varint(buf, at);
    at = next;
    const wire = key % 8;
    const field = Math.floor(key / 8);
    if (wire === 0) at = varint(buf, at)[1];
    else if (wire === 1) at += 8;
    else if (wire === 5) at += 4;
    else if (wire === 2) {
      const [length, start] = varint(buf, at);
      if (start + length > buf.length) throw badRequest("the protobuf request body is truncated");
      out.set(field, [...(out.get(field) ?? []), buf.subarray(start, start + length)]);
      at = start + length;
    } else throw badRequest("the protobuf request body is malformed");
  }
  return out;
}

const message = (fields: Fields, n: number) => fieldsOf(fields.get(n)?.[0] ?? Buffer.alloc(0));
const string = (fields: Fields, n: number) => fields.get(n)?.[0]?.toString("utf8") ?? "";

function attributes(fields: Fields, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name, i) => [name, string(fields, i + 1)]));
}

/** The JSON shape (`{ spec: … }`) of a protobuf self review for `resource`. */
export function decodeReview(resource: string, body: Buffer): Record<string, unknown> {
  if (!body.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw badRequest("the protobuf request body does not start with the Kubernetes magic number");
  }
  const object = message(fieldsOf(body.subarray(MAGIC.length)), 2);
  const spec = message(object, 2);
  if (resource === "selfsubjectrulesreviews") return { spec: { namespace: string(spec, 1) } };
  if (resource !== "selfsubjectaccessreviews") return { spec: {} };
  const out: Record<string, unknown> = {};
  if (spec.has(1)) {
    out.resourceAttributes = attributes(message(spec, 1), [
      "namespace",
      "verb",
      "group",
      "version",
      "resource",
      "subresource",
      "name",
    ]);
  }
  if (spec.has(2)) out.nonResourceAttributes = attributes(message(spec, 2), ["path", "verb"]);
  return { spec: out };
}
