// Recognises and decodes transaction 0 of a Clearchain block: the oracle transaction a block proposer places first,
// carrying the previous height's extended commit (every validator's signed price vote extension). It is an ordinary
// Cosmos SDK TxRaw (stock decodeTxRaw reads it; it executes with code 0) whose body holds exactly one
// MsgInjectedVotes, with no signatures, no fee and no memo. No account can send it: CheckTx refuses it.

import { decodeTxRaw } from "@cosmjs/proto-signing";
import { ExtendedCommitInfo } from "cosmjs-types/tendermint/abci/types";

import { MsgInjectedVotes } from "./generated/clearchain/oracle/v1/injected.js";
import { OracleVoteExtension } from "./generated/clearchain/oracle/v1/vote_extension.js";

/** Type URL of MsgInjectedVotes, the only message of a block's oracle transaction. */
export const MsgInjectedVotesTypeUrl = "/clearchain.oracle.v1.MsgInjectedVotes";

/** Prefix of the legacy oracle pseudo-transaction (not an SDK transaction) of blocks committed before the change. */
export const LEGACY_ORACLE_TX_PREFIX = new TextEncoder().encode("clearchain/oracle/extended-commit/v1:");

/** One validator's vote in a block's oracle transaction, with its prices when its extension decodes. */
export interface OracleInjectedVote {
  /** Consensus address (20 bytes) of the validator. */
  readonly validatorAddress: Uint8Array;
  /** Voting power of the validator in that commit. */
  readonly power: bigint;
  /** CometBFT BlockIDFlag: 2 = commit, 1 = absent, 3 = nil. */
  readonly blockIdFlag: number;
  /** The signed vote extension, decoded; undefined when empty or not a valid OracleVoteExtension. */
  readonly extension?: OracleVoteExtension;
}

/** A decoded oracle transaction. */
export interface DecodedOracleInjectedTx {
  /** The extended commit exactly as the proposer placed it. */
  readonly extendedCommitInfo: ExtendedCommitInfo;
  /** The votes of the commit, with decoded price extensions. */
  readonly votes: readonly OracleInjectedVote[];
  /** True for the legacy prefixed form (old blocks only). */
  readonly legacy: boolean;
}

function hasLegacyPrefix(txBytes: Uint8Array): boolean {
  if (txBytes.length < LEGACY_ORACLE_TX_PREFIX.length) return false;
  return LEGACY_ORACLE_TX_PREFIX.every((b, i) => txBytes[i] === b);
}

/** The MsgInjectedVotes of txBytes when they are an oracle transaction in the SDK form, else undefined. */
function injectedMsgOf(txBytes: Uint8Array): MsgInjectedVotes | undefined {
  try {
    const tx = decodeTxRaw(txBytes);
    if (tx.signatures.length !== 0 || tx.body.messages.length !== 1) return undefined;
    const [msg] = tx.body.messages;
    if (msg.typeUrl !== MsgInjectedVotesTypeUrl) return undefined;
    return MsgInjectedVotes.decode(msg.value);
  } catch {
    return undefined;
  }
}

/**
 * Whether txBytes (a block transaction, e.g. from Comet38Client.block) are the block's oracle transaction: an SDK
 * transaction whose only message is MsgInjectedVotes and which has no signatures, or the legacy prefixed form.
 * Never throws.
 */
export function isOracleInjectedTx(txBytes: Uint8Array): boolean {
  return hasLegacyPrefix(txBytes) || injectedMsgOf(txBytes) !== undefined;
}

/** Decodes a vote extension as Clearchain prices; undefined when empty or malformed. */
function decodeExtension(bytes: Uint8Array): OracleVoteExtension | undefined {
  if (bytes.length === 0) return undefined;
  try {
    return OracleVoteExtension.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Decodes a block's oracle transaction into the extended commit it carries and each validator's prices.
 * Throws when txBytes are not an oracle transaction (see isOracleInjectedTx).
 */
export function decodeOracleInjectedTx(txBytes: Uint8Array): DecodedOracleInjectedTx {
  const legacy = hasLegacyPrefix(txBytes);
  let infoBytes: Uint8Array;
  if (legacy) {
    infoBytes = txBytes.subarray(LEGACY_ORACLE_TX_PREFIX.length);
  } else {
    const msg = injectedMsgOf(txBytes);
    if (msg === undefined) throw new Error("not a Clearchain oracle transaction (MsgInjectedVotes)");
    infoBytes = msg.extendedCommitInfo;
  }
  const extendedCommitInfo = ExtendedCommitInfo.decode(infoBytes);
  const votes = extendedCommitInfo.votes.map((v) => ({
    validatorAddress: v.validator?.address ?? new Uint8Array(0),
    power: v.validator?.power ?? 0n,
    blockIdFlag: v.blockIdFlag,
    extension: decodeExtension(v.voteExtension),
  }));
  return { extendedCommitInfo, votes, legacy };
}
