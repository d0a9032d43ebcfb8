// Foundation end-to-end: deposits, withdrawals and their rejections on a real node, through the SDK, REST and CLI.
import {
  ClearchainTxError, ClearingErrorCodes, CLEARING_CODESPACE, SigningClearchainClient, clearchainRegistry, composeMsgDeposit,
  composeMsgWithdraw,
} from "@clearchain/client";
import { encodeSecp256k1Pubkey } from "@cosmjs/amino";
import { fromBase64, toHex } from "@cosmjs/encoding";
import { DirectSecp256k1HdWallet, EncodeObject, encodePubkey, makeAuthInfoBytes, makeSignDoc } from "@cosmjs/proto-signing";
import { StdFee } from "@cosmjs/stargate";
import { Comet38Client } from "@cosmjs/tendermint-rpc";
import { TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { status, waitForHeight } from "./support/chain";
import { loadNet, key, signingClient, queryClient, wallet } from "./support/net";
import { run, waitFor } from "./support/process";
import { BINARY } from "./support/paths";

const net = loadNet();
const node = net.nodes[0];
const tmNode = node.rpc.replace("http://", "tcp://");
/** FIXED_FEE skips simulation, so a bad message reaches CheckTx and, if it passes, a block (DeliverTx). */
const FIXED_FEE: StdFee = { amount: [{ denom: "uclear", amount: "5000" }], gas: "300000" };

async function bank(client: SigningClearchainClient, addr: string, denom = "uusdc"): Promise<bigint> {
  return BigInt((await client.getBalance(addr, denom)).amount);
}

async function collateral(client: SigningClearchainClient, addr: string, n: number): Promise<bigint> {
  return BigInt((await client.getSubaccount(addr, n)).collateral);
}

/** attrs decodes a typed event's attributes (values are JSON-encoded) into an object. */
function attrs(events: readonly { type: string; attributes: readonly { key: string; value: string }[] }[], type: string): Record<string, unknown> {
  const e = events.find((x) => x.type === type);
  if (!e) throw new Error(`no ${type} in ${events.map((x) => x.type).join(", ")}`);
  const out: Record<string, unknown> = {};
  for (const a of e.attributes) {
    try {
      out[a.key] = JSON.parse(a.value);
    } catch {
      out[a.key] = a.value;
    }
  }
  return out;
}

/** cometTx fetches a transaction result by hash from CometBFT (undefined when not found). */
async function cometTx(hash: string): Promise<{ height: string; tx_result: { code: number; codespace: string } } | undefined> {
  const body = (await (await fetch(`${node.rpc}/tx?hash=0x${hash}`)).json()) as { result?: { height: string; tx_result: { code: number; codespace: string } } };
  return body.result;
}

/** errorOf runs fn and returns its ClearchainTxError (failing the test if it resolved or threw something else). */
async function errorOf(fn: () => Promise<unknown>): Promise<ClearchainTxError> {
  const err = await fn().then(() => undefined, (e) => e);
  if (!(err instanceof ClearchainTxError)) throw new Error(`expected a ClearchainTxError, got ${err === undefined ? "success" : String(err)}`);
  return err;
}

/**
 * expectRejected sends msg twice — with fee "auto" (the node simulates it) and with a fixed fee (no simulation: the
 * node's CheckTx or a block's DeliverTx decides) — and asserts the clearing code both times, that bank uusdc and the
 * subaccount's collateral did not move, and that uclear moved by exactly the fee when the failed tx was in a block.
 */
async function expectRejected(client: SigningClearchainClient, addr: string, n: number, code: number, msg: EncodeObject): Promise<void> {
  const snapshot = async () => ({ usdc: await bank(client, addr), clear: await bank(client, addr, "uclear"), coll: n <= 127 ? await collateral(client, addr, n) : 0n });
  const before = await snapshot();
  const simulated = await errorOf(() => client.signAndBroadcastQueued(addr, [msg], "auto"));
  expect({ codespace: simulated.codespace, code: simulated.code }).toEqual({ codespace: CLEARING_CODESPACE, code });
  expect(await snapshot()).toEqual(before);

  const broadcast = await errorOf(() => client.signAndBroadcastQueued(addr, [msg], FIXED_FEE));
  expect({ codespace: broadcast.codespace, code: broadcast.code }).toEqual({ codespace: CLEARING_CODESPACE, code });
  expect(["checkTx", "deliverTx"]).toContain(broadcast.stage);
  const after = await snapshot();
  expect(after.usdc).toBe(before.usdc);
  expect(after.coll).toBe(before.coll);
  if (broadcast.stage === "deliverTx") {
    // The failed transaction is in a block with the same code, and only its fee was charged.
    const onChain = await cometTx(broadcast.txHash);
    expect(onChain?.tx_result).toMatchObject({ code, codespace: CLEARING_CODESPACE });
    expect(after.clear).toBe(before.clear - 5000n);
  } else {
    expect(after.clear).toBe(before.clear);
  }
}

describe("collateral deposits and withdrawals", () => {
  let alice: SigningClearchainClient;
  const aliceAddr = key(net, "alice").address;
  const bobAddr = key(net, "bob").address;
  const carolAddr = key(net, "carol").address;

  beforeAll(async () => {
    alice = await signingClient(net, "alice");
  });
  afterAll(() => alice.disconnect());

  test("deposit moves exactly the amount from the bank into the subaccount and emits EventDeposit", async () => {
    const bankBefore = await bank(alice, aliceAddr);
    const collBefore = await collateral(alice, aliceAddr, 0);
    const res = await alice.deposit(aliceAddr, 0, 2_500_000n);
    expect(res.code).toBe(0);
    expect(await bank(alice, aliceAddr)).toBe(bankBefore - 2_500_000n);
    expect(await collateral(alice, aliceAddr, 0)).toBe(collBefore + 2_500_000n);
    const ev = attrs(res.events, "clearchain.clearing.v1.EventDeposit");
    expect(ev).toMatchObject({ owner: aliceAddr, denom: "uusdc", amount: "2500000", collateral_after: String(collBefore + 2_500_000n) });
    expect(Number(ev.subaccount_number)).toBe(0);
    // The same event is in the block's transaction result on the node.
    const onChain = await cometTx(res.transactionHash);
    expect(onChain?.tx_result.code).toBe(0);
    expect(Number(onChain?.height)).toBe(res.height);
  });

  test("withdraw moves collateral back to the owner, and to another recipient", async () => {
    await alice.deposit(aliceAddr, 1, "3000000uusdc");
    expect(await collateral(alice, aliceAddr, 1)).toBe(3_000_000n);
    const bankBefore = await bank(alice, aliceAddr);
    const own = await alice.withdraw(aliceAddr, 1, 1_000_000n);
    expect(await bank(alice, aliceAddr)).toBe(bankBefore + 1_000_000n);
    expect(await collateral(alice, aliceAddr, 1)).toBe(2_000_000n);
    expect(attrs(own.events, "clearchain.clearing.v1.EventWithdraw")).toMatchObject({ owner: aliceAddr, recipient: aliceAddr, amount: "1000000", collateral_after: "2000000" });

    const bobBefore = await bank(alice, bobAddr);
    const res = await alice.withdraw(aliceAddr, 1, 500_000n, "auto", "", bobAddr);
    expect(attrs(res.events, "clearchain.clearing.v1.EventWithdraw")).toMatchObject({ owner: aliceAddr, recipient: bobAddr, denom: "uusdc", amount: "500000", collateral_after: "1500000" });
    expect(await bank(alice, bobAddr)).toBe(bobBefore + 500_000n);
    expect(await bank(alice, aliceAddr)).toBe(bankBefore + 1_000_000n); // the owner's bank did not get it
    expect(await collateral(alice, aliceAddr, 1)).toBe(1_500_000n);
  });

  test("overdraw is rejected with InsufficientCollateral and nothing changes", async () => {
    await alice.deposit(aliceAddr, 2, 1_000_000n);
    const msg = composeMsgWithdraw({ sender: aliceAddr, subaccountNumber: 2, amount: 1_000_001n });
    await expectRejected(alice, aliceAddr, 2, ClearingErrorCodes.InsufficientCollateral, msg);
    // Through the SDK's withdraw too, and the whole balance still comes out afterwards.
    const err = await errorOf(() => alice.withdraw(aliceAddr, 2, 1_000_001n));
    expect([err.codespace, err.code]).toEqual([CLEARING_CODESPACE, ClearingErrorCodes.InsufficientCollateral]);
    await alice.withdraw(aliceAddr, 2, 1_000_000n);
    expect(await collateral(alice, aliceAddr, 2)).toBe(0n);
    // An unknown subaccount has nothing to withdraw.
    await expectRejected(alice, aliceAddr, 60, ClearingErrorCodes.InsufficientCollateral, composeMsgWithdraw({ sender: aliceAddr, subaccountNumber: 60, amount: 1n }));
  });

  test("zero and negative amounts are rejected with InvalidAmount", async () => {
    await alice.deposit(aliceAddr, 6, 100n);
    const coin = (amount: string) => ({ denom: "uusdc", amount });
    for (const amount of ["0", "-5"]) {
      await expectRejected(alice, aliceAddr, 6, ClearingErrorCodes.InvalidAmount, composeMsgDeposit({ sender: aliceAddr, subaccountNumber: 6, amount: coin(amount) }));
      await expectRejected(alice, aliceAddr, 6, ClearingErrorCodes.InvalidAmount, composeMsgWithdraw({ sender: aliceAddr, subaccountNumber: 6, amount: coin(amount) }));
    }
    // The composer really carried "-5" to the chain (nothing client-side rewrote it).
    expect(composeMsgDeposit({ sender: aliceAddr, subaccountNumber: 0, amount: coin("-5") }).value.amount?.amount).toBe("-5");
    // And the SDK's own deposit(…, 0) is rejected by the chain with the same code.
    const err = await errorOf(() => alice.deposit(aliceAddr, 6, 0n));
    expect(err.code).toBe(ClearingErrorCodes.InvalidAmount);
    expect(await collateral(alice, aliceAddr, 6)).toBe(100n);
  });

  test("a wrong denom is rejected with InvalidDenom", async () => {
    await expectRejected(alice, aliceAddr, 0, ClearingErrorCodes.InvalidDenom, composeMsgDeposit({ sender: aliceAddr, subaccountNumber: 0, amount: { denom: "uclear", amount: "10" } }));
    await expectRejected(alice, aliceAddr, 0, ClearingErrorCodes.InvalidDenom, composeMsgWithdraw({ sender: aliceAddr, subaccountNumber: 0, amount: "10uclear" }));
  });

  test("subaccount number 128 is rejected with InvalidSubaccountNumber; 127 is accepted", async () => {
    await expectRejected(alice, aliceAddr, 128, ClearingErrorCodes.InvalidSubaccountNumber, composeMsgDeposit({ sender: aliceAddr, subaccountNumber: 128, amount: 1n }));
    await expectRejected(alice, aliceAddr, 128, ClearingErrorCodes.InvalidSubaccountNumber, composeMsgWithdraw({ sender: aliceAddr, subaccountNumber: 128, amount: 1n }));
    await alice.deposit(aliceAddr, 127, 1n);
    expect(await collateral(alice, aliceAddr, 127)).toBe(1n);
  });

  test("a malformed recipient is rejected with InvalidAddress; a malformed owner fails the query", async () => {
    await alice.deposit(aliceAddr, 7, 10n);
    await expectRejected(alice, aliceAddr, 7, ClearingErrorCodes.InvalidAddress, composeMsgWithdraw({ sender: aliceAddr, subaccountNumber: 7, amount: 1n, recipient: "clear1xyz" }));
    const err = await errorOf(() => alice.withdraw(aliceAddr, 7, 1n, "auto", "", "clear1xyz"));
    expect(err.code).toBe(ClearingErrorCodes.InvalidAddress);
    await expect(alice.getSubaccount("clear1notanaddress", 0)).rejects.toThrow();
    const rest = await fetch(`${node.api}/clearchain/clearing/v1/subaccounts/clear1notanaddress/0`);
    expect(rest.ok).toBe(false);
    expect(() => run(BINARY, ["q", "clearing", "subaccount", "clear1notanaddress", "0", "--output", "json", "--node", tmNode])).toThrow();
  });

  test("someone else's subaccount cannot be withdrawn: a MsgWithdraw naming bob as sender but signed by alice is refused", async () => {
    const bob = await signingClient(net, "bob");
    await bob.deposit(bobAddr, 0, 4_000_000n);
    const snapshot = async () => ({ coll: await collateral(bob, bobAddr, 0), bobBank: await bank(bob, bobAddr), aliceBank: await bank(bob, aliceAddr) });
    const before = await snapshot();
    const aliceWallet = await wallet(key(net, "alice"));
    const [aliceAcc] = await aliceWallet.getAccounts();
    const aliceOnChain = (await alice.getAccount(aliceAddr))!;
    const bobOnChain = (await bob.getAccount(bobAddr))!;
    expect(bobOnChain.pubkey).toBeTruthy(); // bob has signed before, so his public key is on chain
    const registry = clearchainRegistry();
    const bodyBytes = registry.encodeTxBody({
      messages: [composeMsgWithdraw({ sender: bobAddr, subaccountNumber: 0, amount: 1_000_000n, recipient: aliceAddr })], memo: "forged",
    });
    const comet = await Comet38Client.connect(node.rpc);

    /** forge builds a TxRaw whose signer info carries pubkey/sequence, signed by alice for accountNumber, and broadcasts it. */
    const forge = async (pubkey: Uint8Array, sequence: number, accountNumber: number | bigint) => {
      const authInfoBytes = makeAuthInfoBytes([{ pubkey: encodePubkey(encodeSecp256k1Pubkey(pubkey)), sequence }], FIXED_FEE.amount, Number(FIXED_FEE.gas), undefined, undefined);
      const { signature } = await aliceWallet.signDirect(aliceAddr, makeSignDoc(bodyBytes, authInfoBytes, net.chain_id, accountNumber));
      const tx = TxRaw.encode(TxRaw.fromPartial({ bodyBytes, authInfoBytes, signatures: [fromBase64(signature.signature)] })).finish();
      return comet.broadcastTxSync({ tx });
    };

    // 1. alice's own public key and account: the signer's key does not belong to the message's signer (bob).
    const a = await forge(aliceAcc.pubkey, aliceOnChain.sequence, aliceOnChain.accountNumber);
    expect({ code: a.code, codespace: a.codespace }).toEqual({ code: 8, codespace: "sdk" }); // ErrInvalidPubKey
    expect(a.log).toMatch(/pubKey does not match signer address/);
    // 2. bob's public key, account number and sequence, but alice's signature: signature verification fails.
    const pk = fromBase64((bobOnChain.pubkey as { value: string }).value);
    const b = await forge(pk, bobOnChain.sequence, bobOnChain.accountNumber);
    expect({ code: b.code, codespace: b.codespace }).toEqual({ code: 4, codespace: "sdk" }); // ErrUnauthorized
    expect(b.log).toMatch(/signature verification failed/);

    // Neither was included in a block, and nothing moved.
    await waitForHeight(node.rpc, (await status(node.rpc)).height + 2);
    for (const r of [a, b]) expect(await cometTx(toHex(r.hash).toUpperCase())).toBeUndefined();
    expect(await snapshot()).toEqual(before);
    expect((await bob.getAccount(bobAddr))!.sequence).toBe(bobOnChain.sequence);
    comet.disconnect();
    bob.disconnect();
  });

  test("50 concurrent deposits from one key all succeed through the queue", async () => {
    const q = await signingClient(net, "queue");
    const addr = key(net, "queue").address;
    const [collBefore, bankBefore, seqBefore] = [await collateral(q, addr, 3), await bank(q, addr), (await q.getSequence(addr)).sequence];
    const amounts = Array.from({ length: 50 }, (_, i) => BigInt(1000 + i));
    const results = await Promise.all(amounts.map((a) => q.deposit(addr, 3, a)));
    expect(results.map((r) => r.code)).toEqual(amounts.map(() => 0));
    expect(new Set(results.map((r) => r.transactionHash)).size).toBe(50);
    const sum = amounts.reduce((x, y) => x + y, 0n);
    expect(await collateral(q, addr, 3)).toBe(collBefore + sum);
    expect(await bank(q, addr)).toBe(bankBefore - sum);
    expect((await q.getSequence(addr)).sequence).toBe(seqBefore + 50);
    q.disconnect();
  });

  test("REST and gRPC (ABCI query) return the same subaccount", async () => {
    await alice.deposit(aliceAddr, 4, 777_000n);
    const grpcView = await alice.getSubaccount(aliceAddr, 4);
    const res = await fetch(`${node.api}/clearchain/clearing/v1/subaccounts/${aliceAddr}/4`);
    expect(res.status).toBe(200);
    const rest = (await res.json()) as Record<string, any>;
    expect(grpcView.collateral).toBe("777000");
    expect(rest.collateral).toBe(grpcView.collateral);
    expect(rest.subaccount).toMatchObject({ owner: aliceAddr, collateral: "777000" });
    expect(Number(rest.subaccount.number)).toBe(4);
    expect(rest.owner).toBe(grpcView.owner);
    expect(Number(rest.number)).toBe(grpcView.number);
    expect(rest.denom).toBe(grpcView.denom);
    expect(rest.denom).toBe("uusdc");
    const unknown = (await (await fetch(`${node.api}/clearchain/clearing/v1/subaccounts/${aliceAddr}/99`)).json()) as Record<string, any>;
    expect(unknown.collateral).toBe("0");
    expect((await alice.getSubaccount(aliceAddr, 99)).collateral).toBe("0");
    // SubaccountsByOwner: the same numbers and collaterals both ways.
    const list = (await (await fetch(`${node.api}/clearchain/clearing/v1/subaccounts/${aliceAddr}`)).json()) as { subaccounts: { number: number | string; collateral: string }[] };
    const viaRest = list.subaccounts.map((s) => [Number(s.number), s.collateral]);
    const viaGrpc = (await alice.getSubaccounts(aliceAddr)).map((s) => [s.number, s.collateral]);
    expect(viaRest).toEqual(viaGrpc);
    expect(viaRest).toContainEqual([4, "777000"]);
  });

  test("CLI: query shows collateral as a string ('0' when unknown); tx clearing deposit and withdraw --recipient work", async () => {
    const q = (n: number) => JSON.parse(run(BINARY, ["q", "clearing", "subaccount", aliceAddr, String(n), "--output", "json", "--node", tmNode]));
    const unknown = q(77);
    expect(unknown.collateral).toBe("0");
    expect(typeof q(4).collateral).toBe("string");
    const before = BigInt(q(5).collateral);
    // The harness imported every funded key into the node home's test keyring.
    const home = node.home;
    const listed = JSON.parse(run(BINARY, ["keys", "show", "alice", "--keyring-backend", "test", "--home", home, "--output", "json"]));
    expect(listed.address).toBe(aliceAddr);
    const tx = (...args: string[]) => {
      const out = JSON.parse(run(BINARY, ["tx", "clearing", ...args, "--from", "alice", "--keyring-backend", "test", "--home", home,
        "--chain-id", net.chain_id, "--fees", "5000uclear", "--yes", "--output", "json", "--node", tmNode]));
      expect(out.code).toBe(0);
      return waitFor(`tx ${out.txhash}`, () => cometTx(out.txhash), 30_000, 300);
    };
    expect((await tx("deposit", "5", "1000uusdc")).tx_result.code).toBe(0);
    expect(BigInt(q(5).collateral)).toBe(before + 1000n);
    const carolBefore = await bank(alice, carolAddr);
    expect((await tx("withdraw", "5", "400", "--recipient", carolAddr)).tx_result.code).toBe(0); // bare amount = uusdc
    expect(BigInt(q(5).collateral)).toBe(before + 600n);
    expect(await bank(alice, carolAddr)).toBe(carolBefore + 400n);
  });
});

describe("read-only client", () => {
  test("getParams and getSubaccounts agree with REST", async () => {
    const c = await queryClient(net);
    const params = await c.getParams();
    expect(params.collateralDenom).toBe("uusdc");
    const rest = (await (await fetch(`${node.api}/clearchain/clearing/v1/params`)).json()) as { params: { collateral_denom: string } };
    expect(rest.params.collateral_denom).toBe(params.collateralDenom);
    const subs = await c.getSubaccounts(key(net, "alice").address);
    expect(subs.map((s) => s.number)).toEqual(expect.arrayContaining([0, 1, 4]));
    const [fresh] = await (await DirectSecp256k1HdWallet.generate(12, { prefix: "clear" })).getAccounts();
    expect(await c.getSubaccounts(fresh.address)).toEqual([]);
    expect((await c.getSubaccount(fresh.address, 0)).collateral).toBe("0");
    c.disconnect();
  });
});
