// The localnet demo: the TypeScript SDK against the running network.
import { ClearchainTxError, ClearingErrorCodes, SigningClearchainClient } from "@clearchain/client";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import type { NetInfo } from "../test/support/chain";

/** usdc formats base units as USDC. */
const usdc = (v: string | bigint) => `${(Number(BigInt(v)) / 1e6).toLocaleString("en-US", { maximumFractionDigits: 6 })} USDC`;

/** runDemo deposits, queries, withdraws and shows a rejected overdraw. */
export async function runDemo(net: NetInfo): Promise<void> {
  const trader = net.keys.find((k) => k.name === "trader1");
  if (!trader) throw new Error("trader1 missing");
  const wallet = await DirectSecp256k1HdWallet.fromMnemonic(trader.mnemonic, { prefix: "clear" });
  const client = await SigningClearchainClient.connectWithSigner(net.nodes[0].rpc, wallet);
  console.log(`\n--- SDK demo (trader1 ${trader.address}) ---`);
  const bank = async () => usdc((await client.getBalance(trader.address, "uusdc")).amount);
  console.log(`bank balance                                ${await bank()}`);

  const dep = await client.deposit(trader.address, 0, 1_000_000_000n);
  console.log(`deposit 1,000 USDC into subaccount 0        tx ${dep.transactionHash} (height ${dep.height})`);
  let sa = await client.getSubaccount(trader.address, 0);
  console.log(`query subaccount 0                          collateral ${usdc(sa.collateral)}, bank ${await bank()}`);
  const wd = await client.withdraw(trader.address, 0, 250_000_000n);
  console.log(`withdraw 250 USDC                           tx ${wd.transactionHash} (height ${wd.height})`);
  sa = await client.getSubaccount(trader.address, 0);
  console.log(`query subaccount 0                          collateral ${usdc(sa.collateral)}, bank ${await bank()}`);
  try {
    await client.withdraw(trader.address, 0, 10_000_000_000n);
    throw new Error("the overdraw was accepted");
  } catch (e) {
    if (!(e instanceof ClearchainTxError)) throw e;
    const name = Object.entries(ClearingErrorCodes).find(([, c]) => c === e.code)?.[0] ?? "?";
    if (e.codespace !== "clearing" || e.code !== ClearingErrorCodes.InsufficientCollateral) throw e;
    console.log(`withdraw 10,000 USDC (overdraw)             rejected: codespace ${e.codespace} code ${e.code} (${name}); collateral still ${usdc((await client.getSubaccount(trader.address, 0)).collateral)}`);
  }
  const prices = (await (await fetch(`${net.nodes[0].api}/clearchain/oracle/v1/prices`)).json()) as { prices: { pair: string; price: string; stale: boolean; reporters: number }[] };
  console.log("oracle prices (from the validators' vote extensions):");
  for (const p of prices.prices) console.log(`  ${p.pair.padEnd(9)} ${p.price.padStart(14)}  reporters ${p.reporters ?? 0}${p.stale ? "  (stale)" : ""}`);
  client.disconnect();
}
