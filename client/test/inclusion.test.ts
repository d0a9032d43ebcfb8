import { TxMsgData } from "cosmjs-types/cosmos/base/abci/v1beta1/abci";

import { ClearchainTxError } from "../src/errors.js";
import { type IndexedTxResult, toDeliverTxResponse, waitForTx } from "../src/inclusion.js";

const indexed = (code = 0, codespace = ""): IndexedTxResult => ({
  height: 42,
  index: 3,
  result: {
    code,
    codespace,
    log: code ? "boom: insufficient collateral" : "",
    data: TxMsgData.encode(
      TxMsgData.fromPartial({
        msgResponses: [{ typeUrl: "/clearchain.clearing.v1.MsgDepositResponse", value: new Uint8Array([10, 1, 0x35]) }],
      }),
    ).finish(),
    events: [{ type: "message", attributes: [{ key: "action", value: "deposit" }] }],
    gasWanted: 150_000n,
    gasUsed: 90_000n,
  },
});

describe("toDeliverTxResponse", () => {
  it("maps an indexed tx to a DeliverTxResponse with codespace", () => {
    const r = toDeliverTxResponse("ABCD", indexed(5, "clearing"));
    expect(r).toMatchObject({
      code: 5,
      codespace: "clearing",
      height: 42,
      txIndex: 3,
      transactionHash: "ABCD",
      rawLog: "boom: insufficient collateral",
      gasUsed: 90_000n,
      gasWanted: 150_000n,
    });
    expect(r.events).toEqual([{ type: "message", attributes: [{ key: "action", value: "deposit" }] }]);
    expect(r.msgResponses).toEqual([
      { typeUrl: "/clearchain.clearing.v1.MsgDepositResponse", value: new Uint8Array([10, 1, 0x35]) },
    ]);
  });
});

describe("waitForTx", () => {
  const fakeClock = () => {
    let t = 0;
    return { now: () => t, sleep: async (ms: number) => void (t += ms) };
  };

  it("polls until the tx is found", async () => {
    const clock = fakeClock();
    let polls = 0;
    const res = await waitForTx(async () => (++polls < 4 ? undefined : indexed()), "H1", { ...clock, pollIntervalMs: 100 });
    expect(polls).toBe(4);
    expect(res.code).toBe(0);
    expect(res.transactionHash).toBe("H1");
    expect(clock.now()).toBe(400);
  });

  it("retries transient lookup errors", async () => {
    const clock = fakeClock();
    let polls = 0;
    const res = await waitForTx(
      async () => {
        if (++polls === 1) throw new Error("ECONNRESET");
        return indexed();
      },
      "H2",
      clock,
    );
    expect(res.height).toBe(42);
  });

  it("throws a ClearchainTxError after the timeout", async () => {
    const clock = fakeClock();
    const p = waitForTx(async () => undefined, "H3", { ...clock, timeoutMs: 1_000, pollIntervalMs: 300 });
    await expect(p).rejects.toBeInstanceOf(ClearchainTxError);
    await expect(p).rejects.toMatchObject({ codespace: "client", code: 1, stage: "timeout", txHash: "H3" });
  });

  it("returns failed (code != 0) results for the caller to judge", async () => {
    const res = await waitForTx(async () => indexed(5, "clearing"), "H4", fakeClock());
    expect(res.code).toBe(5);
  });
});
