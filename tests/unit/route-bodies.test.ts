import { describe, expect, it } from "vitest";
import { invalidResponse, readBodyText, readJsonBody, tooManyRequests } from "@/lib/route-handlers";

const post = (body: string, contentType = "application/json") =>
  new Request("http://127.0.0.1/api/x", {
    method: "POST",
    headers: { "content-type": contentType },
    body,
  });

async function refusal(read: Awaited<ReturnType<typeof readJsonBody>>) {
  if (read.ok) throw new Error("expected a refusal");
  return { status: read.response.status, body: await read.response.json() };
}

describe("the dashboard routes' JSON bodies", () => {
  it("reads a JSON body sent as application/json within the limit", async () => {
    const read = await readJsonBody(
      post('{"scope":null}', "application/json; charset=utf-8"),
      "scope",
      64,
    );
    expect(read).toEqual({ ok: true, body: { scope: null } });
  });

  it("answers 415, 413 and 400 as Statuses naming what was sent", async () => {
    expect(await refusal(await readJsonBody(post("{}", "text/plain"), "scope", 64))).toMatchObject({
      status: 415,
      body: {
        kind: "Status",
        reason: "UnsupportedMediaType",
        message: "Send the scope as application/json.",
      },
    });
    expect(
      await refusal(await readJsonBody(post(`"${"x".repeat(70)}"`), "question", 64)),
    ).toMatchObject({
      status: 413,
      body: { reason: "RequestEntityTooLarge", message: "The question is too large." },
    });
    expect(await refusal(await readJsonBody(post("{"), "scope", 64))).toMatchObject({
      status: 400,
      body: { reason: "BadRequest", message: "The body is not JSON." },
    });
  });

  it("names the first three causes of a 422 and keeps them all in its details", async () => {
    const causes = ["a", "b", "c", "d"].map((field) => ({
      field,
      message: "is wrong",
      reason: "FieldValueInvalid" as const,
    }));
    const response = invalidResponse("scope", causes);
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      reason: "Invalid",
      message: "The scope is invalid: a: is wrong; b: is wrong; c: is wrong",
      details: { causes },
    });
  });

  it("answers 429 with Retry-After in the header and in the Status", async () => {
    const response = tooManyRequests(7, "Too many questions: try again in 7 s.");
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("7");
    expect(await response.json()).toMatchObject({
      reason: "TooManyRequests",
      details: { retryAfterSeconds: 7 },
    });
  });
});

/** A body that never ends, counting what was pulled from it: a client streaming without stop. */
function endlessBody() {
  const pulled = { bytes: 0 };
  const chunk = new TextEncoder().encode("x".repeat(16 * 1024));
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled.bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  const request = new Request("http://127.0.0.1/api/x", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
    duplex: "half",
  } as RequestInit);
  return { request, pulled };
}

describe("a body larger than a route takes is not read", () => {
  it("stops reading an endless body just past the limit and answers 413", async () => {
    const { request, pulled } = endlessBody();
    expect(await refusal(await readJsonBody(request, "scope", 64 * 1024))).toMatchObject({
      status: 413,
      body: { reason: "RequestEntityTooLarge" },
    });
    expect(pulled.bytes).toBeLessThanOrEqual(64 * 1024 + 3 * 16 * 1024);
  }, 5_000);

  it("refuses a declared Content-Length over the limit without reading at all", async () => {
    const { request, pulled } = endlessBody();
    const declared = new Request(request, {
      headers: { "content-type": "application/json", "content-length": "999999999" },
    });
    expect(await readBodyText(declared, 1024)).toBeUndefined();
    expect(pulled.bytes).toBeLessThanOrEqual(3 * 16 * 1024);
  });

  it("reads a body within the limit whole, multibyte characters included", async () => {
    const text = JSON.stringify({ note: "zürich — 東京" });
    expect(await readBodyText(post(text), 1024)).toBe(text);
    expect(await readBodyText(post(text), Buffer.byteLength(text) - 1)).toBeUndefined();
  });
});
