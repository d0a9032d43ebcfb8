package types

import (
	errorsmod "cosmossdk.io/errors"
)

// DefaultGenesis lists the default pairs with no prices yet.
func DefaultGenesis() *GenesisState {
	pairs := DefaultPairs()
	return &GenesisState{
		Params: DefaultParams(), Pairs: pairs, Prices: []PriceState{}, History: []PairHistory{},
		NextPairId: uint32(len(pairs) + 1),
	}
}

// Validate checks params, pairs (unique ids and names, sorted), prices and history references.
func (gs GenesisState) Validate() error {
	if err := gs.Params.Validate(); err != nil {
		return err
	}
	if uint32(len(gs.Pairs)) > gs.Params.MaxPairs {
		return errorsmod.Wrapf(ErrTooManyPairs, "%d pairs > max_pairs %d", len(gs.Pairs), gs.Params.MaxPairs)
	}
	ids := map[uint32]bool{}
	names := map[string]bool{}
	var prev uint32
	for i, p := range gs.Pairs {
		if err := p.Validate(gs.Params.HistoryBlocks); err != nil {
			return err
		}
		if p.Id == 0 || p.Id >= gs.NextPairId || (i > 0 && p.Id <= prev) {
			return errorsmod.Wrapf(ErrInvalidPair, "pair ids must be positive, sorted, unique and below next_pair_id (%d)", p.Id)
		}
		if names[p.Name()] {
			return errorsmod.Wrapf(ErrInvalidPair, "duplicate pair %s", p.Name())
		}
		ids[p.Id], names[p.Name()], prev = true, true, p.Id
	}
	for _, ps := range gs.Prices {
		if !ids[ps.PairId] {
			return errorsmod.Wrapf(ErrPairNotFound, "price for unknown pair %d", ps.PairId)
		}
		if ps.PriceQuantums > MaxPriceQuantums || (!ps.Variance.IsNil() && ps.Variance.IsNegative()) {
			return errorsmod.Wrapf(ErrInvalidPair, "price state of pair %d out of range", ps.PairId)
		}
	}
	for _, h := range gs.History {
		if !ids[h.PairId] {
			return errorsmod.Wrapf(ErrPairNotFound, "history for unknown pair %d", h.PairId)
		}
		if uint32(len(h.Points)) > gs.Params.HistoryBlocks {
			return errorsmod.Wrapf(ErrInvalidPair, "history of pair %d longer than history_blocks", h.PairId)
		}
	}
	return nil
}
