package types

import (
	"crypto/sha256"

	errorsmod "cosmossdk.io/errors"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/clearchain/clearchain/chain/crypto/secp256k1check"
)

// OrderSignDomain separates order signatures from every other secp256k1 signature a key makes.
const OrderSignDomain = "clearchain/order/v1"

// OrderSignBytes returns the bytes an owner signs: OrderSignDomain || 0x00 || canonical protobuf(order).
func OrderSignBytes(o Order) ([]byte, error) {
	bz, err := o.Marshal()
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(OrderSignDomain)+1+len(bz))
	out = append(out, OrderSignDomain...)
	out = append(out, 0)
	return append(out, bz...), nil
}

// OrderHash returns sha256(OrderSignBytes(order)), the order's identity for fill tracking.
func OrderHash(o Order) ([]byte, error) {
	bz, err := OrderSignBytes(o)
	if err != nil {
		return nil, err
	}
	h := sha256.Sum256(bz)
	return h[:], nil
}

// ValidateBasic checks an order's shape.
func (o Order) ValidateBasic() error {
	return o.validateBasic(nil)
}

// validateBasic is ValidateBasic with valid holding addresses already parsed successfully (nil: none); it adds
// the ones it parses. The result is the same: only successful parses are remembered.
func (o Order) validateBasic(valid map[string]struct{}) error {
	if err := validateAddressOnce(valid, o.Owner); err != nil {
		return errorsmod.Wrapf(ErrInvalidAddress, "order owner %q: %s", o.Owner, err.Error())
	}
	if err := ValidateSubaccountNumber(o.SubaccountNumber); err != nil {
		return err
	}
	if o.Side != SIDE_BUY && o.Side != SIDE_SELL {
		return errorsmod.Wrap(ErrInvalidOrder, "side must be buy or sell")
	}
	if o.Size_ == 0 {
		return errorsmod.Wrap(ErrInvalidOrder, "order size must be positive")
	}
	if o.LimitPrice == 0 {
		return errorsmod.Wrap(ErrInvalidOrder, "limit price must be positive")
	}
	if o.MarketId == 0 {
		return errorsmod.Wrap(ErrInvalidOrder, "market id must be set")
	}
	if o.Venue != "" {
		if err := validateAddressOnce(valid, o.Venue); err != nil {
			return errorsmod.Wrapf(ErrInvalidAddress, "order venue %q: %s", o.Venue, err.Error())
		}
	}
	return nil
}

// validateAddressOnce parses s unless valid already holds it, and remembers it in valid (when not nil) once parsed.
func validateAddressOnce(valid map[string]struct{}, s string) error {
	if _, ok := valid[s]; ok {
		return nil
	}
	if _, err := ParseAccAddress(s); err != nil {
		return err
	}
	if valid != nil {
		valid[s] = struct{}{}
	}
	return nil
}

// PreparedOrder is an order with its owner parsed and its sign bytes and hash computed once, so settlement,
// signature verification and fill records never redo that work.
type PreparedOrder struct {
	// Order is the signed order.
	Order Order
	// Owner is the parsed owner address.
	Owner sdk.AccAddress
	// SignBytes are OrderSignBytes(Order).
	SignBytes []byte
	// Hash is sha256(SignBytes).
	Hash []byte
}

// PrepareOrder parses the owner and computes the sign bytes and hash of an order.
func PrepareOrder(o Order) (PreparedOrder, error) {
	return PrepareOrderWith(o, nil)
}

// PrepareOrderWith is PrepareOrder taking the owner from owners when it holds o.Owner (addresses parsed ahead,
// read-only, so concurrent calls may share it); any other owner is parsed as PrepareOrder does.
func PrepareOrderWith(o Order, owners map[string]sdk.AccAddress) (PreparedOrder, error) {
	owner, ok := owners[o.Owner]
	if !ok {
		var err error
		if owner, err = ParseAccAddress(o.Owner); err != nil {
			return PreparedOrder{}, errorsmod.Wrap(ErrInvalidAddress, err.Error())
		}
	}
	bz, err := OrderSignBytes(o)
	if err != nil {
		return PreparedOrder{}, errorsmod.Wrap(ErrInvalidOrder, err.Error())
	}
	h := sha256.Sum256(bz)
	return PreparedOrder{Order: o, Owner: owner, SignBytes: bz, Hash: h[:]}, nil
}

// VerifyOrderSignature checks that pubKey belongs to the order owner and signed the order.
func VerifyOrderSignature(o Order, pubKey, signature []byte) error {
	p, err := PrepareOrder(o)
	if err != nil {
		return err
	}
	return p.VerifySignature(pubKey, signature)
}

// VerifySignature checks that pubKey belongs to the prepared order's owner and signed its sign bytes.
func (p PreparedOrder) VerifySignature(pubKey, signature []byte) error {
	if len(pubKey) != secp256k1.PubKeySize {
		return errorsmod.Wrapf(ErrInvalidSignature, "public key must be %d bytes", secp256k1.PubKeySize)
	}
	if len(signature) != 64 {
		return errorsmod.Wrap(ErrInvalidSignature, "signature must be 64 bytes (r||s)")
	}
	pk := &secp256k1.PubKey{Key: pubKey}
	if !sdk.AccAddress(pk.Address()).Equals(p.Owner) {
		return errorsmod.Wrap(ErrInvalidSignature, "public key does not belong to the order owner")
	}
	if !secp256k1check.CanonicalSignature(signature) {
		return errorsmod.Wrap(ErrInvalidSignature, "signature r or s out of range")
	}
	if !pk.VerifySignature(p.SignBytes, signature) {
		return errorsmod.Wrap(ErrInvalidSignature, "signature does not verify")
	}
	return nil
}

// MaxFillsHardCap bounds any MsgSubmitTrades regardless of params (stateless check).
const MaxFillsHardCap = 10_000

// ValidateBasic checks a trade submission's shape: malformed fills fail the whole transaction.
func (m *MsgSubmitTrades) ValidateBasic() error {
	if _, err := ValidateAddress("submitter", m.Submitter); err != nil {
		return err
	}
	if len(m.Fills) == 0 {
		return errorsmod.Wrap(ErrInvalidOrder, "no fills")
	}
	if len(m.Fills) > MaxFillsHardCap {
		return errorsmod.Wrapf(ErrTooManyFills, "%d fills exceed the hard cap of %d", len(m.Fills), MaxFillsHardCap)
	}
	valid := map[string]struct{}{} // owners and venues parsed once per message (a trader is in many fills)
	for i, f := range m.Fills {
		if err := f.MakerOrder.validateBasic(valid); err != nil {
			return errorsmod.Wrapf(err, "fill %d maker", i)
		}
		if err := f.TakerOrder.validateBasic(valid); err != nil {
			return errorsmod.Wrapf(err, "fill %d taker", i)
		}
		if len(f.MakerPubKey) != secp256k1.PubKeySize || len(f.TakerPubKey) != secp256k1.PubKeySize ||
			len(f.MakerSignature) != 64 || len(f.TakerSignature) != 64 {
			return errorsmod.Wrapf(ErrInvalidSignature, "fill %d: public keys must be 33 bytes and signatures 64", i)
		}
		if f.Size_ == 0 || f.Price == 0 {
			return errorsmod.Wrapf(ErrInvalidOrder, "fill %d: size and price must be positive", i)
		}
	}
	return nil
}

// ValidateBasic checks a transfer statelessly.
func (m *MsgTransfer) ValidateBasic() error {
	if _, err := ValidateAddress("sender", m.Sender); err != nil {
		return err
	}
	if err := ValidateSubaccountNumber(m.FromNumber); err != nil {
		return err
	}
	if err := ValidateSubaccountNumber(m.ToNumber); err != nil {
		return err
	}
	if m.FromNumber == m.ToNumber {
		return errorsmod.Wrap(ErrInvalidSubaccountNumber, "from and to must differ")
	}
	return ValidatePositiveCoin(m.Amount)
}

// ValidateBasic checks an isolation change statelessly.
func (m *MsgSetIsolated) ValidateBasic() error {
	if _, err := ValidateAddress("sender", m.Sender); err != nil {
		return err
	}
	return ValidateSubaccountNumber(m.SubaccountNumber)
}

// MaxCancelsPerMsg bounds MsgCancelOrders.
const MaxCancelsPerMsg = 1_000

// ValidateBasic checks a cancellation statelessly: a valid sender and subaccount, 1..MaxCancelsPerMsg hashes of 32
// bytes, and a non-negative good_til_block.
func (m *MsgCancelOrders) ValidateBasic() error {
	if _, err := ValidateAddress("sender", m.Sender); err != nil {
		return err
	}
	if err := ValidateSubaccountNumber(m.SubaccountNumber); err != nil {
		return err
	}
	if len(m.OrderHashes) == 0 || len(m.OrderHashes) > MaxCancelsPerMsg {
		return errorsmod.Wrapf(ErrInvalidCancel, "between 1 and %d order hashes, got %d", MaxCancelsPerMsg, len(m.OrderHashes))
	}
	for i, h := range m.OrderHashes {
		if len(h) != sha256.Size {
			return errorsmod.Wrapf(ErrInvalidCancel, "order hash %d must be 32 bytes, got %d", i, len(h))
		}
	}
	if m.GoodTilBlock < 0 {
		return errorsmod.Wrap(ErrInvalidCancel, "good_til_block must not be negative")
	}
	return nil
}
