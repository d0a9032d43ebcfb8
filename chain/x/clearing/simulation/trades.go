package simulation

import (
	"math/big"
	"math/rand"
	"strconv"

	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/client"
	sdk "github.com/cosmos/cosmos-sdk/types"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"

	"github.com/clearchain/clearchain/chain/x/clearing/keeper"
	"github.com/clearchain/clearchain/chain/x/clearing/types"
)

// orderLogSize bounds the simulation's memory of signed orders (for replays and cancellations).
const orderLogSize = 512

// loggedOrder is a signed order the simulation sent, with the fill it was part of.
type loggedOrder struct {
	owner simtypes.Account
	order types.Order
	hash  []byte
	fill  types.Fill
}

// orderLog is a bounded ring of signed orders, in submission order (deterministic).
type orderLog struct {
	entries []loggedOrder
	next    int
}

func (l *orderLog) add(e loggedOrder) {
	if len(l.entries) < orderLogSize {
		l.entries = append(l.entries, e)
		return
	}
	l.entries[l.next] = e
	l.next = (l.next + 1) % orderLogSize
}

func (l *orderLog) random(r *rand.Rand) (loggedOrder, bool) {
	if len(l.entries) == 0 {
		return loggedOrder{}, false
	}
	return l.entries[r.Intn(len(l.entries))], true
}

// signOrder returns the owner's signature over the order's sign bytes and the order hash.
func signOrder(acc simtypes.Account, o types.Order) (sig, hash []byte, err error) {
	bz, err := types.OrderSignBytes(o)
	if err != nil {
		return nil, nil, err
	}
	if sig, err = acc.PrivKey.Sign(bz); err != nil {
		return nil, nil, err
	}
	hash, err = types.OrderHash(o)
	return sig, hash, err
}

// pow10 returns 10^n as a big integer.
func pow10(n uint32) *big.Int { return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil) }

// fillSize picks a size (a multiple of the step) whose notional is a random leverage of the smaller collateral:
// 0.1x–8x, 40% of the time 8x–18x (near or beyond the initial margin), sometimes up to 40x (which the margin
// rule must refuse).
func fillSize(r *rand.Rand, m types.Market, price uint64, decimals uint32, collateral *big.Int) uint64 {
	stepNotional := new(big.Int).SetUint64(m.StepSize)
	stepNotional.Mul(stepNotional, new(big.Int).SetUint64(price))
	stepNotional.Mul(stepNotional, big.NewInt(1_000_000))
	stepNotional.Quo(stepNotional, pow10(m.SizeDecimals+decimals))
	if stepNotional.Sign() <= 0 {
		stepNotional.SetInt64(1)
	}
	levTenths := int64(1 + r.Intn(80))
	switch r.Intn(10) {
	case 0:
		levTenths = int64(80 + r.Intn(320))
	case 1, 2, 3, 4:
		levTenths = int64(80 + r.Intn(100))
	}
	target := new(big.Int).Mul(collateral, big.NewInt(levTenths))
	target.Quo(target, big.NewInt(10))
	steps := new(big.Int).Quo(target, stepNotional)
	if steps.Sign() <= 0 {
		steps.SetInt64(1)
	}
	if steps.Cmp(big.NewInt(1_000_000)) > 0 {
		steps.SetInt64(1_000_000)
	}
	return steps.Uint64() * m.StepSize
}

// fillPrice picks a price on the tick within ±4% of the oracle price (one in fifteen up to ±12%: outside the
// default band, which the chain must refuse).
func fillPrice(r *rand.Rand, m types.Market, oracle uint64) uint64 {
	spreadPpm := int64(r.Intn(80_001)) - 40_000
	if r.Intn(15) == 0 {
		spreadPpm = int64(r.Intn(240_001)) - 120_000
	}
	p := new(big.Int).SetUint64(oracle)
	p.Mul(p, big.NewInt(1_000_000+spreadPpm))
	p.Quo(p, big.NewInt(1_000_000))
	p.Quo(p, new(big.Int).SetUint64(m.TickSize))
	p.Mul(p, new(big.Int).SetUint64(m.TickSize))
	if p.Sign() <= 0 || !p.IsUint64() {
		return m.TickSize
	}
	return p.Uint64()
}

// newFill builds one signed fill between two subaccounts on market m at price, submitted by venue.
func (d *Deps) newFill(r *rand.Rand, ctx sdk.Context, chainID string, venue simtypes.Account, maker, taker subaccountRef,
	m types.Market, price uint64, decimals uint32, orderHeight int64,
) (types.Fill, error) {
	coll := maker.sa.Collateral.BigInt()
	if tc := taker.sa.Collateral.BigInt(); tc.Cmp(coll) < 0 {
		coll = tc
	}
	if coll.Sign() <= 0 {
		coll = big.NewInt(1_000_000)
	}
	size := fillSize(r, m, price, decimals, coll)
	makerSide, takerSide := types.SIDE_SELL, types.SIDE_BUY
	if r.Intn(2) == 0 {
		makerSide, takerSide = takerSide, makerSide
	}
	order := func(owner subaccountRef, side types.Side) types.Order {
		o := types.Order{Owner: owner.sa.Owner, SubaccountNumber: owner.sa.Number, MarketId: m.Id, Side: side,
			Size_: size, LimitPrice: price, ReduceOnly: r.Intn(10) == 0, Nonce: r.Uint64(),
			GoodTilBlock: orderHeight + 1 + int64(r.Intn(40)), ChainId: chainID}
		if r.Intn(3) == 0 {
			o.Size_ = size * uint64(2+r.Intn(3)) // partially filled now, the rest may fill (or be cancelled) later
		}
		if r.Intn(3) == 0 {
			o.Venue = venue.Address.String()
		} else if r.Intn(25) == 0 {
			o.Venue = owner.acc.Address.String() // bound to another venue: refused unless the owner submits
		}
		if r.Intn(30) == 0 {
			o.GoodTilBlock = orderHeight - 1 // expired
		}
		return o
	}
	mo, to := order(maker, makerSide), order(taker, takerSide)
	msig, mhash, err := signOrder(maker.acc, mo)
	if err != nil {
		return types.Fill{}, err
	}
	tsig, thash, err := signOrder(taker.acc, to)
	if err != nil {
		return types.Fill{}, err
	}
	if r.Intn(40) == 0 {
		tsig = append([]byte(nil), msig...) // forged: the maker's signature on the taker's order
	}
	f := types.Fill{MakerOrder: mo, MakerPubKey: maker.acc.PrivKey.PubKey().Bytes(), MakerSignature: msig,
		TakerOrder: to, TakerPubKey: taker.acc.PrivKey.PubKey().Bytes(), TakerSignature: tsig, Size_: size, Price: price}
	d.orders.add(loggedOrder{owner: maker.acc, order: mo, hash: mhash, fill: f})
	d.orders.add(loggedOrder{owner: taker.acc, order: to, hash: thash, fill: f})
	return f, nil
}

// SimulateMsgSubmitTrades has a random venue submit 1–4 fills between random funded subaccounts, each between
// two orders signed by their owners' keys, around the oracle price; one in ten submissions replays an earlier fill
// (which overfill protection must refuse once its orders are used up).
func SimulateMsgSubmitTrades(k *keeper.Keeper, d *Deps, txCfg client.TxConfig) simtypes.Operation {
	return func(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, chainID string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
		name := sdk.MsgTypeURL(&types.MsgSubmitTrades{})
		venue, _ := simtypes.RandomAcc(r, accs)
		params, err := k.Params.Get(ctx)
		if err != nil {
			return simtypes.NoOpMsg(types.ModuleName, name, "no params"), nil, err
		}
		var fills []types.Fill
		if prev, ok := d.orders.random(r); ok && r.Intn(10) == 0 {
			fills = append(fills, prev.fill)
		} else {
			var funded []subaccountRef
			for _, s := range simSubaccounts(ctx, k, accs) {
				if s.sa.Collateral.IsPositive() {
					funded = append(funded, s)
				}
			}
			ms := markets(ctx, k)
			if len(funded) < 2 || len(ms) == 0 {
				return simtypes.NoOpMsg(types.ModuleName, name, "fewer than two funded subaccounts"), nil, nil
			}
			orderHeight := ctx.BlockHeight() + params.OrderHeightOffset
			n := 1 + r.Intn(4)
			for range n {
				m := ms[r.Intn(len(ms))]
				oracle, decimals, err := d.Oracle.GetPrice(ctx, m.PairId)
				if err != nil || oracle == 0 {
					continue
				}
				i := r.Intn(len(funded))
				j := r.Intn(len(funded) - 1)
				if j >= i {
					j++
				}
				f, err := d.newFill(r, ctx, chainID, venue, funded[i], funded[j], m, fillPrice(r, m, oracle), decimals, orderHeight)
				if err != nil {
					return simtypes.NoOpMsg(types.ModuleName, name, "cannot sign order"), nil, err
				}
				fills = append(fills, f)
			}
		}
		if len(fills) == 0 {
			return simtypes.NoOpMsg(types.ModuleName, name, "no priced market"), nil, nil
		}
		msg := &types.MsgSubmitTrades{Submitter: venue.Address.String(), Fills: fills}
		op, res, err := d.deliver(r, app, txCfg, ctx, chainID, venue, msg)
		if err != nil || res == nil {
			return op, nil, err
		}
		for _, anyResp := range res.MsgResponses {
			var resp types.MsgSubmitTradesResponse
			if resp.Unmarshal(anyResp.Value) != nil {
				continue
			}
			for _, fr := range resp.Results {
				if fr.Success {
					d.Counters.FillsSettled++
				} else {
					d.Counters.FillsRejected++
					d.Counters.FillRejectCodes[fr.Codespace+"/"+strconv.FormatUint(uint64(fr.Code), 10)]++
				}
			}
		}
		return op, nil, nil
	}
}

// SimulateMsgCancelOrders has an owner cancel some of its signed orders (sometimes another owner's hash, which
// must have no effect on that order, and sometimes an explicit good-til-block).
func SimulateMsgCancelOrders(k *keeper.Keeper, d *Deps, txCfg client.TxConfig) simtypes.Operation {
	return func(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, chainID string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
		name := sdk.MsgTypeURL(&types.MsgCancelOrders{})
		e, ok := d.orders.random(r)
		if !ok {
			return simtypes.NoOpMsg(types.ModuleName, name, "no signed orders yet"), nil, nil
		}
		hashes := [][]byte{e.hash}
		for range r.Intn(3) {
			if o, ok := d.orders.random(r); ok {
				hashes = append(hashes, o.hash)
			}
		}
		msg := &types.MsgCancelOrders{Sender: e.owner.Address.String(), SubaccountNumber: e.order.SubaccountNumber, OrderHashes: hashes}
		if r.Intn(4) == 0 {
			msg.GoodTilBlock = ctx.BlockHeight() + int64(r.Intn(200)) - 20
		}
		op, _, err := d.deliver(r, app, txCfg, ctx, chainID, e.owner, msg)
		return op, nil, err
	}
}
