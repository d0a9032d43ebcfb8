package margin_test

import (
	"math/big"
	"math/rand"
	"os"
	"strconv"
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/clearchain/clearchain/chain/x/clearing/margin"
)

// btcMarket is BTC-USD: 8 size decimals, 6 price decimals, 5% IMF, MM = 60% of IM (3% of notional).
func bandMarket(id uint32, price uint64) margin.Market {
	return margin.Market{MarketID: id, SizeDecimals: 8, PriceDecimals: 6, OraclePrice: price, IMFPpm: 50_000,
		MaintenanceFractionPpm: 600_000, FundingIndex: math.ZeroInt()}
}

func bandPos(id uint32, size, quote int64) margin.Position {
	return margin.Position{MarketID: id, Size: math.NewInt(size), QuoteBalance: math.NewInt(quote), FundingIndex: math.ZeroInt()}
}

func bandCoord(v int64) uint64 { return margin.EncodeCoordinate(big.NewInt(v)) }

// TestBandsTable holds ComputeBands to hand-computed figures.
//
// Long 1 BTC bought at 60,000 with 3,000 USDC: equity 3,000,000,000, MM ⌈60,000,000,000 × 0.03⌉ = 1,800,000,000,
// headroom 3e9 − 1.8e9 − 4 = 1,199,999,996. X = 60,000,000,000 × 0.97 = 58,200,000,000;
// trigger = ⌈X − headroom × 10^20 / (10^8 × 10^12)⌉ − 1 = ⌈57,000,000,004⌉ − 1 = 57,000,000,003.
// As a price: wake when p ≤ ⌈57,000,000,004 / 0.97⌉ − 1 = 58,762,886,602, while equity < MM needs
// p < 57,000,000,000 / 0.97 = 58,762,886,597.9 (the liquidation price, rounded up: 58,762,886,598).
// The short mirror: Y = 61,800,000,000, trigger ⌊62,999,999,996⌋ + 1, wake when p ≥ 61,165,048,540, liquidatable
// when p > 63,000,000,000 / 1.03 = 61,165,048,543.7.
func TestBandsTable(t *testing.T) {
	const p0 = 60_000_000_000
	btc := map[uint32]margin.Market{1: bandMarket(1, p0)}
	eth := bandMarket(2, 3_000_000_000)
	cases := []struct {
		name         string
		acct         margin.Account
		markets      map[uint32]margin.Market
		liquidatable bool
		bands        []margin.PositionBand
		headroom     int64
		recovery     []margin.PositionBand
		prices       []uint64 // TriggerPrice of each band (or recovery band)
	}{
		{name: "long", acct: margin.Account{Collateral: math.NewInt(3_000_000_000), Positions: []margin.Position{bandPos(1, 100_000_000, -60_000_000_000)}},
			markets: btc, headroom: 1_199_999_996,
			bands:  []margin.PositionBand{{MarketID: 1, Trigger: bandCoord(57_000_000_003)}},
			prices: []uint64{58_762_886_602}},
		{name: "short", acct: margin.Account{Collateral: math.NewInt(3_000_000_000), Positions: []margin.Position{bandPos(1, -100_000_000, 60_000_000_000)}},
			markets: btc, headroom: 1_199_999_996,
			bands:  []margin.PositionBand{{MarketID: 1, Short: true, Trigger: bandCoord(62_999_999_997)}},
			prices: []uint64{61_165_048_540}},
		{name: "liquidatable", acct: margin.Account{Collateral: math.NewInt(1_799_999_999), Positions: []margin.Position{bandPos(1, 100_000_000, -60_000_000_000)}},
			markets: btc, headroom: -5, liquidatable: true},
		{name: "exactly at MM is healthy but has no headroom", acct: margin.Account{Collateral: math.NewInt(1_800_000_000), Positions: []margin.Position{bandPos(1, 100_000_000, -60_000_000_000)}},
			markets: btc, headroom: -4},
		{name: "headroom zero: bands at the current coordinate", acct: margin.Account{Collateral: math.NewInt(1_800_000_004), Positions: []margin.Position{bandPos(1, 100_000_000, -60_000_000_000)}},
			markets: btc, headroom: 0,
			bands:  []margin.PositionBand{{MarketID: 1, Trigger: bandCoord(58_199_999_999)}},
			prices: []uint64{59_999_999_999}},
		{
			// 1 BTC long with 1,000 USDC: equity 1,000,000,000 < MM 1,800,000,000; room 799,999,996:
			// recovery trigger ⌊58,200,000,000 + 799,999,996⌋ + 1 = 58,999,999,997 (wake when ⌈X⌉ ≥ it); as a price,
			// p × 0.97 > 58,999,999,996 ⇔ p ≥ 60,824,742,264, while healthy needs p ≥ 59,000,000,000 / 0.97 = 60,824,742,268.04.
			name: "liquidatable with room: recovery band", acct: margin.Account{Collateral: math.NewInt(1_000_000_000), Positions: []margin.Position{bandPos(1, 100_000_000, -60_000_000_000)}},
			markets: btc, headroom: -800_000_004, liquidatable: true,
			recovery: []margin.PositionBand{{MarketID: 1, Trigger: bandCoord(58_999_999_997), Recovery: true}},
			prices:   []uint64{60_824_742_264},
		},
		{name: "flat", acct: margin.Account{Collateral: math.NewInt(5)}, markets: btc, headroom: 5},
		{
			// Cross: long 1 BTC (notional 60,000) and short 10 ETH (notional 30,000), 9,000 USDC collateral.
			// MM = 1,800 + 900 USDC; headroom 9e9 − 2.7e9 − 8 = 6,299,999,992; shares 2/3 and 1/3:
			// 4,199,999,994 and 2,099,999,997 (floors). Long (size × u = 1): ⌈58,200,000,000 − 4,199,999,994⌉ − 1.
			// Short: Y = 3,090,000,000; ⌊3,090,000,000 + 2,099,999,997 / 10⌋ + 1 = 3,299,999,999 + 1.
			name: "cross long and short, shares by notional",
			acct: margin.Account{Collateral: math.NewInt(9_000_000_000), Positions: []margin.Position{
				bandPos(1, 100_000_000, -60_000_000_000), bandPos(2, -1_000_000_000, 30_000_000_000)}},
			markets: map[uint32]margin.Market{1: bandMarket(1, p0), 2: eth}, headroom: 6_299_999_992,
			bands:  []margin.PositionBand{{MarketID: 1, Trigger: bandCoord(54_000_000_005)}, {MarketID: 2, Short: true, Trigger: bandCoord(3_300_000_000)}},
			prices: []uint64{55_670_103_098, 3_203_883_495},
		},
		{
			// Funding: the BTC index rose by 6×10^14 (600 USDC per BTC owed by longs since the snapshot):
			// X = 58,200,000,000 − 6×10^14 × 10^6 / 10^12 = 57,600,000,000 and equity drops by 600 USDC: headroom
			// 599,999,996 → the same coordinate trigger ⌈57,600,000,000 − 599,999,996⌉ − 1; as a price at this index:
			// p × 0.97 − 600,000,000 < 57,000,000,004 ⇔ p < 59,381,443,303.09.
			name: "funding owed moves the coordinate and the buffer",
			acct: margin.Account{Collateral: math.NewInt(3_000_000_000), Positions: []margin.Position{bandPos(1, 100_000_000, -60_000_000_000)}},
			markets: map[uint32]margin.Market{1: func() margin.Market {
				m := bandMarket(1, p0)
				m.FundingIndex = math.NewInt(600_000_000_000_000)
				return m
			}()}, headroom: 599_999_996,
			bands:  []margin.PositionBand{{MarketID: 1, Trigger: bandCoord(57_000_000_003)}},
			prices: []uint64{59_381_443_303},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := margin.ComputeBands(tc.acct, tc.markets)
			require.Equal(t, tc.liquidatable, b.Liquidatable)
			require.Equal(t, margin.ComputeHealth(tc.acct, tc.markets, 0).Liquidatable, b.Liquidatable)
			req := margin.ComputeRequirements(tc.acct, tc.markets)
			require.Equal(t, req, b.Requirements)
			require.Equal(t, tc.headroom, b.Headroom.Int64())
			require.Equal(t, tc.bands, b.Positions)
			require.Equal(t, tc.bands != nil, b.HasBands())
			require.Equal(t, tc.recovery, b.Recovery)
			for i, band := range append(b.Positions, b.Recovery...) {
				m := tc.markets[band.MarketID]
				require.Equal(t, tc.prices[i], margin.TriggerPrice(band, m), "trigger price %d", i)
				require.False(t, band.Wakes(m), "a fresh band never wakes at its own state unless it has no room")
				edge := m
				edge.OraclePrice = tc.prices[i]
				require.True(t, band.Wakes(edge), "the trigger price wakes")
			}
		})
	}
}

// TestBandsWakeBeforeLiquidation: for one position, the wake price lies on the safe side of the engine's
// liquidation price and within a few quantums of it (the band is tight, not just safe).
func TestBandsWakeBeforeLiquidation(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	for i := 0; i < 2_000; i++ {
		price := uint64(1_000_000 + r.Int63n(100_000_000_000))
		m := bandMarket(1, price)
		m.IMFPpm = uint64(10_000 + r.Int63n(500_000))
		m.MaintenanceFractionPpm = uint64(100_000 + r.Int63n(800_000))
		size := int64(1_000 + r.Int63n(1_000_000_000))
		if r.Intn(2) == 0 {
			size = -size
		}
		notional := margin.Notional(math.NewInt(size), price, 8, 6)
		quote := margin.SignedValue(math.NewInt(size), price, 8, 6).Neg()
		// Collateral between MM and 100% of notional.
		_, mmReq := margin.MarginRequirements(notional, m.IMFPpm, m.MaintenanceFractionPpm)
		collateral := mmReq.Add(math.NewInt(4 + r.Int63n(notional.Int64()+1)))
		acct := margin.Account{Collateral: collateral, Positions: []margin.Position{{MarketID: 1, Size: math.NewInt(size), QuoteBalance: quote, FundingIndex: math.ZeroInt()}}}
		markets := map[uint32]margin.Market{1: m}
		b := margin.ComputeBands(acct, markets)
		require.True(t, b.HasBands())
		wake := margin.TriggerPrice(b.Positions[0], m)
		liq := margin.ComputeHealth(acct, markets, 0).Positions[0].LiquidationPrice
		k := float64(m.IMFPpm) * float64(m.MaintenanceFractionPpm) / 1e12
		unit := float64(size) / 1e8 // quantums of value per price quantum
		if size > 0 {
			if liq.IsZero() {
				continue // never liquidatable by price
			}
			require.True(t, math.NewIntFromUint64(wake).GTE(liq.SubRaw(1)), "long wake %d below liquidation %s", wake, liq)
			slack := 6/(unit*(1-k)) + 2
			require.LessOrEqual(t, float64(wake)-float64(liq.Int64()), slack, "long band too loose")
		} else {
			require.True(t, math.NewIntFromUint64(wake).LTE(liq.AddRaw(1)), "short wake %d above liquidation %s", wake, liq)
			slack := 6/(-unit*(1+k)) + 2
			require.LessOrEqual(t, float64(liq.Int64())-float64(wake), slack, "short band too loose")
		}
	}
}

// TestEncodeCoordinate: order-preserving and saturating.
func TestEncodeCoordinate(t *testing.T) {
	vals := []*big.Int{new(big.Int).Lsh(big.NewInt(-1), 70), big.NewInt(-1 << 63), big.NewInt(-5), big.NewInt(0), big.NewInt(7), big.NewInt(1<<63 - 1), new(big.Int).Lsh(big.NewInt(1), 70)}
	for i := 1; i < len(vals); i++ {
		require.LessOrEqual(t, margin.EncodeCoordinate(vals[i-1]), margin.EncodeCoordinate(vals[i]))
	}
	require.Equal(t, uint64(0), margin.EncodeCoordinate(vals[0]))
	require.Equal(t, ^uint64(0), margin.EncodeCoordinate(vals[len(vals)-1]))
	for _, v := range []int64{-1 << 63, -3, 0, 9, 1<<63 - 1} {
		require.Equal(t, v, margin.DecodeCoordinate(margin.EncodeCoordinate(big.NewInt(v))))
	}
}

// bandIterations is the property test's size (BANDS_ITERATIONS overrides it).
func bandIterations(def int) int {
	if s := os.Getenv("BANDS_ITERATIONS"); s != "" {
		if n, err := strconv.Atoi(s); err == nil {
			return n
		}
	}
	return def
}

// randomMarket returns a market with random scales, price, margin fractions and funding index.
func randomMarket(r *rand.Rand, id uint32) margin.Market {
	sd := uint32(r.Intn(10))
	pd := uint32(2 + r.Intn(8))
	return margin.Market{MarketID: id, SizeDecimals: sd, PriceDecimals: pd, OraclePrice: uint64(1 + r.Int63n(1_000_000_000_000)),
		IMFPpm: uint64(1 + r.Int63n(1_000_000)), MaintenanceFractionPpm: uint64(1 + r.Int63n(999_999)),
		FundingIndex: math.NewInt(r.Int63n(2_000_000_000_000) - 1_000_000_000_000)}
}

// moved returns m at a random later state: effective IMF, maintenance fraction and funding index anywhere in
// range, price then pushed to just inside (or anywhere inside) the band at that state.
func moved(r *rand.Rand, m margin.Market, band margin.PositionBand) (margin.Market, bool) {
	n := m
	switch r.Intn(4) {
	case 0: // only the price moves
	case 1:
		n.IMFPpm = uint64(1 + r.Int63n(1_000_000))
	case 2:
		n.FundingIndex = m.FundingIndex.Add(math.NewInt(r.Int63n(2_000_000_000) - 1_000_000_000))
	default:
		n.IMFPpm = uint64(1 + r.Int63n(1_000_000))
		n.MaintenanceFractionPpm = uint64(1 + r.Int63n(999_999))
		n.FundingIndex = math.NewInt(r.Int63n(2_000_000_000_000) - 1_000_000_000_000)
	}
	edge := margin.TriggerPrice(band, n)
	if band.Recovery { // the safe side is the adverse one: a long below its edge, a short above
		band.Recovery, band.Short = false, !band.Short
	}
	if band.Short {
		if edge <= 1 {
			return n, false // every price wakes at this state
		}
		n.OraclePrice = edge - 1
		if r.Intn(3) == 0 {
			n.OraclePrice = 1 + uint64(r.Int63n(int64(min(edge-1, 1<<62))))
		}
	} else {
		if edge >= 1<<62 {
			return n, false
		}
		n.OraclePrice = edge + 1
		if r.Intn(3) == 0 {
			n.OraclePrice = edge + 1 + uint64(r.Int63n(1_000_000_000_000))
		}
	}
	return n, true
}

// TestBandsProperty: random accounts (1–5 positions, long and short) in random markets; every later state of
// prices, effective IMF, maintenance fraction and funding index at which no band wakes leaves equity ≥ MM by
// ComputeRequirements, and for a liquidatable account every state at which no recovery band wakes leaves
// equity < MM. And the edge is exact as TriggerPrice says: the edge price wakes.
func TestBandsProperty(t *testing.T) {
	r := rand.New(rand.NewSource(20240909))
	iterations := bandIterations(20_000)
	withBands, checked := 0, 0
	for it := 0; it < iterations; it++ {
		n := 1 + r.Intn(5)
		markets := map[uint32]margin.Market{}
		acct := margin.Account{}
		for i := 0; i < n; i++ {
			id := uint32(i + 1)
			m := randomMarket(r, id)
			markets[id] = m
			size := 1 + r.Int63n(1_000_000_000)
			if r.Intn(2) == 0 {
				size = -size
			}
			entry := uint64(1 + r.Int63n(int64(m.OraclePrice)*2))
			quote := margin.SignedValue(math.NewInt(size), entry, m.SizeDecimals, m.PriceDecimals).Neg()
			snapshot := m.FundingIndex.Add(math.NewInt(r.Int63n(2_000_000) - 1_000_000))
			acct.Positions = append(acct.Positions, margin.Position{MarketID: id, Size: math.NewInt(size), QuoteBalance: quote, FundingIndex: snapshot})
		}
		req := margin.ComputeRequirements(acct, markets)
		// Collateral near the edge: MM − equity + a small or large buffer, on either side.
		gap := req.MaintenanceMargin.Sub(req.Equity)
		buffer := []int64{0, 3, 4, 5, 100, r.Int63n(1_000_000), r.Int63n(1_000_000_000_000)}[r.Intn(7)]
		recovery := r.Intn(3) == 0
		if recovery {
			buffer = -1 - buffer
		}
		acct.Collateral = gap.AddRaw(buffer)
		b := margin.ComputeBands(acct, markets)
		require.Equal(t, margin.ComputeHealth(acct, markets, 0).Liquidatable, b.Liquidatable)
		bands := b.Positions
		if recovery {
			require.True(t, b.Liquidatable)
			require.Nil(t, b.Positions)
			bands = b.Recovery
		} else {
			require.Nil(t, b.Recovery)
		}
		if bands == nil {
			require.True(t, b.Liquidatable || b.Headroom.IsNegative())
			continue
		}
		withBands++
		for trial := 0; trial < 4; trial++ {
			next := map[uint32]margin.Market{}
			ok := true
			for i, p := range acct.Positions {
				m, inside := markets[p.MarketID], true
				if r.Intn(3) > 0 { // this market moves inside its band; the others stay
					m, inside = moved(r, markets[p.MarketID], bands[i])
				} else {
					inside = !bands[i].Wakes(m) // a band with (almost) no room wakes at once
				}
				if !inside {
					ok = false
					break
				}
				require.False(t, bands[i].Wakes(m), "inside the band must not wake: %+v %+v %d", bands[i], m, margin.TriggerPrice(bands[i], m))
				// The edge price itself wakes.
				past := m
				past.OraclePrice = margin.TriggerPrice(bands[i], m)
				if past.OraclePrice > 0 && past.OraclePrice < ^uint64(0) {
					require.True(t, bands[i].Wakes(past), "the trigger price itself wakes")
				}
				next[p.MarketID] = m
			}
			if !ok {
				continue
			}
			checked++
			after := margin.ComputeRequirements(acct, next)
			if recovery {
				require.True(t, after.Equity.LT(after.MaintenanceMargin), "iteration %d: inside every recovery band but equity %s ≥ MM %s", it, after.Equity, after.MaintenanceMargin)
			} else {
				require.True(t, after.Equity.GTE(after.MaintenanceMargin), "iteration %d: inside every band but equity %s < MM %s", it, after.Equity, after.MaintenanceMargin)
			}
		}
	}
	require.Greater(t, withBands, iterations/3)
	require.Greater(t, checked, iterations/2)
	t.Logf("%d accounts, %d with bands, %d moved states checked", iterations, withBands, checked)
}
