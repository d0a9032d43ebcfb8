// Package backtest replays a price path through Clearchain's real oracle and clearing keepers, block by block, and
// reports how well the margin model covers adverse moves (maintenance margin at 60 s and 300 s, initial margin at
// 3,600 s), how fast the effective IMF moved (largest ratio to its value an hour earlier), and what happened to a
// synthetic population of cross and isolated subaccounts (liquidations, deferrals, bad debt, insurance drawdown,
// auto-deleveraging, losses of flat accounts). It also generates the stress scenarios of `make stress`.
//
// See "Margin model and calibration" in chain/x/clearing/README.md for how to read the output.
package backtest

import (
	"bufio"
	"fmt"
	"io"
	"math/big"
	"os"
	"sort"
	"strings"
)

// Point is one row of a price path: time in milliseconds and price in quantums (10^decimals per unit).
type Point struct {
	TimeMs int64
	Price  uint64
}

// Path is a price path for one pair.
type Path struct {
	Pair   string
	Points []Point
}

// ReadPathFile reads a feeder replay CSV (`unix_seconds,PAIR,price`, optional header, `#` comments). pair selects the
// rows of one pair ("" = the first pair in the file); prices are converted to fixed point with the given decimals,
// truncating.
func ReadPathFile(path, pair string, decimals uint32) (Path, error) {
	f, err := os.Open(path)
	if err != nil {
		return Path{}, err
	}
	defer f.Close()
	return ReadPath(f, path, pair, decimals)
}

// ReadPath parses replay CSV text; see ReadPathFile.
func ReadPath(r io.Reader, label, pair string, decimals uint32) (Path, error) {
	out := Path{Pair: pair}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	line, headerAllowed := 0, true
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		fields := strings.Split(s, ",")
		if len(fields) != 3 {
			return Path{}, fmt.Errorf("%s:%d: expected 3 fields unix_seconds,pair,price", label, line)
		}
		for i := range fields {
			fields[i] = strings.TrimSpace(fields[i])
		}
		ms, ok := parseFixed(fields[0], 3)
		if !ok {
			if headerAllowed && !strings.ContainsAny(fields[0], "0123456789") {
				headerAllowed = false
				continue
			}
			return Path{}, fmt.Errorf("%s:%d: bad time %q", label, line, fields[0])
		}
		headerAllowed = false
		name := strings.ToUpper(fields[1])
		if out.Pair == "" {
			out.Pair = name
		}
		if name != strings.ToUpper(out.Pair) {
			continue
		}
		p, ok := parseFixed(fields[2], decimals)
		if !ok || p.Sign() <= 0 || !p.IsUint64() {
			return Path{}, fmt.Errorf("%s:%d: bad price %q", label, line, fields[2])
		}
		if n := len(out.Points); n > 0 && ms.Int64() < out.Points[n-1].TimeMs {
			return Path{}, fmt.Errorf("%s:%d: rows must be sorted by time", label, line)
		}
		out.Points = append(out.Points, Point{TimeMs: ms.Int64(), Price: p.Uint64()})
	}
	if err := sc.Err(); err != nil {
		return Path{}, err
	}
	if len(out.Points) < 2 {
		return Path{}, fmt.Errorf("%s: fewer than two rows for pair %q", label, out.Pair)
	}
	return out, nil
}

// parseFixed parses a non-negative decimal string into an integer scaled by 10^decimals, truncating extra digits.
func parseFixed(s string, decimals uint32) (*big.Int, bool) {
	if s == "" {
		return nil, false
	}
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i+1:]
	}
	if intPart == "" {
		intPart = "0"
	}
	for _, c := range intPart + frac {
		if c < '0' || c > '9' {
			return nil, false
		}
	}
	if uint32(len(frac)) > decimals {
		frac = frac[:decimals]
	}
	frac += strings.Repeat("0", int(decimals)-len(frac))
	v, ok := new(big.Int).SetString(intPart+frac, 10)
	return v, ok
}

// Resolution returns the median spacing of the path's rows in milliseconds (at least 1).
func (p Path) Resolution() int64 {
	if len(p.Points) < 2 {
		return 1
	}
	d := make([]int64, 0, len(p.Points)-1)
	for i := 1; i < len(p.Points); i++ {
		d = append(d, p.Points[i].TimeMs-p.Points[i-1].TimeMs)
	}
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	if m := d[len(d)/2]; m > 0 {
		return m
	}
	return 1
}

// Slice returns the rows with fromMs ≤ time < toMs.
func (p Path) Slice(fromMs, toMs int64) Path {
	out := Path{Pair: p.Pair}
	for _, pt := range p.Points {
		if pt.TimeMs >= fromMs && pt.TimeMs < toMs {
			out.Points = append(out.Points, pt)
		}
	}
	return out
}
