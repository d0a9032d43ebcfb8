// Hostile-input catalogue against a real node (the Go half is chain/app/hostile_*_test.go): malformed and hostile
// REST requests on every clearing, oracle and circuit route, CometBFT RPC requests with huge or deep parameters,
// raw transactions through broadcast_tx_sync (undecodable, oversized, wrong chain id, forged signature, replayed,
// bad sequence, bad gas/fee), and CLI commands with bad arguments. Each case states the HTTP status, the registered
// code or the non-zero exit it must produce; after each transaction or CLI case the "hostile" account's bank
// balances, subaccounts and sequence and every module's params, markets, pairs and circuit state are unchanged.
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import { TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { SigningClearchainClient } from "@clearchain/client";
import { loadNet, key, signingClient } from "./support/net";
import { BINARY } from "./support/paths";
import { waitFor } from "./support/process";

const net = loadNet();
const node = net.nodes[0];
const tmNode = node.rpc.replace("http://", "tcp://");
const me = key(net, "hostile");
const HOSTILE = me.address;
let client: SigningClearchainClient;
/** tried counts every hostile input sent. */
let tried = 0;

/** get fetches a REST path (bounded) and returns status and body text. */
async function http(path: string, init: RequestInit = {}): Promise<{ status: number; text: string }> {
  const res = await fetch(`${node.api}${path}`, { ...init, signal: AbortSignal.timeout(20_000) });
  return { status: res.status, text: await res.text() };
}

/** rpc calls a CometBFT JSON-RPC method over POST (bounded). */
async function rpc(method: string, params: Record<string, unknown>): Promise<any> {
  const res = await fetch(node.rpc, { method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }), signal: AbortSignal.timeout(20_000) });
  return res.json();
}

/**
 * snapshot is the state no hostile input may change (read at the latest height). feesPaid: the input was a signed
 * transaction refused only when executed, so (SDK semantics) it consumed its sequence number and paid its uclear fee:
 * those two are left out.
 */
async function snapshot(feesPaid = false): Promise<string> {
  const paths = [`/cosmos/bank/v1beta1/balances/${HOSTILE}`, `/clearchain/clearing/v1/subaccounts/${HOSTILE}`,
    `/cosmos/auth/v1beta1/accounts/${HOSTILE}`, "/clearchain/clearing/v1/params", "/clearchain/oracle/v1/params",
    "/clearchain/oracle/v1/pairs", "/clearchain/circuit/v1/disabled"];
  const parts = await Promise.all(paths.map(async (p) => {
    const r = await http(p);
    if (r.status !== 200) throw new Error(`${p}: ${r.status} ${r.text.slice(0, 200)}`);
    return r.text;
  }));
  const markets = JSON.parse((await http("/clearchain/clearing/v1/markets")).text) as { markets: { market: unknown }[] };
  if (feesPaid) {
    const bank = JSON.parse(parts[0]) as { balances: { denom: string }[] };
    parts[0] = JSON.stringify(bank.balances.filter((b) => b.denom !== "uclear"));
    parts[2] = "";
  }
  return JSON.stringify([...parts, markets.markets.map((m) => m.market)]);
}

beforeAll(async () => {
  client = await signingClient(net, "hostile");
  await client.deposit(HOSTILE, 0, 100_000_000n); // 100 USDC, so withdraw/transfer cases have a subaccount to hit
});
afterAll(() => {
  client?.disconnect();
  console.log(`hostile-inputs (e2e): ${tried} inputs tried`);
});

describe("REST routes", () => {
  const A = "clear1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq"; // wrong checksum
  const big = "9".repeat(30);
  const long = "a".repeat(100_000);
  // Large bodies are built when the case runs, not held in the test table.
  const deep = () => "[".repeat(100_000) + "]".repeat(100_000);
  const huge = () => "a".repeat(20_000_000);
  type RestCase = [name: string, path: string, status: number, contains?: string, init?: RequestInit & { lazyBody?: () => string }];
  const cases: RestCase[] = [
    ["subaccount: malformed owner", "/clearchain/clearing/v1/subaccounts/notanaddress/0", 400, "invalid owner address"],
    ["subaccount: bad checksum owner", `/clearchain/clearing/v1/subaccounts/${A}/0`, 400, "invalid owner address"],
    ["subaccount: number not a number", `/clearchain/clearing/v1/subaccounts/${HOSTILE}/abc`, 400, "parameter: number"],
    ["subaccount: number negative", `/clearchain/clearing/v1/subaccounts/${HOSTILE}/-1`, 400, "parameter: number"],
    ["subaccount: number over uint32", `/clearchain/clearing/v1/subaccounts/${HOSTILE}/4294967296`, 400, "out of range"],
    ["subaccount: number 128 (over the maximum)", `/clearchain/clearing/v1/subaccounts/${HOSTILE}/128`, 400, "subaccount"],
    ["subaccounts: malformed owner", "/clearchain/clearing/v1/subaccounts/x", 400, "invalid owner address"],
    ["subaccounts: 100 KB owner", `/clearchain/clearing/v1/subaccounts/${long}`, 400, "invalid owner address"],
    ["health: malformed owner", "/clearchain/clearing/v1/subaccounts/zzz/0/health", 400, "invalid owner address"],
    ["health: number overflow", `/clearchain/clearing/v1/subaccounts/${HOSTILE}/${big}/health`, 400, "out of range"],
    ["market: unknown id", "/clearchain/clearing/v1/markets/999", 404, "market not found"],
    ["market: id 0", "/clearchain/clearing/v1/markets/0", 404, "market not found"],
    ["market: negative id", "/clearchain/clearing/v1/markets/-1", 400, "parameter: id"],
    ["market: id overflow", `/clearchain/clearing/v1/markets/${big}`, 400, "out of range"],
    ["market: id with SQL", "/clearchain/clearing/v1/markets/1%27%20OR%201=1", 400, "parameter: id"],
    ["order fill: short hash", "/clearchain/clearing/v1/orders/zz", 400, "64 hex characters"],
    ["order fill: 63 hex characters", `/clearchain/clearing/v1/orders/${"a".repeat(63)}`, 400, "64 hex characters"],
    ["order fill: 64 non-hex characters", `/clearchain/clearing/v1/orders/${"g".repeat(64)}`, 400, "64 hex characters"],
    ["adl rank: malformed owner", "/clearchain/clearing/v1/adl_rank/nope/0/1", 400, "invalid owner address"],
    ["adl rank: market overflow", `/clearchain/clearing/v1/adl_rank/${HOSTILE}/0/${big}`, 400, "out of range"],
    ["adl rank: no position", `/clearchain/clearing/v1/adl_rank/${HOSTILE}/0/1`, 404],
    ["price: unknown pair", "/clearchain/oracle/v1/prices/NOPE/USD", 404, "currency pair not found"],
    ["price: 100 KB base", `/clearchain/oracle/v1/prices/${long}/USD`, 404],
    ["price history: unknown pair", "/clearchain/oracle/v1/prices/NOPE/USD/history", 404, "currency pair not found"],
    ["liquidatable: negative page limit", "/clearchain/clearing/v1/liquidatable?pagination.limit=-5", 400],
    ["liquidatable: non-numeric offset", "/clearchain/clearing/v1/liquidatable?pagination.offset=x", 400],
    ["liquidatable: key not base64", "/clearchain/clearing/v1/liquidatable?pagination.key=%%%", 400],
    ["full scan: limit over uint64", `/clearchain/clearing/v1/liquidatable/full_scan?pagination.limit=${big}`, 400],
    ["whatif: malformed owner", "/clearchain/clearing/v1/whatif", 400, "invalid owner address",
      { method: "POST", body: JSON.stringify({ owner: "x" }), headers: { "content-type": "application/json" } }],
    ["whatif: body is not JSON", "/clearchain/clearing/v1/whatif", 400, undefined, { method: "POST", body: "{{{", headers: { "content-type": "application/json" } }],
    ["whatif: JSON nested 100,000 deep", "/clearchain/clearing/v1/whatif", 400, "max depth", { method: "POST", lazyBody: deep, headers: { "content-type": "application/json" } }],
    ["whatif: unknown market in a fill", "/clearchain/clearing/v1/whatif", 404, "market not found", { method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ owner: HOSTILE, number: 0, fills: [{ market_id: 77, side: "SIDE_BUY", size: "10000", price: "1000000" }] }) }],
    ["whatif: 20 MB body", "/clearchain/clearing/v1/whatif", 400, "too large", { method: "POST", lazyBody: huge }],
    // grpc-gateway answers a route it does not serve with 501 and a bad height header with 500 (SDK behaviour, see
    // docs/RELIABILITY.md "Known limits"); the request is still refused without effect.
    ["unknown route", "/clearchain/clearing/v1/nope", 501, "Not Implemented"],
    ["GET on the POST-only whatif", "/clearchain/clearing/v1/whatif", 501, "Not Implemented"],
    ["POST on the GET-only params", "/clearchain/clearing/v1/params", 501, "Not Implemented", { method: "POST", body: "{}" }],
    ["height header not a number", "/clearchain/clearing/v1/params", 500, "sdk code 18", { headers: { "x-cosmos-block-height": "abc" } }],
    ["height header in the future", "/clearchain/oracle/v1/params", 500, "sdk code 26", { headers: { "x-cosmos-block-height": "999999999" } }],
  ];
  // A rest parameter, not five: jest-each takes a callback with more parameters than a row has for a done() test.
  test.each(cases)("%s", async (...row) => {
    const [, path, status, contains, init] = row as RestCase;
    tried++;
    const { lazyBody, ...rest } = init ?? {};
    const r = await http(path, lazyBody ? { ...rest, body: lazyBody() } : rest);
    expect(r.status).toBe(status);
    if (contains) expect(r.text).toContain(contains);
  });

  test("huge page limits are capped at max_query_page_size on every paginated route", async () => {
    const cap = Number(JSON.parse((await http("/clearchain/clearing/v1/params")).text).params.max_query_page_size);
    expect(cap).toBeGreaterThan(0);
    for (const [path, field] of [["/clearchain/clearing/v1/liquidatable", "subaccounts"], ["/clearchain/clearing/v1/liquidatable/full_scan", "subaccounts"],
      ["/clearchain/clearing/v1/liquidation_queue", "subaccounts"], ["/clearchain/clearing/v1/markets", "markets"],
      [`/clearchain/clearing/v1/subaccounts/${HOSTILE}`, "subaccounts"]] as const) {
      for (const q of ["pagination.limit=18446744073709551615", "pagination.limit=1000000000&pagination.count_total=true", "pagination.offset=18446744073709551615"]) {
        tried++;
        const r = await http(`${path}?${q}`);
        expect([200, 400]).toContain(r.status); // served (capped) or refused, never an error or an unbounded answer
        if (r.status === 200) {
          const items = (JSON.parse(r.text)[field] ?? []) as unknown[];
          expect(items.length).toBeLessThanOrEqual(cap);
        }
      }
    }
  });
});

describe("CometBFT RPC: huge and deep requests are bounded", () => {
  test("per_page, block ranges and abci queries", async () => {
    const cases: [string, string, Record<string, unknown>, (r: any) => void][] = [
      ["tx_search per_page 1,000,000", "tx_search", { query: "tx.height>0", per_page: "1000000", page: "1" },
        (r) => expect(r.result.txs.length).toBeLessThanOrEqual(100)],
      ["tx_search page beyond the end", "tx_search", { query: "tx.height>0", per_page: "100", page: "1000000" }, (r) => expect(r.error).toBeDefined()],
      ["tx_search malformed query", "tx_search", { query: "tx.height>>>'", per_page: "1", page: "1" }, (r) => expect(r.error).toBeDefined()],
      ["blockchain over 10^9 heights", "blockchain", { minHeight: "1", maxHeight: "1000000000" },
        (r) => expect(r.result.block_metas.length).toBeLessThanOrEqual(20)],
      ["block at a negative height", "block", { height: "-1" }, (r) => expect(r.error).toBeDefined()],
      ["block in the future", "block", { height: "999999999" }, (r) => expect(r.error).toBeDefined()],
      ["validators per_page 1,000,000", "validators", { per_page: "1000000" }, (r) => expect(Number(r.result.count)).toBeLessThanOrEqual(100)],
      ["abci_query of an unknown path", "abci_query", { path: "/nope/nope", data: "" }, (r) => expect(r.result.response.code).not.toBe(0)],
      ["abci_query with undecodable request bytes", "abci_query", { path: "/clearchain.clearing.v1.Query/Market", data: "ffffffff" },
        (r) => expect(r.result.response.code).not.toBe(0)],
      ["abci_query at a future height", "abci_query", { path: "/clearchain.clearing.v1.Query/Params", data: "", height: "999999999" },
        (r) => expect(r.error ?? r.result.response.code).toBeTruthy()],
    ];
    const before = await snapshot();
    for (const [name, method, params, check] of cases) {
      tried++;
      const r = await rpc(method, params);
      try {
        check(r);
      } catch (e) {
        throw new Error(`${name}: ${JSON.stringify(r).slice(0, 300)}\n${String(e)}`);
      }
    }
    expect(await snapshot()).toBe(before);
  });
});

describe("raw transactions through broadcast_tx_sync", () => {
  const deposit = (amount = "1") => ({ typeUrl: "/clearchain.clearing.v1.MsgDeposit",
    value: { sender: HOSTILE, subaccountNumber: 0, amount: { denom: "uusdc", amount } } });
  const fee = { amount: [{ denom: "uclear", amount: "5000" }], gas: "200000" };

  /** signed signs a deposit with explicit signer data (chain id and sequence can be wrong on purpose). */
  async function signed(o: { chainId?: string; sequence?: number; memo?: string; fee?: typeof fee } = {}): Promise<Uint8Array> {
    const acc = await client.getAccount(HOSTILE);
    const raw = await client.sign(HOSTILE, [deposit()], o.fee ?? fee, o.memo ?? "", {
      accountNumber: acc!.accountNumber, sequence: o.sequence ?? acc!.sequence, chainId: o.chainId ?? net.chain_id });
    return TxRaw.encode(raw).finish();
  }
  const edit = async (fn: (r: TxRaw) => void, bz?: Uint8Array) => {
    const r = TxRaw.decode(bz ?? (await signed()));
    fn(r);
    return TxRaw.encode(r).finish();
  };
  const broadcast = async (tx: Uint8Array) => rpc("broadcast_tx_sync", { tx: Buffer.from(tx).toString("base64") });
  let committed: Uint8Array;

  beforeAll(async () => {
    // A deposit that is committed: its bytes are replayed below.
    committed = await signed({ memo: "hostile-replay-source" });
    const r = await broadcast(committed);
    expect(r.result.code).toBe(0);
    const hash = createHash("sha256").update(committed).digest("hex").toUpperCase();
    await waitFor("the replay source to commit", async () => (await rpc("tx", { hash: Buffer.from(hash, "hex").toString("base64") })).result?.height, 60_000, 500);
  });

  type RawCase = [name: string, build: () => Promise<Uint8Array>, want: { code?: number; codespace?: string; error?: RegExp }];
  const cases: RawCase[] = [
    ["empty bytes", async () => new Uint8Array(), { error: /empty|invalid|decode/i }],
    ["undecodable bytes", async () => new Uint8Array([0xde, 0xad, 0xbe, 0xef, 0x01]), { code: 2, codespace: "sdk" }],
    ["JSON instead of protobuf", async () => new TextEncoder().encode('{"body":{}}'), { code: 2, codespace: "sdk" }],
    ["oversized: 1.1 MB (over the mempool's max_tx_bytes)", async () => new Uint8Array(1_100_000).fill(0x0a), { error: /too large/i }],
    ["wrong chain id", () => signed({ chainId: "clearchain-other" }), { code: 4, codespace: "sdk" }],
    ["forged signature", () => edit((r) => { r.signatures = [new Uint8Array(64).fill(7)]; }), { code: 4, codespace: "sdk" }],
    ["no signatures", () => edit((r) => { r.signatures = []; }), { code: 15, codespace: "sdk" }],
    ["body swapped after signing", async () => {
      const other = TxRaw.decode(await signed({ memo: "other body" }));
      return edit((r) => { r.bodyBytes = other.bodyBytes; });
    }, { code: 4, codespace: "sdk" }],
    ["replayed: the exact bytes of a committed tx", async () => committed, { error: /already exists in cache/i }],
    ["replayed: re-signed with a used sequence", async () => signed({ sequence: 0, memo: "replay with an old sequence" }), { code: 32, codespace: "sdk" }],
    ["future sequence", async () => signed({ sequence: (await client.getSequence(HOSTILE)).sequence + 7 }), { code: 32, codespace: "sdk" }],
    ["fee below the minimum gas price", () => signed({ fee: { amount: [], gas: "200000" } }), { code: 13, codespace: "sdk" }],
    ["fee in an unknown denom", () => signed({ fee: { amount: [{ denom: "ufake", amount: "5000" }], gas: "200000" } }), { code: 13, codespace: "sdk" }],
    ["gas limit over the block gas limit", () => signed({ fee: { amount: [{ denom: "uclear", amount: "1000000000" }], gas: "300000000" } }), { code: 41, codespace: "sdk" }],
    ["gas limit below the tx size cost", () => signed({ fee: { amount: [{ denom: "uclear", amount: "5000" }], gas: "1000" } }), { code: 11, codespace: "sdk" }],
    ["memo over 256 characters", () => signed({ memo: "m".repeat(1_000) }), { code: 12, codespace: "sdk" }],
  ];
  test.each(cases)("%s", async (_name, build, want) => {
    tried++;
    const before = await snapshot();
    const r = await broadcast(await build());
    if (want.error) {
      const msg = JSON.stringify(r.error ?? r.result);
      expect(r.error ?? (r.result?.code !== 0 ? r.result : undefined)).toBeDefined();
      expect(msg).toMatch(want.error);
    } else {
      expect(r.error).toBeUndefined();
      expect({ code: r.result.code, codespace: r.result.codespace }).toEqual({ code: want.code, codespace: want.codespace });
    }
    expect(await snapshot()).toBe(before);
  });
});

describe("CLI commands", () => {
  /** cli runs the binary (bounded: 60 s) and returns the exit status and output. */
  const cli = (args: string[]) => {
    const r = spawnSync(BINARY, args, { encoding: "utf8", timeout: 60_000 });
    return { status: r.status, out: `${r.stdout}${r.stderr}` };
  };
  const txFlags = ["--from", "hostile", "--keyring-backend", "test", "--home", node.home, "--chain-id", net.chain_id, "--fees", "5000uclear",
    "--yes", "--output", "json", "--node", tmNode];
  const qFlags = ["--output", "json", "--node", tmNode];
  // [name, args, expected]: a non-zero exit (with text in the output); or {code}: signed and broadcast, refused by
  // CheckTx with that code (the CLI prints the response and exits 0; autocli does not run ValidateBasic first); or
  // {delivered}: accepted by CheckTx, included, and failed with that code when executed.
  type CliCase = [name: string, args: string[], want: { contains?: string; code?: number; delivered?: number }];
  const cases: CliCase[] = [
    ["deposit: zero", ["tx", "clearing", "deposit", "0", "0uusdc", ...txFlags], { code: 3, contains: "invalid amount" }],
    ["deposit: negative", ["tx", "clearing", "deposit", "0", "-5uusdc", ...txFlags], {}],
    ["deposit: wrong denom", ["tx", "clearing", "deposit", "0", "5uclear", ...txFlags], { delivered: 4 }],
    ["deposit: more than the bank balance", ["tx", "clearing", "deposit", "0", "999999999999999uusdc", ...txFlags], { delivered: 5 }],
    ["deposit: subaccount 128", ["tx", "clearing", "deposit", "128", "5uusdc", ...txFlags], { code: 2, contains: "invalid subaccount number" }],
    ["deposit: subaccount not a number", ["tx", "clearing", "deposit", "x", "5uusdc", ...txFlags], {}],
    ["deposit: missing arguments", ["tx", "clearing", "deposit", ...txFlags], {}],
    ["deposit: unknown key", ["tx", "clearing", "deposit", "0", "5uusdc", ...txFlags.map((a) => (a === "hostile" ? "nobody" : a))], { contains: "not found" }],
    ["deposit: wrong chain id", ["tx", "clearing", "deposit", "0", "5uusdc", ...txFlags.map((a) => (a === net.chain_id ? "clearchain-other" : a))], { code: 4 }],
    ["deposit: no fee", ["tx", "clearing", "deposit", "0", "5uusdc", ...txFlags.filter((a) => a !== "--fees" && a !== "5000uclear")], { code: 13 }],
    ["withdraw: zero", ["tx", "clearing", "withdraw", "0", "0uusdc", ...txFlags], { code: 3, contains: "invalid amount" }],
    ["withdraw: more than the collateral", ["tx", "clearing", "withdraw", "0", "999999999999uusdc", ...txFlags], { delivered: 5 }],
    ["withdraw: malformed recipient", ["tx", "clearing", "withdraw", "0", "1uusdc", "--recipient", "clear1bad", ...txFlags], {}],
    ["transfer: same subaccount", ["tx", "clearing", "transfer", "0", "0", "1uusdc", ...txFlags], { code: 2, contains: "invalid subaccount number" }],
    ["transfer: to subaccount 200", ["tx", "clearing", "transfer", "0", "200", "1uusdc", ...txFlags], { code: 2, contains: "invalid subaccount number" }],
    ["set-isolated: subaccount 128", ["tx", "clearing", "set-isolated", "128", "1", ...txFlags], { code: 2, contains: "invalid subaccount number" }],
    ["set-isolated: unknown market", ["tx", "clearing", "set-isolated", "5", "99", ...txFlags], { delivered: 19 }],
    ["cancel-orders: hash not hex", ["tx", "clearing", "cancel-orders", "0", "zz", ...txFlags], {}],
    ["cancel-orders: no hash", ["tx", "clearing", "cancel-orders", "0", ...txFlags], {}],
    ["liquidate: malformed owner", ["tx", "clearing", "liquidate", "nope", "0", "1", "10000", ...txFlags], {}],
    ["q subaccount: malformed owner", ["q", "clearing", "subaccount", "clear1notanaddress", "0", ...qFlags], {}],
    ["q subaccount: number overflow", ["q", "clearing", "subaccount", HOSTILE, "99999999999", ...qFlags], {}],
    ["q market: unknown id", ["q", "clearing", "market", "999", ...qFlags], { contains: "not found" }],
    ["q market: not a number", ["q", "clearing", "market", "abc", ...qFlags], {}],
    ["q order-fill: short hash", ["q", "clearing", "order-fill", "zz", ...qFlags], {}],
    ["q health: malformed owner", ["q", "clearing", "health", "x", "0", ...qFlags], {}],
    ["q price: unknown pair", ["q", "oracle", "price", "NOPE", "USD", ...qFlags], { contains: "not found" }],
    ["q history: unknown pair", ["q", "oracle", "history", "NOPE", "USD", ...qFlags], {}],
    ["q adl-rank: malformed owner", ["q", "clearing", "adl-rank", "nope", "0", "1", ...qFlags], {}],
    ["q liquidatable: negative limit", ["q", "clearing", "liquidatable", "--limit", "-1", ...qFlags], {}],
    ["q: node unreachable", ["q", "clearing", "params", "--output", "json", "--node", "tcp://127.0.0.1:1"], {}],
    ["unknown subcommand", ["tx", "clearing", "print-money", ...txFlags], {}],
  ];
  test.each(cases)("%s", async (_name, args, want) => {
    tried++;
    const delivered = want.delivered !== undefined;
    const before = await snapshot(delivered);
    const r = cli(args);
    const printed = () => (r.status === 0 ? JSON.parse(r.out.slice(r.out.indexOf("{"))) : { code: -1, raw: r.out });
    if (want.code !== undefined) {
      // Refused by the node's CheckTx: printed with its code (exit 0), or, when the CLI's own pre-broadcast run
      // (simulation) sees the error first, a non-zero exit naming it.
      if (r.status === 0) expect(printed().code).toBe(want.code);
      else expect(r.out).toContain(want.contains!);
    } else if (delivered) {
      const out = printed();
      expect(out.code).toBe(0);
      const res = await waitFor(`tx ${out.txhash}`, async () => (await rpc("tx", { hash: Buffer.from(out.txhash, "hex").toString("base64") })).result, 60_000, 500);
      expect(res.tx_result.code).toBe(want.delivered);
    } else {
      expect(r.status).not.toBe(0);
      if (want.contains) expect(r.out).toContain(want.contains);
    }
    expect(await snapshot(delivered)).toBe(before);
  });
});
