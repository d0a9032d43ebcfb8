// Foundation end-to-end: deposits, withdrawals and their rejections on a real node, through the SDK, REST and CLI.
import { ClearchainTxError, ClearingErrorCodes, CLEARING_CODESPACE, SigningClearchainClient, composeMsgWithdraw } from "@clearchain/client";
import { GasPrice } from "@cosmjs/stargate";
import { loadNet, key, signingClient, queryClient, wallet } from "./support/net";
import { run } from "./support/process";
import { BINARY } from "./support/paths";

const net = loadNet();
const node = net.nodes[0];

async function bankUsdc(client: SigningClearchainClient, addr: string): Promise<bigint> {
  return BigInt((await client.getBalance(addr, "uusdc")).amount);
}

async function collateral(client: SigningClearchainClient, addr: string, n: number): Promise<bigint> {
  return BigInt((await client.getSubaccount(addr, n)).collateral);
}

/** expectRejected asserts a ClearchainTxError with the clearing code and unchanged bank + subaccount balances. */
async function expectRejected(client: SigningClearchainClient, addr: string, n: number, code: number, fn: () => Promise<unknown>) {
  const bankBefore = await bankUsdc(client, addr);
  const collBefore = n <= 127 ? await collateral(client, addr, n) : 0n;
  const err = await fn().then(() => undefined, (e) => e);
  expect(err).toBeInstanceOf(ClearchainTxError);
  expect((err as ClearchainTxError).codespace).toBe(CLEARING_CODESPACE);
  expect((err as ClearchainTxError).code).toBe(code);
  expect(await bankUsdc(client, addr)).toBe(bankBefore);
  if (n <= 127) expect(await collateral(client, addr, n)).toBe(collBefore);
}

describe("collateral deposits and withdrawals", () => {
  let alice: SigningClearchainClient;
  const aliceAddr = key(net, "alice").address;
  const bobAddr = key(net, "bob").address;

  beforeAll(async () => {
    alice = await signingClient(net, "alice");
  });
  afterAll(() => alice.disconnect());

  test("deposit moves exactly the amount from the bank into the subaccount and emits EventDeposit", async () => {
    const bankBefore = await bankUsdc(alice, aliceAddr);
    const collBefore = await collateral(alice, aliceAddr, 0);
    const res = await alice.deposit(aliceAddr, 0, 2_500_000n);
    expect(res.code).toBe(0);
    expect(await bankUsdc(alice, aliceAddr)).toBe(bankBefore - 2_500_000n);
    expect(await collateral(alice, aliceAddr, 0)).toBe(collBefore + 2_500_000n);
    expect(res.events.some((e) => e.type === "clearchain.clearing.v1.EventDeposit")).toBe(true);
  });

  test("withdraw moves collateral back, also to another recipient", async () => {
    await alice.deposit(aliceAddr, 1, "3000000uusdc");
    const bankBefore = await bankUsdc(alice, aliceAddr);
    await alice.withdraw(aliceAddr, 1, 1_000_000n);
    expect(await bankUsdc(alice, aliceAddr)).toBe(bankBefore + 1_000_000n);
    const bobBefore = await bankUsdc(alice, bobAddr);
    const res = await alice.withdraw(aliceAddr, 1, 500_000n, "auto", "", bobAddr);
    expect(res.events.some((e) => e.type === "clearchain.clearing.v1.EventWithdraw")).toBe(true);
    expect(await bankUsdc(alice, bobAddr)).toBe(bobBefore + 500_000n);
    expect(await collateral(alice, aliceAddr, 1)).toBe(1_500_000n);
  });

  test("overdraw is rejected with InsufficientCollateral and nothing changes", async () => {
    await alice.deposit(aliceAddr, 2, 1_000_000n);
    await expectRejected(alice, aliceAddr, 2, ClearingErrorCodes.InsufficientCollateral, () => alice.withdraw(aliceAddr, 2, 1_000_001n));
  });

  test("zero and negative amounts are rejected with InvalidAmount", async () => {
    await expectRejected(alice, aliceAddr, 0, ClearingErrorCodes.InvalidAmount, () => alice.deposit(aliceAddr, 0, 0n));
    await expectRejected(alice, aliceAddr, 0, ClearingErrorCodes.InvalidAmount, () => alice.deposit(aliceAddr, 0, "-5"));
    await expectRejected(alice, aliceAddr, 0, ClearingErrorCodes.InvalidAmount, () => alice.withdraw(aliceAddr, 0, 0n));
  });

  test("a wrong denom is rejected with InvalidDenom", async () => {
    await expectRejected(alice, aliceAddr, 0, ClearingErrorCodes.InvalidDenom, () => alice.deposit(aliceAddr, 0, { denom: "uclear", amount: "10" }));
  });

  test("subaccount number 128 is rejected with InvalidSubaccountNumber", async () => {
    await expectRejected(alice, aliceAddr, 128, ClearingErrorCodes.InvalidSubaccountNumber, () => alice.deposit(aliceAddr, 128, 1n));
  });

  test("a malformed recipient is rejected with InvalidAddress; a malformed owner fails the query", async () => {
    await expectRejected(alice, aliceAddr, 0, ClearingErrorCodes.InvalidAddress, () => alice.withdraw(aliceAddr, 0, 1n, "auto", "", "clear1xyz"));
    await expect(alice.getSubaccount("clear1notanaddress", 0)).rejects.toThrow();
  });

  test("someone else's subaccount cannot be withdrawn: a MsgWithdraw for bob signed by alice is refused", async () => {
    const bob = await signingClient(net, "bob");
    await bob.deposit(bobAddr, 0, 4_000_000n);
    const before = await collateral(bob, bobAddr, 0);
    const bobBank = await bankUsdc(bob, bobAddr);
    // alice signs a withdrawal naming bob as sender: the chain's signature check rejects it.
    const aliceSigner = await wallet(key(net, "alice"));
    const forged = await SigningClearchainClient.connectWithSigner(node.rpc, aliceSigner, { gasPrice: GasPrice.fromString("0.025uclear") });
    const msg = composeMsgWithdraw({ sender: bobAddr, subaccountNumber: 0, amount: { denom: "uusdc", amount: "1000000" }, recipient: aliceAddr });
    await expect(forged.signAndBroadcast(aliceAddr, [msg], { amount: [{ denom: "uclear", amount: "5000" }], gas: "200000" })).rejects.toThrow();
    expect(await collateral(bob, bobAddr, 0)).toBe(before);
    expect(await bankUsdc(bob, bobAddr)).toBe(bobBank);
    forged.disconnect();
    bob.disconnect();
  });

  test("50 concurrent deposits from one key all succeed through the queue", async () => {
    const q = await signingClient(net, "queue");
    const addr = key(net, "queue").address;
    const before = await collateral(q, addr, 3);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => q.deposit(addr, 3, BigInt(1000 + i))));
    expect(results.every((r) => r.code === 0)).toBe(true);
    const expected = Array.from({ length: 50 }, (_, i) => BigInt(1000 + i)).reduce((a, b) => a + b, 0n);
    expect(await collateral(q, addr, 3)).toBe(before + expected);
    q.disconnect();
  });

  test("REST and gRPC return the same subaccount", async () => {
    await alice.deposit(aliceAddr, 4, 777_000n);
    const grpcView = await alice.getSubaccount(aliceAddr, 4);
    const rest = (await (await fetch(`${node.api}/clearchain/clearing/v1/subaccounts/${aliceAddr}/4`)).json()) as Record<string, any>;
    expect(rest.collateral).toBe(grpcView.collateral);
    expect(rest.subaccount.collateral).toBe("777000");
    expect(rest.owner).toBe(grpcView.owner);
    expect(rest.denom).toBe(grpcView.denom);
    const unknown = (await (await fetch(`${node.api}/clearchain/clearing/v1/subaccounts/${aliceAddr}/99`)).json()) as Record<string, any>;
    expect(unknown.collateral).toBe("0");
  });

  test("CLI: query shows collateral as a string ('0' when unknown) and tx clearing deposit works", async () => {
    const q = (n: number) => JSON.parse(run(BINARY, ["q", "clearing", "subaccount", aliceAddr, String(n), "--output", "json", "--node", node.rpc.replace("http", "tcp")]));
    expect(q(77).collateral).toBe("0");
    const before = BigInt(q(5).collateral);
    // The CLI signs with a test keyring: import alice's mnemonic into a scratch keyring.
    const home = `${net.dir}/cli-home`;
    run(BINARY, ["keys", "add", "alice", "--recover", "--keyring-backend", "test", "--home", home], { input: `${key(net, "alice").mnemonic}\n` });
    const out = JSON.parse(run(BINARY, ["tx", "clearing", "deposit", "5", "1000uusdc", "--from", "alice", "--keyring-backend", "test", "--home", home,
      "--chain-id", net.chain_id, "--fees", "5000uclear", "--yes", "--output", "json", "--node", node.rpc.replace("http", "tcp")]));
    expect(out.code).toBe(0);
    const deadline = Date.now() + 20_000;
    while (BigInt(q(5).collateral) !== before + 1000n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 300));
    expect(BigInt(q(5).collateral)).toBe(before + 1000n);
  });
});

describe("read-only client", () => {
  test("getParams and getSubaccounts", async () => {
    const c = await queryClient(net);
    const params = await c.getParams();
    expect(params.collateralDenom).toBe("uusdc");
    const subs = await c.getSubaccounts(key(net, "alice").address);
    expect(subs.length).toBeGreaterThanOrEqual(1);
    c.disconnect();
  });
});
