import type { StdFee } from "@cosmjs/amino";
import type { EncodeObject } from "@cosmjs/proto-signing";

import { composeMsgDeposit } from "../src/index.js";
import { ClearchainTxError, isClearchainTxError } from "../src/errors.js";
import { type QueueSignerData, TxQueue, type TxQueueDeps } from "../src/txQueue.js";

const ALICE = "clear1alice";
const BOB = "clear1bob";

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, Math.floor(Math.random() * 3)));

interface SignedTx {
  readonly address: string;
  readonly sequence: number;
  readonly accountNumber: bigint;
  readonly chainId: string;
  readonly fee: StdFee;
  readonly msgs: readonly EncodeObject[];
}

/** In-memory chain: `checkSeq` is the node's CheckTx view, `committedSeq` what account queries return. */
class FakeChain {
  public checkSeq = new Map<string, number>();
  public committedSeq = new Map<string, number>();
  public accepted: SignedTx[] = [];
  public fetches = 0;
  public simulations: number[] = [];
  /** Hooks to inject failures: return an Error to throw. */
  public simulateHook: (address: string, msgs: readonly EncodeObject[], seq: number) => Error | undefined = () => undefined;
  public checkTxHook: (tx: SignedTx) => ClearchainTxError | Error | undefined = () => undefined;
  public simulateSeqView: (address: string) => number = (a) => this.checkSeq.get(a) ?? 0;
  private readonly signed = new Map<string, SignedTx>();

  public deps(overrides: Partial<TxQueueDeps> = {}): TxQueueDeps {
    return {
      fetchAccount: async (address) => {
        this.fetches++;
        await tick();
        return { accountNumber: 7n, sequence: this.committedSeq.get(address) ?? 0 };
      },
      getChainId: async () => "clearchain-test",
      simulate: async (address, msgs, _memo, sequence) => {
        await tick();
        this.simulations.push(sequence);
        const hooked = this.simulateHook(address, msgs, sequence);
        if (hooked) throw hooked;
        const expected = this.simulateSeqView(address);
        if (sequence !== expected) {
          throw new Error(
            `Query failed with (6): rpc error: code = Unknown desc = account sequence mismatch, expected ${expected}, got ${sequence}: incorrect account sequence with gas used: '1000': unknown request`,
          );
        }
        return 100_000;
      },
      feeForGas: (gasLimit) => ({ amount: [{ denom: "uclear", amount: String(Math.ceil(gasLimit * 0.025)) }], gas: String(gasLimit) }),
      sign: async (address, msgs, fee, _memo, signerData: QueueSignerData) => {
        await tick();
        const id = `${address}/${signerData.sequence}/${Math.random()}`;
        this.signed.set(id, { address, msgs, fee, ...signerData });
        return new TextEncoder().encode(id);
      },
      broadcastSync: async (bytes) => {
        await tick();
        const tx = this.signed.get(new TextDecoder().decode(bytes));
        if (!tx) throw new Error("unknown tx");
        const hooked = this.checkTxHook(tx);
        if (hooked) throw hooked;
        const expected = this.checkSeq.get(tx.address) ?? 0;
        if (tx.sequence !== expected) {
          throw new ClearchainTxError({
            code: 32,
            codespace: "sdk",
            log: `account sequence mismatch, expected ${expected}, got ${tx.sequence}: incorrect account sequence`,
            txHash: "BAD",
            stage: "checkTx",
          });
        }
        this.checkSeq.set(tx.address, expected + 1);
        this.accepted.push(tx);
        return `HASH-${tx.address}-${tx.sequence}`;
      },
      sleep: async () => undefined,
      ...overrides,
    };
  }
}

const deposit = (n: number): EncodeObject => composeMsgDeposit({ sender: ALICE, subaccountNumber: 0, amount: n });

describe("TxQueue", () => {
  it("signs 50 concurrent transactions from one key with consecutive sequences", async () => {
    const chain = new FakeChain();
    const queue = new TxQueue(chain.deps());
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => queue.submit(ALICE, { msgs: [deposit(i + 1)], fee: "auto", memo: "" })),
    );
    expect(results.map((r) => r.sequence)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(new Set(results.map((r) => r.transactionHash)).size).toBe(50);
    expect(chain.fetches).toBe(1);
    // Submission order is preserved.
    expect(chain.accepted.map((t) => t.msgs[0].value.amount.amount)).toEqual(
      Array.from({ length: 50 }, (_, i) => String(i + 1)),
    );
    expect(queue.localSequence(ALICE)).toBe(50);
    expect(queue.activeSigners).toBe(0);
  });

  it("simulates with the local sequence and applies the gas multiplier", async () => {
    const chain = new FakeChain();
    chain.committedSeq.set(ALICE, 3);
    chain.checkSeq.set(ALICE, 3);
    const queue = new TxQueue(chain.deps(), { gasMultiplier: 1.5 });
    const a = await queue.submit(ALICE, { msgs: [deposit(1)], fee: "auto", memo: "" });
    const b = await queue.submit(ALICE, { msgs: [deposit(2)], fee: 2, memo: "" });
    expect(chain.simulations).toEqual([3, 4]);
    expect(a.fee.gas).toBe("150000");
    expect(b.fee.gas).toBe("200000");
    expect(chain.accepted.map((t) => [t.sequence, t.accountNumber, t.chainId])).toEqual([
      [3, 7n, "clearchain-test"],
      [4, 7n, "clearchain-test"],
    ]);
  });

  it("uses an explicit StdFee without simulating", async () => {
    const chain = new FakeChain();
    const queue = new TxQueue(chain.deps());
    const fee: StdFee = { amount: [{ denom: "uclear", amount: "5000" }], gas: "200000" };
    const res = await queue.submit(ALICE, { msgs: [deposit(1)], fee, memo: "m" });
    expect(res.fee).toBe(fee);
    expect(chain.simulations).toEqual([]);
  });

  it("does not let a failed simulation poison the queue or consume a sequence", async () => {
    const chain = new FakeChain();
    chain.simulateHook = (_a, msgs) =>
      msgs[0].value.amount.amount === "3"
        ? new Error(
            "Query failed with (6): rpc error: code = Unknown desc = failed to execute message; message index: 0: x: insufficient collateral with gas used: '1': unknown request",
          )
        : undefined;
    const queue = new TxQueue(chain.deps());
    const settled = await Promise.allSettled(
      [1, 2, 3, 4, 5].map((n) => queue.submit(ALICE, { msgs: [deposit(n)], fee: "auto", memo: "" })),
    );
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled"]);
    const err = (settled[2] as PromiseRejectedResult).reason;
    expect(isClearchainTxError(err)).toBe(true);
    expect(err).toMatchObject({ codespace: "clearing", code: 5, stage: "simulate", txHash: "" });
    expect(chain.accepted.map((t) => t.sequence)).toEqual([0, 1, 2, 3]);
  });

  it("does not consume a sequence on a CheckTx failure", async () => {
    const chain = new FakeChain();
    chain.checkTxHook = (tx) =>
      tx.msgs[0].value.amount.amount === "2"
        ? new ClearchainTxError({ code: 13, codespace: "sdk", log: "insufficient fee", txHash: "X", stage: "checkTx" })
        : undefined;
    const queue = new TxQueue(chain.deps());
    const settled = await Promise.allSettled(
      [1, 2, 3].map((n) => queue.submit(ALICE, { msgs: [deposit(n)], fee: "auto", memo: "" })),
    );
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((settled[1] as PromiseRejectedResult).reason).toMatchObject({ code: 13, codespace: "sdk", stage: "checkTx" });
    expect(chain.accepted.map((t) => t.sequence)).toEqual([0, 1]);
  });

  it("adopts the node's expected sequence after a CheckTx mismatch (another client used the key)", async () => {
    const chain = new FakeChain();
    const queue = new TxQueue(chain.deps());
    await queue.submit(ALICE, { msgs: [deposit(1)], fee: "auto", memo: "" });
    // Someone else broadcast 2 txs from the same key; simulation still sees our sequence (stale check state).
    chain.checkSeq.set(ALICE, 3);
    chain.simulateSeqView = () => queue.localSequence(ALICE) ?? 0;
    const res = await queue.submit(ALICE, { msgs: [deposit(2)], fee: "auto", memo: "" });
    expect(res.sequence).toBe(3);
    expect(queue.localSequence(ALICE)).toBe(4);
  });

  it("estimates gas at the node's sequence while its check state lags, but signs with the local one", async () => {
    const chain = new FakeChain();
    const queue = new TxQueue(chain.deps());
    await queue.submit(ALICE, { msgs: [deposit(1)], fee: "auto", memo: "" });
    await queue.submit(ALICE, { msgs: [deposit(2)], fee: "auto", memo: "" });
    // A block was committed and the node is re-checking its mempool: simulation sees sequence 1 for a moment.
    chain.simulateSeqView = () => 1;
    const res = await queue.submit(ALICE, { msgs: [deposit(3)], fee: "auto", memo: "" });
    expect(res.sequence).toBe(2);
    expect(chain.simulations.slice(-2)).toEqual([2, 1]);
  });

  it("refetches the account when the mismatch error has no expected sequence", async () => {
    const chain = new FakeChain();
    const queue = new TxQueue(chain.deps());
    await queue.submit(ALICE, { msgs: [deposit(1)], fee: "auto", memo: "" });
    chain.checkSeq.set(ALICE, 5);
    chain.committedSeq.set(ALICE, 5);
    let first = true;
    chain.checkTxHook = () => {
      if (!first) return undefined;
      first = false;
      return new ClearchainTxError({ code: 32, codespace: "sdk", log: "incorrect account sequence", stage: "checkTx" });
    };
    const res = await queue.submit(ALICE, { msgs: [deposit(2)], fee: { amount: [], gas: "1" }, memo: "" });
    expect(res.sequence).toBe(5);
    expect(chain.fetches).toBe(2);
  });

  it("gives up after maxSequenceRetries mismatches", async () => {
    const chain = new FakeChain();
    let attempts = 0;
    chain.checkTxHook = () => {
      attempts++;
      return new ClearchainTxError({
        code: 32,
        codespace: "sdk",
        log: "account sequence mismatch, expected 0, got 0: incorrect account sequence",
        stage: "checkTx",
      });
    };
    const queue = new TxQueue(chain.deps(), { maxSequenceRetries: 3 });
    await expect(queue.submit(ALICE, { msgs: [deposit(1)], fee: "auto", memo: "" })).rejects.toMatchObject({
      code: 32,
      codespace: "sdk",
    });
    expect(attempts).toBe(4);
    // The queue still works afterwards.
    chain.checkTxHook = () => undefined;
    await expect(queue.submit(ALICE, { msgs: [deposit(2)], fee: "auto", memo: "" })).resolves.toMatchObject({ sequence: 0 });
  });

  it("propagates transport errors unchanged and keeps going", async () => {
    const chain = new FakeChain();
    const base = chain.deps();
    let calls = 0;
    const queue = new TxQueue({
      ...base,
      broadcastSync: async (bytes) => {
        if (++calls === 1) throw new TypeError("fetch failed");
        return base.broadcastSync(bytes);
      },
    });
    const [a, b] = await Promise.allSettled([
      queue.submit(ALICE, { msgs: [deposit(1)], fee: "auto", memo: "" }),
      queue.submit(ALICE, { msgs: [deposit(2)], fee: "auto", memo: "" }),
    ]);
    expect(a.status).toBe("rejected");
    expect((a as PromiseRejectedResult).reason).toBeInstanceOf(TypeError);
    expect(b).toMatchObject({ status: "fulfilled", value: { sequence: 0 } });
  });

  it("runs different signers independently", async () => {
    const chain = new FakeChain();
    chain.committedSeq.set(BOB, 10);
    chain.checkSeq.set(BOB, 10);
    const queue = new TxQueue(chain.deps());
    const jobs = [];
    for (let i = 0; i < 10; i++) {
      jobs.push(queue.submit(ALICE, { msgs: [deposit(i)], fee: "auto", memo: "" }));
      jobs.push(queue.submit(BOB, { msgs: [deposit(i)], fee: "auto", memo: "" }));
    }
    const results = await Promise.all(jobs);
    expect(results.filter((_, i) => i % 2 === 0).map((r) => r.sequence)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(results.filter((_, i) => i % 2 === 1).map((r) => r.sequence)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(chain.fetches).toBe(2);
  });

  it("reset() forces a refetch", async () => {
    const chain = new FakeChain();
    const queue = new TxQueue(chain.deps());
    await queue.submit(ALICE, { msgs: [deposit(1)], fee: "auto", memo: "" });
    queue.reset(ALICE);
    expect(queue.localSequence(ALICE)).toBeUndefined();
    chain.committedSeq.set(ALICE, 1);
    await queue.submit(ALICE, { msgs: [deposit(2)], fee: "auto", memo: "" });
    expect(chain.fetches).toBe(2);
    queue.reset();
    expect(queue.localSequence(ALICE)).toBeUndefined();
  });

  it("does not cache unknown accounts and refetches after a signature failure", async () => {
    const chain = new FakeChain();
    const base = chain.deps();
    let exists = false;
    const queue = new TxQueue({
      ...base,
      fetchAccount: async (a) => ({ ...(await base.fetchAccount(a)), exists }),
    });
    chain.checkTxHook = () => new ClearchainTxError({ code: 9, codespace: "sdk", log: "unknown address", stage: "checkTx" });
    await expect(queue.submit(ALICE, { msgs: [deposit(1)], fee: "auto", memo: "" })).rejects.toMatchObject({ code: 9 });
    expect(queue.localSequence(ALICE)).toBeUndefined();
    exists = true;
    chain.checkTxHook = () =>
      new ClearchainTxError({ code: 4, codespace: "sdk", log: "signature verification failed: unauthorized", stage: "checkTx" });
    await expect(queue.submit(ALICE, { msgs: [deposit(2)], fee: "auto", memo: "" })).rejects.toMatchObject({ code: 4 });
    expect(queue.localSequence(ALICE)).toBeUndefined();
    chain.checkTxHook = () => undefined;
    await expect(queue.submit(ALICE, { msgs: [deposit(3)], fee: "auto", memo: "" })).resolves.toMatchObject({ sequence: 0 });
    expect(chain.fetches).toBe(3);
  });

  it("moves to the next sequence when another client already broadcast the byte-identical tx", async () => {
    const chain = new FakeChain();
    const queue = new TxQueue(chain.deps());
    let first = true;
    chain.checkTxHook = (tx) => {
      if (!first) return undefined;
      first = false;
      chain.checkSeq.set(tx.address, tx.sequence + 1); // the other client's identical tx took this sequence
      return new Error('{"code":-32603,"message":"Internal error","data":"tx already exists in cache"}');
    };
    chain.simulateSeqView = () => queue.localSequence(ALICE) ?? 0;
    const res = await queue.submit(ALICE, { msgs: [deposit(1)], fee: "auto", memo: "" });
    expect(res.sequence).toBe(1);
    expect(queue.localSequence(ALICE)).toBe(2);
  });
});
