package keeper

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	collcodec "cosmossdk.io/collections/codec"
)

// SweepEntry is one sweep-index key of a subaccount: its market side (market_id×2 + 1 for a short) and trigger.
type SweepEntry struct {
	// MarketSide is market_id×2 for a long, market_id×2+1 for a short.
	MarketSide uint64 `json:"market_side,string"`
	// Trigger is the encoded coordinate level (margin.EncodeCoordinate).
	Trigger uint64 `json:"trigger,string"`
}

// SweepFiling is a subaccount's current sweep state: its index entries, its recheck height (0: none) and whether
// it is in the liquidatable set and the deferred queue. Removal reads it instead of scanning the index.
type SweepFiling struct {
	// Entries are the subaccount's index keys (one per position while healthy with headroom).
	Entries []SweepEntry `json:"entries"`
	// Recheck is the height at which the sweep re-evaluates the subaccount (0: none).
	Recheck int64 `json:"recheck,string"`
	// Liquidatable mirrors membership of the Liquidatable set.
	Liquidatable bool `json:"liquidatable"`
	// Deferred mirrors membership of the deferred queue.
	Deferred bool `json:"deferred"`
}

// isZero reports whether the filing holds nothing (and need not be stored).
func (f SweepFiling) isZero() bool {
	return len(f.Entries) == 0 && f.Recheck == 0 && !f.Liquidatable && !f.Deferred
}

// sweepFilingCodec is a compact binary codec: version, flags, recheck (varint), entry count (uvarint), entries
// (uvarint market side, 8-byte big-endian trigger).
type sweepFilingCodec struct{}

var _ collcodec.ValueCodec[SweepFiling] = sweepFilingCodec{}

const (
	filingVersion      = 1
	filingLiquidatable = 1 << 0
	filingDeferred     = 1 << 1
	maxFilingEntries   = 4096
)

var errBadFiling = errors.New("invalid sweep filing encoding")

// Encode implements collcodec.ValueCodec.
func (sweepFilingCodec) Encode(f SweepFiling) ([]byte, error) {
	buf := make([]byte, 0, 2+binary.MaxVarintLen64*2+len(f.Entries)*(binary.MaxVarintLen64+8))
	var flags byte
	if f.Liquidatable {
		flags |= filingLiquidatable
	}
	if f.Deferred {
		flags |= filingDeferred
	}
	buf = append(buf, filingVersion, flags)
	buf = binary.AppendVarint(buf, f.Recheck)
	buf = binary.AppendUvarint(buf, uint64(len(f.Entries)))
	for _, e := range f.Entries {
		buf = binary.AppendUvarint(buf, e.MarketSide)
		buf = binary.BigEndian.AppendUint64(buf, e.Trigger)
	}
	return buf, nil
}

// Decode implements collcodec.ValueCodec.
func (sweepFilingCodec) Decode(b []byte) (SweepFiling, error) {
	var f SweepFiling
	if len(b) < 2 || b[0] != filingVersion {
		return f, errBadFiling
	}
	f.Liquidatable, f.Deferred = b[1]&filingLiquidatable != 0, b[1]&filingDeferred != 0
	b = b[2:]
	recheck, n := binary.Varint(b)
	if n <= 0 {
		return f, errBadFiling
	}
	f.Recheck, b = recheck, b[n:]
	count, n := binary.Uvarint(b)
	if n <= 0 || count > maxFilingEntries {
		return f, errBadFiling
	}
	b = b[n:]
	if count > 0 {
		f.Entries = make([]SweepEntry, 0, count)
	}
	for i := uint64(0); i < count; i++ {
		side, n := binary.Uvarint(b)
		if n <= 0 || len(b) < n+8 {
			return f, errBadFiling
		}
		f.Entries = append(f.Entries, SweepEntry{MarketSide: side, Trigger: binary.BigEndian.Uint64(b[n : n+8])})
		b = b[n+8:]
	}
	if len(b) != 0 {
		return f, errBadFiling
	}
	return f, nil
}

// EncodeJSON implements collcodec.ValueCodec.
func (sweepFilingCodec) EncodeJSON(f SweepFiling) ([]byte, error) { return json.Marshal(f) }

// DecodeJSON implements collcodec.ValueCodec.
func (sweepFilingCodec) DecodeJSON(b []byte) (SweepFiling, error) {
	var f SweepFiling
	err := json.Unmarshal(b, &f)
	return f, err
}

// Stringify implements collcodec.ValueCodec.
func (sweepFilingCodec) Stringify(f SweepFiling) string {
	parts := make([]string, 0, len(f.Entries))
	for _, e := range f.Entries {
		parts = append(parts, strconv.FormatUint(e.MarketSide, 10)+":"+strconv.FormatUint(e.Trigger, 10))
	}
	return "entries=[" + strings.Join(parts, ",") + "] recheck=" + strconv.FormatInt(f.Recheck, 10) +
		" liquidatable=" + strconv.FormatBool(f.Liquidatable) + " deferred=" + strconv.FormatBool(f.Deferred)
}

// ValueType implements collcodec.ValueCodec.
func (sweepFilingCodec) ValueType() string { return "clearchain.clearing.SweepFiling" }
