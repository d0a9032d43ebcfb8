package cli

import (
	"bytes"
	"strings"
	"testing"
)

func TestParseOrderHashes(t *testing.T) {
	a := strings.Repeat("ab", 32)
	b := "0x" + strings.Repeat("01", 32)
	got, err := parseOrderHashes([]string{a, b, strings.ToUpper(a)})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || !bytes.Equal(got[0], bytes.Repeat([]byte{0xab}, 32)) || !bytes.Equal(got[1], bytes.Repeat([]byte{1}, 32)) ||
		!bytes.Equal(got[2], got[0]) {
		t.Fatalf("unexpected hashes %x", got)
	}
	for _, bad := range []string{"", "abcd", strings.Repeat("ab", 33), strings.Repeat("zz", 32), strings.Repeat("a", 63)} {
		if _, err := parseOrderHashes([]string{a, bad}); err == nil {
			t.Errorf("%q: want an error", bad)
		}
	}
}

func TestCancelOrdersCmdRegistered(t *testing.T) {
	cmd, _, err := GetTxCmd().Find([]string{"cancel-orders"})
	if err != nil || cmd.Name() != "cancel-orders" {
		t.Fatalf("cancel-orders not registered: %v", err)
	}
	if f := cmd.Flags().Lookup(FlagGoodTilBlock); f == nil || f.DefValue != "0" {
		t.Fatalf("--%s flag missing or not defaulting to 0", FlagGoodTilBlock)
	}
	if err := cmd.Args(cmd, []string{"0"}); err == nil {
		t.Fatal("want an error without order hashes")
	}
}
