import { describe, expect, it } from "vitest";
import {
  clientAddressOf,
  parseAddress,
  parseNetwork,
  trustedProxies,
} from "@/lib/server/client-address";

/**
 * The address the sign-in throttle counts: the socket peer, or, when the peer is a trusted proxy,
 * the first untrusted X-Forwarded-For entry from the right. A client never picks its own address.
 */
const trust = (...entries: string[]) =>
  trustedProxies(
    entries.map((e) => {
      const network = parseNetwork(e);
      if (!network) throw new Error(`not a network: ${e}`);
      return network;
    }),
  );
const none = trust();

describe("clientAddressOf", () => {
  it("is the socket peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddressOf("198.51.100.4", undefined, none)).toBe("198.51.100.4");
    expect(clientAddressOf("198.51.100.4", "203.0.113.7", none)).toBe("198.51.100.4");
    expect(clientAddressOf("127.0.0.1", "203.0.113.7, 10.0.0.1", none)).toBe("127.0.0.1");
  });

  it("ignores X-Forwarded-For from an untrusted peer, even one claiming a trusted hop", () => {
    const proxies = trust("10.0.0.0/8");
    expect(clientAddressOf("198.51.100.4", "203.0.113.7", proxies)).toBe("198.51.100.4");
    expect(clientAddressOf("198.51.100.4", "203.0.113.7, 10.0.0.1", proxies)).toBe("198.51.100.4");
  });

  it("walks a trusted chain from the right: the first untrusted entry is the client", () => {
    const proxies = trust("10.0.0.0/8", "192.0.2.1");
    // The balancer (10.0.0.5) appended the client it saw; what the client sent before is not read.
    expect(clientAddressOf("10.0.0.5", "203.0.113.7", proxies)).toBe("203.0.113.7");
    expect(clientAddressOf("10.0.0.5", "1.1.1.1, 203.0.113.7", proxies)).toBe("203.0.113.7");
    // Two trusted hops (a CDN at 192.0.2.1 in front of the balancer) are skipped.
    expect(clientAddressOf("10.0.0.5", "1.1.1.1, 203.0.113.7, 192.0.2.1", proxies)).toBe(
      "203.0.113.7",
    );
    // Repeated headers, as a list, are one list in order.
    expect(clientAddressOf("10.0.0.5", ["1.1.1.1", "203.0.113.7, 10.0.0.9"], proxies)).toBe(
      "203.0.113.7",
    );
  });

  it("is the leftmost entry when every hop is trusted, and the peer when there is no entry", () => {
    const proxies = trust("10.0.0.0/8");
    expect(clientAddressOf("10.0.0.5", "10.0.0.7, 10.0.0.6", proxies)).toBe("10.0.0.7");
    expect(clientAddressOf("10.0.0.5", undefined, proxies)).toBe("10.0.0.5");
    expect(clientAddressOf("10.0.0.5", "", proxies)).toBe("10.0.0.5");
    expect(clientAddressOf("10.0.0.5", " , ", proxies)).toBe("10.0.0.5");
  });

  it("stops at an entry that is not an address: the trusted hop that reported it is the client", () => {
    const proxies = trust("10.0.0.0/8");
    for (const junk of ["unknown", "_hidden", "203.0.113.300", "not an ip", "1.2.3.4/8", "::g"]) {
      expect(clientAddressOf("10.0.0.5", `198.51.100.1, ${junk}, 10.0.0.6`, proxies), junk).toBe(
        "10.0.0.6",
      );
      expect(clientAddressOf("10.0.0.5", junk, proxies), junk).toBe("10.0.0.5");
    }
    expect(clientAddressOf(undefined, "203.0.113.7", proxies)).toBe("unknown");
  });

  it("handles IPv6 peers, entries and networks", () => {
    const proxies = trust("fd00::/8", "::1");
    expect(clientAddressOf("::1", "2001:DB8::7", proxies)).toBe("2001:db8::7");
    expect(clientAddressOf("fd12::5", "2001:db8::7, fd00::9", proxies)).toBe("2001:db8::7");
    expect(clientAddressOf("fd12::5", "[2001:db8::7]:51000", proxies)).toBe("2001:db8::7");
    expect(clientAddressOf("2001:db8::1", "198.51.100.1", proxies)).toBe("2001:db8::1");
  });

  it("reads IPv4-mapped IPv6 addresses as IPv4, both for trust and as the client's address", () => {
    const proxies = trust("127.0.0.1/32");
    // A dual-stack listener sees IPv4 peers as ::ffff:a.b.c.d.
    expect(clientAddressOf("::ffff:127.0.0.1", "203.0.113.7", proxies)).toBe("203.0.113.7");
    expect(clientAddressOf("::ffff:7f00:1", "203.0.113.7", proxies)).toBe("203.0.113.7");
    expect(clientAddressOf("::ffff:198.51.100.4", "203.0.113.7", proxies)).toBe("198.51.100.4");
    expect(clientAddressOf("127.0.0.1", "::ffff:203.0.113.7", proxies)).toBe("203.0.113.7");
    // A mapped entry of a trusted hop is skipped like its IPv4 spelling.
    expect(clientAddressOf("127.0.0.1", "203.0.113.7, ::ffff:127.0.0.1", proxies)).toBe(
      "203.0.113.7",
    );
  });
});

describe("parseAddress", () => {
  it("accepts addresses with a port or brackets, drops an IPv6 zone, refuses anything else", () => {
    expect(parseAddress(" 203.0.113.7:5000 ")).toEqual({ address: "203.0.113.7", family: "ipv4" });
    expect(parseAddress("[::1]")).toEqual({ address: "::1", family: "ipv6" });
    expect(parseAddress("fe80::1%eth0")).toEqual({ address: "fe80::1", family: "ipv6" });
    for (const junk of ["", "unknown", "01.2.3.4", "1.2.3", "[1.2.3.4", "::1:80:zz", "a b"]) {
      expect(parseAddress(junk), junk).toBeUndefined();
    }
  });
});

describe("parseNetwork", () => {
  it("reads addresses (a /32 or /128) and CIDR ranges, IPv4 and IPv6", () => {
    expect(parseNetwork("127.0.0.1")).toEqual({ address: "127.0.0.1", prefix: 32, family: "ipv4" });
    expect(parseNetwork(" 10.0.0.0/8 ")).toEqual({
      address: "10.0.0.0",
      prefix: 8,
      family: "ipv4",
    });
    expect(parseNetwork("::1")).toEqual({ address: "::1", prefix: 128, family: "ipv6" });
    expect(parseNetwork("fd00::/8")).toEqual({ address: "fd00::", prefix: 8, family: "ipv6" });
    expect(parseNetwork("0.0.0.0/0")).toEqual({ address: "0.0.0.0", prefix: 0, family: "ipv4" });
  });

  it("refuses anything else", () => {
    for (const bad of [
      "",
      "localhost",
      "10.0.0.0/33",
      "fd00::/129",
      "10.0.0.0/",
      "10.0.0.0/-1",
      "10.0.0.0/8/8",
      "10.0.0.0/x",
      "10.0.0.1:80",
      "[::1]",
      "fe80::1%eth0",
    ]) {
      expect(parseNetwork(bad), bad).toBeUndefined();
    }
  });
});
