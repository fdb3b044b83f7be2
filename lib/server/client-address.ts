import { BlockList, isIP } from "node:net";

/*
 * The address a request comes from, for per-client limits (the sign-in throttle, the CI policy
 * check). Behind proxies the socket peer is the nearest proxy, and X-Forwarded-For lists the hops
 * before it, each proxy appending the address it was connected from. Only proxies in
 * TRUSTED_PROXIES are believed, so a client cannot choose its address by sending the header itself.
 */

/** One TRUSTED_PROXIES entry: an IPv4 or IPv6 network (a single address is a /32 or a /128). */
export interface Network {
  address: string;
  prefix: number;
  family: "ipv4" | "ipv6";
}

/** An address and its family, as BlockList checks it. */
interface Address {
  address: string;
  family: "ipv4" | "ipv6";
}

/**
 * The request header the server sets to the client's address on every request it hands to Next.js,
 * replacing any a client sent (lib/server/main.ts); `clientAddress` reads it.
 */
export const CLIENT_ADDRESS_HEADER = "x-dce-client-address";

/** The client's address as the server worked it out (`CLIENT_ADDRESS_HEADER`), in a route or action. */
export function clientAddress(h: Headers): string {
  return h.get(CLIENT_ADDRESS_HEADER) || "unknown";
}

/**
 * A TRUSTED_PROXIES entry (`10.0.0.0/8`, `127.0.0.1`, `fd00::/8`, `::1`) as a network, or undefined
 * when it is not one: a plain IPv4 or IPv6 address, optionally `/prefix` (0–32, 0–128).
 */
export function parseNetwork(entry: string): Network | undefined {
  const [address = "", prefixText, ...rest] = entry.trim().split("/");
  const version = isIP(address);
  if (rest.length || version === 0 || address.includes("%")) return undefined;
  const family = version === 4 ? "ipv4" : "ipv6";
  const bits = version === 4 ? 32 : 128;
  if (prefixText === undefined) return { address, prefix: bits, family };
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) return undefined;
  return { address, prefix: Number(prefixText), family };
}

/** The networks as one BlockList (it also matches IPv4-mapped IPv6 addresses to IPv4 networks). */
export function trustedProxies(networks: readonly Network[]): BlockList {
  const list = new BlockList();
  for (const n of networks) list.addSubnet(n.address, n.prefix, n.family);
  return list;
}

/** `::ffff:127.0.0.1` or `::ffff:7f00:1` (an IPv4-mapped IPv6 address) as `127.0.0.1`. */
function unmapped(address: string): string | undefined {
  const dotted = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  if (dotted && isIP(dotted[1]!) === 4) return dotted[1];
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(address);
  if (!hex) return undefined;
  const [high, low] = [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16)];
  return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}

/**
 * A socket address or X-Forwarded-For entry in one spelling per address, or undefined when it is not
 * an address: surrounding brackets and a port (`[::1]:443`, `203.0.113.7:5000`, as some proxies
 * write them) and an IPv6 zone (`%eth0`) are dropped, IPv6 is lower-cased, and an IPv4-mapped IPv6
 * address is written as IPv4, so a dual-stack socket and an IPv4 entry name the same client.
 */
export function parseAddress(raw: string): Address | undefined {
  let text = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text);
  const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(text);
  text = bracketed?.[1] ?? withPort?.[1] ?? text;
  const version = isIP(text);
  if (version === 4) return { address: text, family: "ipv4" };
  if (version !== 6) return undefined;
  const address = text.split("%")[0]!.toLowerCase();
  const v4 = unmapped(address);
  return v4 ? { address: v4, family: "ipv4" } : { address, family: "ipv6" };
}

/**
 * The client's address: the socket peer, unless it is a trusted proxy; then X-Forwarded-For is read
 * from the right, each trusted hop skipped, and the first untrusted entry is the client (the leftmost
 * entry when all are trusted, the peer when there is none). An entry that is not an address ends the
 * walk at the trusted hop that reported it. From an untrusted peer, X-Forwarded-For is ignored.
 */
export function clientAddressOf(
  peer: string | undefined,
  forwardedFor: string | readonly string[] | undefined,
  trusted: BlockList,
): string {
  const socket = parseAddress(peer ?? "");
  if (!socket) return "unknown";
  const isTrusted = (a: Address) => trusted.check(a.address, a.family);
  if (!isTrusted(socket)) return socket.address;
  const header = typeof forwardedFor === "string" ? forwardedFor : (forwardedFor ?? []).join(",");
  const entries = header
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  let client = socket.address;
  for (const entry of entries.reverse()) {
    const hop = parseAddress(entry);
    if (!hop) break;
    client = hop.address;
    if (!isTrusted(hop)) break;
  }
  return client;
}
