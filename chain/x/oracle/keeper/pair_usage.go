package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	"github.com/clearchain/clearchain/chain/x/oracle/types"
)

// SetPairUsage installs the module that knows which pairs its markets use (x/clearing); call it once at wiring.
func (k *Keeper) SetPairUsage(u types.PairUsage) { k.pairUsage = u }

// checkDecimalsChange refuses to change the decimals of an existing pair that a market uses: every stored price,
// history point and market parameter of that market is in the old scale. Without a PairUsage nothing is in use.
func (k *Keeper) checkDecimalsChange(ctx context.Context, id, decimals uint32) error {
	old, err := k.Pairs.Get(ctx, id)
	if err != nil {
		return err
	}
	if old.Decimals == decimals || k.pairUsage == nil {
		return nil
	}
	inUse, err := k.pairUsage.PairInUse(ctx, id)
	if err != nil {
		return errorsmod.Wrapf(err, "cannot tell whether %s is used by a market", old.Name())
	}
	if inUse {
		return errorsmod.Wrapf(types.ErrPairInUse, "%s is used by a market: its decimals cannot change from %d to %d", old.Name(), old.Decimals, decimals)
	}
	return nil
}
