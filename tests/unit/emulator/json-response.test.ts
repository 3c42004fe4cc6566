import { describe, expect, it } from "vitest";
import { json } from "@/lib/emulator/http";

describe("the emulator's JSON answers", () => {
  const body = { individuals: [{ id: "a", first_name: "Ada" }], paging: { count: 1, offset: 0 } };

  it("read back in-process, give the same value and bytes as the body streamed over HTTP", async () => {
    const streamed = await new Response(json(body).body).text();
    expect(streamed).toBe(JSON.stringify(body));
    expect(await json(body).json()).toEqual(body);
    expect(await json(body).text()).toBe(streamed);
  });

  it("can be read once, as any Response", async () => {
    const answer = json(body);
    await answer.json();
    await expect(answer.text()).rejects.toThrow(TypeError);
    const streamedFirst = json(body);
    await new Response(streamedFirst.body).text();
    expect(streamedFirst.bodyUsed).toBe(true);
    await expect(streamedFirst.json()).rejects.toThrow(TypeError);
  });

  it("keeps its status and headers", () => {
    const answer = json(body, 207, { "finch-request-id": "r-1" });
    expect(answer.status).toBe(207);
    expect(answer.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(answer.headers.get("finch-request-id")).toBe("r-1");
    expect(answer).toBeInstanceOf(Response);
  });
});
