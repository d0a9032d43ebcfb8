// Explorer-safe blocks: every transaction of every block decodes with stock CosmJS and executes with code 0,
// including transaction 0, the oracle transaction (one MsgInjectedVotes, no signatures, no fee) that carries the
// validators' signed price votes. Checked on the shared e2e node (one validator with its price feeder, so every
// block after the first carries oracle data) over at least 100 consecutive blocks, with a few user transactions.
import { decodeOracleInjectedTx, isOracleInjectedTx, MsgInjectedVotesTypeUrl } from "@clearchain/client";
import { sha256 } from "@cosmjs/crypto";
import { toHex } from "@cosmjs/encoding";
import { decodeTxRaw, Registry } from "@cosmjs/proto-signing";
import { defaultRegistryTypes, SigningStargateClient, StdFee } from "@cosmjs/stargate";
import { Comet38Client } from "@cosmjs/tendermint-rpc";
import { AuthInfo, TxBody, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { MsgInjectedVotes } from "../client/src/generated/clearchain/oracle/v1/injected";
import { status, waitForHeight } from "./support/chain";
import { key, loadNet, wallet } from "./support/net";
import { waitFor } from "./support/process";

const net = loadNet();
const node = net.nodes[0];
/** BLOCKS is how many consecutive blocks are read. */
const BLOCKS = 100;
const FEE: StdFee = { amount: [{ denom: "uclear", amount: "5000" }], gas: "200000" };

/** rpcJson GETs a CometBFT JSON-RPC route on node0. */
async function rpcJson<T>(route: string): Promise<T> {
  const body = (await (await fetch(`${node.rpc}/${route}`, { signal: AbortSignal.timeout(10_000) })).json()) as { result?: T; error?: unknown };
  if (body.result === undefined) throw new Error(`${route}: ${JSON.stringify(body.error)}`);
  return body.result;
}

/** TxSearch is the part of CometBFT's tx_search answer read here. */
interface TxSearch {
  total_count: string;
  txs: { height: string; index: number; tx_result: { code: number; log: string } }[];
}

/** searchAll pages through tx_search (100 per page, at most 20 pages) and returns every result. */
async function searchAll(query: string): Promise<TxSearch["txs"]> {
  const out: TxSearch["txs"] = [];
  for (let page = 1; page <= 20; page++) {
    const r = await rpcJson<TxSearch>(`tx_search?query=${encodeURIComponent(JSON.stringify(query))}&page=${page}&per_page=100&order_by="asc"`);
    out.push(...r.txs);
    if (out.length >= Number(r.total_count) || r.txs.length === 0) break;
  }
  return out;
}

let comet: Comet38Client;
let first = 0;
let last = 0;
/** userTxs are the hashes (uppercase hex) of the bank sends made during the window. */
const userTxs: string[] = [];

beforeAll(async () => {
  // Bounded retry: a keep-alive connection left by the global setup may have been closed by the node meanwhile.
  const now = await waitFor("node0 status", async () => status(node.rpc).catch(() => undefined), 30_000);
  comet = await Comet38Client.connect(node.rpc);
  first = now.height + 1;
  last = first + BLOCKS - 1;
  // A few ordinary user transactions inside the window, sent with stock CosmJS.
  const faucet = key(net, "faucet");
  const client = await SigningStargateClient.connectWithSigner(node.rpc, await wallet(faucet));
  try {
    for (let i = 0; i < 3; i++) {
      const res = await client.sendTokens(faucet.address, faucet.address, [{ denom: "uclear", amount: "1" }], FEE, `explorer-blocks ${i}`);
      expect(res.code).toBe(0);
      userTxs.push(res.transactionHash);
    }
  } finally {
    client.disconnect();
  }
  await waitForHeight(node.rpc, last + 1, 240_000);
}, 300_000);

afterAll(() => {
  comet?.disconnect();
});

test(`stock CosmJS decodes every transaction of ${BLOCKS} consecutive blocks, all with code 0`, async () => {
  let oracleTxs = 0;
  let withPrices = 0;
  let seenUser = 0;
  for (let h = first; h <= last; h++) {
    const { block } = await comet.block(h);
    const results = await comet.blockResults(h);
    expect(results.results.length).toBe(block.txs.length);
    block.txs.forEach((tx, i) => {
      const decoded = decodeTxRaw(tx); // throws on the old raw pseudo-transaction ("invalid wire type 7")
      const r = results.results[i];
      expect({ height: h, index: i, code: r.code, log: r.log }).toEqual({ height: h, index: i, code: 0, log: r.log });
      if (isOracleInjectedTx(tx)) {
        expect(i).toBe(0);
        expect(decoded.signatures).toHaveLength(0);
        expect(decoded.body.messages.map((m) => m.typeUrl)).toEqual([MsgInjectedVotesTypeUrl]);
        expect(decoded.authInfo.fee?.amount ?? []).toHaveLength(0);
        expect(r.gasWanted).toBe(0n);
        const oracle = decodeOracleInjectedTx(tx);
        expect(oracle.legacy).toBe(false);
        expect(oracle.votes.length).toBeGreaterThan(0);
        if (oracle.votes.some((v) => (v.extension?.prices.length ?? 0) > 0)) withPrices++;
        oracleTxs++;
      } else {
        expect(decoded.signatures.length).toBeGreaterThan(0);
        if (userTxs.includes(toHex(sha256(tx)).toUpperCase())) seenUser++;
      }
    });
  }
  // Every block of the window carries oracle data (one validator with its feeder; vote extensions from height 2).
  expect(oracleTxs).toBe(BLOCKS);
  expect(withPrices).toBeGreaterThan(BLOCKS / 2);
  expect(seenUser).toBe(userTxs.length);
});

test("tx_search counts no failed transaction in the window, and finds every oracle transaction by its action", async () => {
  const all = await searchAll(`tx.height>=${first} AND tx.height<=${last}`);
  expect(all.length).toBeGreaterThanOrEqual(BLOCKS);
  expect(all.filter((t) => t.tx_result.code !== 0)).toEqual([]);
  const oracle = await searchAll(`message.action='${MsgInjectedVotesTypeUrl}' AND tx.height>=${first} AND tx.height<=${last}`);
  expect(oracle.map((t) => [Number(t.height), t.index])).toEqual(Array.from({ length: BLOCKS }, (_, k) => [first + k, 0]));
});

test("REST GET /cosmos/tx/v1beta1/txs/{hash} answers for the oracle transaction", async () => {
  const { block } = await comet.block(first);
  const hash = toHex(sha256(block.txs[0])).toUpperCase();
  const res = await fetch(`${node.api}/cosmos/tx/v1beta1/txs/${hash}`, { signal: AbortSignal.timeout(10_000) });
  const body = (await res.json()) as {
    tx: { body: { messages: { "@type": string; extended_commit_info: string }[] }; signatures: string[] };
    tx_response: { code: number; height: string; txhash: string };
  };
  expect(res.status).toBe(200);
  expect(body.tx_response).toMatchObject({ code: 0, height: String(first), txhash: hash });
  expect(body.tx.signatures).toEqual([]);
  expect(body.tx.body.messages).toHaveLength(1);
  expect(body.tx.body.messages[0]["@type"]).toBe(MsgInjectedVotesTypeUrl);
  expect(body.tx.body.messages[0].extended_commit_info.length).toBeGreaterThan(0);
});

test("no one can broadcast the oracle message: CheckTx refuses it unsigned or signed, with the registered oracle code", async () => {
  // A fresh oracle transaction (a committed one would only hit CometBFT's mempool cache).
  const msg = { typeUrl: MsgInjectedVotesTypeUrl, value: MsgInjectedVotes.encode({ extendedCommitInfo: Uint8Array.from([1, 2, 3]) }).finish() };
  const unsigned = TxRaw.encode({
    bodyBytes: TxBody.encode(TxBody.fromPartial({ messages: [msg] })).finish(),
    authInfoBytes: AuthInfo.encode(AuthInfo.fromPartial({ fee: {} })).finish(),
    signatures: [],
  }).finish();
  expect(isOracleInjectedTx(unsigned)).toBe(true);
  const res = await comet.broadcastTxSync({ tx: unsigned });
  expect({ codespace: res.codespace, code: res.code }).toEqual({ codespace: "oracle", code: 11 });

  // A user signing the message with stock CosmJS is refused the same way.
  const registry = new Registry(defaultRegistryTypes);
  registry.register(MsgInjectedVotesTypeUrl, MsgInjectedVotes);
  const faucet = key(net, "faucet");
  const client = await SigningStargateClient.connectWithSigner(node.rpc, await wallet(faucet), { registry });
  try {
    const signed = await client.sign(faucet.address, [{ typeUrl: MsgInjectedVotesTypeUrl, value: { extendedCommitInfo: Uint8Array.from([4]) } }], FEE, "");
    const bytes = TxRaw.encode(signed).finish();
    expect(isOracleInjectedTx(bytes)).toBe(false); // signed: not the proposer's transaction
    const r = await comet.broadcastTxSync({ tx: bytes });
    expect({ codespace: r.codespace, code: r.code }).toEqual({ codespace: "oracle", code: 11 });
  } finally {
    client.disconnect();
  }
});

test("typed event attributes are JSON: string values match only quoted in a query, 32-bit integers bare", async () => {
  const search = (q: string) =>
    rpcJson<{ total_count: string }>(`block_search?query=${encodeURIComponent(JSON.stringify(`${q} AND block.height>=${first} AND block.height<=${last}`))}&per_page=1`);
  const quoted = Number((await search(`clearchain.oracle.v1.EventPriceUpdate.pair='"BTC/USD"'`)).total_count);
  expect(quoted).toBeGreaterThan(BLOCKS / 2);
  expect(Number((await search(`clearchain.oracle.v1.EventPriceUpdate.pair='BTC/USD'`)).total_count)).toBe(0);
  expect(Number((await search(`clearchain.oracle.v1.EventPriceUpdate.reporters>=1`)).total_count)).toBe(quoted);
});
