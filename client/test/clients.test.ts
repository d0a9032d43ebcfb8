import { DirectSecp256k1Wallet } from "@cosmjs/proto-signing";
import { TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { decodeTxRaw } from "@cosmjs/proto-signing";

import { ClearchainClient } from "../src/client.js";
import { composeMsgDeposit } from "../src/index.js";
import { ClearchainTxError, ClearingErrorCodes, isClearchainTxError } from "../src/errors.js";
import { MsgDeposit } from "../src/generated/clearchain/clearing/v1/tx.js";
import { collateralAfter } from "../src/index.js";
import { SigningClearchainClient } from "../src/signingClient.js";
import { FakeNode } from "./fakeNode.js";

const PRIVKEY = new Uint8Array(32).fill(7);

async function setup(options: { withAccount?: boolean } = {}) {
  const wallet = await DirectSecp256k1Wallet.fromKey(PRIVKEY, "clear");
  const [{ address }] = await wallet.getAccounts();
  const node = new FakeNode();
  if (options.withAccount !== false) node.accounts.set(address, { accountNumber: 12n, sequence: 0 });
  const client = SigningClearchainClient.createWithSigner(node.client(), wallet, { txPollIntervalMs: 5, txTimeoutMs: 2_000 });
  // Produce a block every 20 ms, like a (fast) chain.
  const timer = setInterval(() => node.produceBlock(), 20);
  return { wallet, address, node, client, stop: () => clearInterval(timer) };
}

describe("SigningClearchainClient with a fake node", () => {
  it("deposits and reports the new collateral", async () => {
    const { address, node, client, stop } = await setup();
    try {
      const res = await client.deposit(address, 1, 1_000_000);
      expect(res.code).toBe(0);
      expect(collateralAfter(res)).toBe("1000000");
      expect(await client.getSubaccount(address, 1)).toEqual({
        owner: address,
        number: 1,
        collateral: "1000000",
        denom: "uusdc",
      });
      expect(node.counts.params).toBe(1);
    } finally {
      stop();
    }
  });

  it("runs 50 concurrent deposits from one key without sequence errors", async () => {
    const { address, node, client, stop } = await setup();
    try {
      const results = await Promise.all(Array.from({ length: 50 }, () => client.deposit(address, 0, 10)));
      expect(results.every((r) => r.code === 0)).toBe(true);
      expect(new Set(results.map((r) => r.transactionHash)).size).toBe(50);
      expect((await client.getSubaccount(address, 0)).collateral).toBe("500");
      // Bare amounts read the collateral denom from params once.
      expect(node.counts.params).toBe(1);
      // The account was read once; sequences were tracked locally.
      expect(node.counts.account).toBe(1);
    } finally {
      stop();
    }
  });

  it("uses the chain's collateral denom for bare amounts and accepts coins", async () => {
    const { address, node, client, stop } = await setup();
    node.collateralDenom = "ucollat";
    try {
      const res = await client.deposit(address, 2, "7");
      const tx = decodeTxRaw((await waitRaw(client, res.transactionHash)) ?? new Uint8Array());
      expect(MsgDeposit.decode(tx.body.messages[0].value).amount).toEqual({ denom: "ucollat", amount: "7" });
      const res2 = await client.deposit(address, 2, "3uother");
      const tx2 = decodeTxRaw((await waitRaw(client, res2.transactionHash)) ?? new Uint8Array());
      expect(MsgDeposit.decode(tx2.body.messages[0].value).amount).toEqual({ denom: "uother", amount: "3" });
      await expect(client.deposit(address, 2, "abc")).rejects.toThrow(TypeError);
    } finally {
      stop();
    }
  });

  it("throws ClearchainTxError when simulation fails", async () => {
    const { address, client, stop } = await setup();
    try {
      const err = await client.withdraw(address, 0, 5).catch((e: unknown) => e);
      expect(isClearchainTxError(err)).toBe(true);
      expect(err).toMatchObject({
        codespace: "clearing",
        code: ClearingErrorCodes.InsufficientCollateral,
        stage: "simulate",
        txHash: "",
      });
    } finally {
      stop();
    }
  });

  it("throws ClearchainTxError when DeliverTx fails (explicit fee skips simulation)", async () => {
    const { address, client, stop } = await setup();
    try {
      const fee = { amount: [{ denom: "uclear", amount: "5000" }], gas: "200000" };
      const err = (await client.withdraw(address, 0, 5, fee).catch((e: unknown) => e)) as ClearchainTxError;
      expect(err).toBeInstanceOf(ClearchainTxError);
      expect(err).toMatchObject({ codespace: "clearing", code: 5, stage: "deliverTx" });
      expect(err.txHash).toMatch(/^[0-9A-F]{64}$/);
      expect(err.height).toBeGreaterThan(10);
      // Zero deposits are sent and rejected by the chain, not the client.
      const zero = (await client.deposit(address, 0, 0, fee).catch((e: unknown) => e)) as ClearchainTxError;
      expect(zero).toMatchObject({ codespace: "clearing", code: ClearingErrorCodes.InvalidAmount });
      // The queue is still healthy.
      await expect(client.deposit(address, 0, 1)).resolves.toMatchObject({ code: 0 });
    } finally {
      stop();
    }
  });

  it("sends withdrawals to a recipient", async () => {
    const { address, client, stop } = await setup();
    try {
      await client.deposit(address, 4, 100);
      const res = await client.withdraw(address, 4, "40uusdc", "auto", "memo", "clear1recipient");
      expect(collateralAfter(res)).toBe("60");
      const tx = decodeTxRaw((await waitRaw(client, res.transactionHash)) ?? new Uint8Array());
      expect(tx.body.memo).toBe("memo");
    } finally {
      stop();
    }
  });

  it("keeps CosmJS signAndBroadcast semantics (returns failed DeliverTx results)", async () => {
    const { address, client, stop } = await setup();
    try {
      const fee = { amount: [{ denom: "uclear", amount: "5000" }], gas: "200000" };
      const msg = { typeUrl: "/clearchain.clearing.v1.MsgWithdraw", value: { sender: address, subaccountNumber: 9, amount: { denom: "uusdc", amount: "1" }, recipient: "" } };
      const res = await client.signAndBroadcast(address, [msg], fee);
      expect(res.code).toBe(5);
      const hash = await client.signAndBroadcastSync(address, [composeMsgDeposit({ sender: address, subaccountNumber: 9, amount: 1 })], "auto");
      expect(hash).toMatch(/^[0-9A-F]{64}$/);
      await expect(client.waitForTx(hash)).resolves.toMatchObject({ code: 0 });
    } finally {
      stop();
    }
  });

  it("lists subaccounts across pages and reads params/circuit state", async () => {
    const { address, client, node, stop } = await setup();
    try {
      for (const n of [5, 1, 3, 0, 2]) node.collateral.set(node.key(address, n), BigInt(n * 10));
      node.disabled.push("/clearchain.clearing.v1.MsgWithdraw");
      const subs = await client.getSubaccounts(address);
      expect(subs.map((s) => [s.number, s.collateral])).toEqual([
        [0, "0"],
        [1, "10"],
        [2, "20"],
        [3, "30"],
        [5, "50"],
      ]);
      expect(subs.every((s) => s.denom === "uusdc" && s.owner === address)).toBe(true);
      expect(await client.getParams()).toMatchObject({ collateralDenom: "uusdc", maxSubaccountsPerOwner: 128, maxQueryPageSize: 100 });
      expect(await client.getDisabledMsgTypeUrls()).toEqual(["/clearchain.clearing.v1.MsgWithdraw"]);
      expect((await client.getSubaccount(address, 77)).collateral).toBe("0");
      const page = await client.clearingQueryClient.clearing.subaccountsByOwner(address);
      expect(page.subaccounts).toHaveLength(2);
    } finally {
      stop();
    }
  });
});

describe("ClearchainClient with a fake node", () => {
  it("queries subaccounts and params", async () => {
    const node = new FakeNode();
    node.collateral.set(node.key("clear1owner", 3), 99n);
    const client = ClearchainClient.create(node.client());
    expect(await client.getSubaccount("clear1owner", 3)).toEqual({ owner: "clear1owner", number: 3, collateral: "99", denom: "uusdc" });
    expect(await client.getSubaccount("clear1owner", 4)).toMatchObject({ collateral: "0" });
    expect(await client.getSubaccounts("clear1owner")).toHaveLength(1);
    expect((await client.getParams()).collateralDenom).toBe("uusdc");
    expect(await client.getChainId()).toBe("clearchain-unit");
    expect(await client.clearingQueryClient.clearing.params()).toMatchObject({ maxQueryPageSize: 100 });
  });
});

describe("offline SigningClearchainClient", () => {
  it("signs clearing messages with explicit signer data", async () => {
    const wallet = await DirectSecp256k1Wallet.fromKey(PRIVKEY, "clear");
    const [{ address }] = await wallet.getAccounts();
    const client = await SigningClearchainClient.offline(wallet);
    const msg = composeMsgDeposit({ sender: address, subaccountNumber: 1, amount: 5 });
    const fee = { amount: [{ denom: "uclear", amount: "5000" }], gas: "200000" };
    const raw = await client.sign(address, [msg], fee, "", { accountNumber: 1n, sequence: 4, chainId: "c" });
    const tx = decodeTxRaw(TxRaw.encode(raw).finish());
    expect(tx.body.messages[0].typeUrl).toBe("/clearchain.clearing.v1.MsgDeposit");
    expect(tx.authInfo.signerInfos[0].sequence).toBe(4n);
    expect(client.gasMultiplier).toBe(1.5);
    expect(() => client.clearingQueryClient).toThrow();
  });
});

async function waitRaw(client: SigningClearchainClient, hash: string): Promise<Uint8Array | undefined> {
  return (await client.getTx(hash))?.tx;
}
