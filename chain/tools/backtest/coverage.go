package backtest

// Sample is the margin state the chain had at one row of the path: the row's time and price and the market's
// effective IMF at that block (ppm).
type Sample struct {
	TimeMs int64
	Price  uint64
	IMFPpm uint64
}

// Coverage is the share of adverse moves a margin fraction covered.
type Coverage struct {
	// HorizonS is the requested horizon; EffectiveS is max(horizon, the path's resolution).
	HorizonS, EffectiveS int64
	// Samples counts (row, side) pairs: each row gives a long and a short sample.
	Samples int
	// Covered counts samples whose adverse move did not exceed the fraction.
	Covered int
	// WorstMovePpm is the largest adverse move seen (ppm of the starting price).
	WorstMovePpm uint64
}

// Pct returns the covered share in percent (100 when there are no samples).
func (c Coverage) Pct() float64 {
	if c.Samples == 0 {
		return 100
	}
	return 100 * float64(c.Covered) / float64(c.Samples)
}

// AdverseCoverage measures, for every row i, the worst adverse excursion over the next horizon: for a long
// (p_i − min p)/p_i and for a short (max p − p_i)/p_i over the rows in (t_i, t_j], where j is the first row at or
// after t_i + H_eff and H_eff = max(horizon, resolution). A row whose j lies more than 2 × H_eff after it (a gap in the
// data, or a coarser stretch of a mixed-resolution file) is skipped. A sample is covered when the move is at most
// fraction(i) ppm, the margin fraction the account held at that row.
func AdverseCoverage(samples []Sample, horizonMs, resolutionMs int64, fraction func(Sample) uint64) Coverage {
	eff := horizonMs
	if resolutionMs > eff {
		eff = resolutionMs
	}
	c := Coverage{HorizonS: horizonMs / 1000, EffectiveS: eff / 1000}
	j := 0
	for i := range samples {
		if j <= i {
			j = i + 1
		}
		for j < len(samples) && samples[j].TimeMs < samples[i].TimeMs+eff {
			j++
		}
		if j >= len(samples) {
			break
		}
		if samples[j].TimeMs-samples[i].TimeMs > 2*eff {
			continue
		}
		p := samples[i].Price
		lo, hi := p, p
		for k := i + 1; k <= j; k++ {
			if q := samples[k].Price; q < lo {
				lo = q
			} else if q > hi {
				hi = q
			}
		}
		f := fraction(samples[i])
		for _, move := range []uint64{movePpm(p-lo, p), movePpm(hi-p, p)} {
			c.Samples++
			if move <= f {
				c.Covered++
			}
			if move > c.WorstMovePpm {
				c.WorstMovePpm = move
			}
		}
	}
	return c
}

// movePpm returns ⌈d × 10^6 / p⌉ (a move rounded up: coverage errs low).
func movePpm(d, p uint64) uint64 {
	if d == 0 || p == 0 {
		return 0
	}
	return mulDivCeilU(d, 1_000_000, p)
}
