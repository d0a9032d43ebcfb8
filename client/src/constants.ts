/** Bech32 account address prefix of Clearchain accounts (`clear1...`). */
export const CLEARCHAIN_BECH32_PREFIX = "clear";

/** Bech32 prefix of validator operator addresses. */
export const CLEARCHAIN_VALOPER_PREFIX = "clearvaloper";

/** Staking and gas denom (6 decimals). */
export const STAKE_DENOM = "uclear";

/** Default collateral denom (6 decimals); the live value is `params.collateral_denom`. */
export const COLLATERAL_DENOM = "uusdc";

/** Default gas price used by `SigningClearchainClient` when none is given. */
export const DEFAULT_GAS_PRICE = "0.025uclear";

/** Default multiplier applied to simulated gas when the fee is "auto". */
export const DEFAULT_GAS_MULTIPLIER = 1.5;

/** Highest valid subaccount number (subaccounts are numbered 0..127). */
export const MAX_SUBACCOUNT_NUMBER = 127;

/** Default time to wait for a broadcast transaction to be included in a block (ms). */
export const DEFAULT_TX_TIMEOUT_MS = 60_000;

/** Default interval between polls for a broadcast transaction (ms); blocks are ~500 ms. */
export const DEFAULT_TX_POLL_INTERVAL_MS = 300;

/** Default number of times a transaction is re-signed after an account sequence mismatch. */
export const DEFAULT_MAX_SEQUENCE_RETRIES = 3;

/** HD derivation path used by Clearchain keys (coin type 118). */
export const CLEARCHAIN_HD_PATH = "m/44'/118'/0'/0/0";
