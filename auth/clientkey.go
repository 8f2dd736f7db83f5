package auth

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// clientAssertionType is the client_assertion_type of a signed JWT
// (RFC 7523 section 2.2).
const clientAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"

// clientAssertionLifetime is how long a client assertion is valid: one
// token request, with room for the clocks to differ.
const clientAssertionLifetime = 2 * time.Minute

// LoadClientKey reads the private key for private_key_jwt from a PEM file:
// RSA (at least 2048 bits) or EC P-256, in PKCS #8, PKCS #1 or SEC 1 form.
func LoadClientKey(path string) (crypto.Signer, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("client key: %w", err)
	}
	block, _ := pem.Decode(b)
	if block == nil {
		return nil, fmt.Errorf("client key %s: no PEM block", path)
	}
	var key any
	switch block.Type {
	case "PRIVATE KEY":
		key, err = x509.ParsePKCS8PrivateKey(block.Bytes)
	case "RSA PRIVATE KEY":
		key, err = x509.ParsePKCS1PrivateKey(block.Bytes)
	case "EC PRIVATE KEY":
		key, err = x509.ParseECPrivateKey(block.Bytes)
	default:
		return nil, fmt.Errorf("client key %s: a %q block is not a private key", path, block.Type)
	}
	if err != nil {
		return nil, fmt.Errorf("client key %s: %w", path, err)
	}
	if _, err := signingMethod(key); err != nil {
		return nil, fmt.Errorf("client key %s: %w", path, err)
	}
	return key.(crypto.Signer), nil
}

// signingMethod is the JWS algorithm of key: RS256 or ES256, the ones
// the NL GOV OAuth profile names.
func signingMethod(key any) (jwt.SigningMethod, error) {
	switch k := key.(type) {
	case *rsa.PrivateKey:
		if k.N.BitLen() < 2048 {
			return nil, errors.New("an RSA key needs at least 2048 bits")
		}
		return jwt.SigningMethodRS256, nil
	case *ecdsa.PrivateKey:
		if k.Curve != elliptic.P256() {
			return nil, errors.New("an EC key must be on P-256")
		}
		return jwt.SigningMethodES256, nil
	}
	return nil, fmt.Errorf("a %T key is not RSA or EC", key)
}

// clientAssertion signs the JWT that authenticates schakel at the token
// endpoint (RFC 7523 section 3): issued by and about the client, for the
// token endpoint, once (a fresh jti), for a short while.
func (o *OIDC) clientAssertion(tokenURL string) (string, error) {
	method, err := signingMethod(o.opts.ClientKey)
	if err != nil {
		return "", err
	}
	now := o.now()
	t := jwt.NewWithClaims(method, jwt.RegisteredClaims{
		Issuer:    o.clientID,
		Subject:   o.clientID,
		Audience:  jwt.ClaimStrings{tokenURL},
		ID:        randomToken(),
		IssuedAt:  jwt.NewNumericDate(now),
		NotBefore: jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(now.Add(clientAssertionLifetime)),
	})
	if o.opts.ClientKeyID != "" {
		t.Header["kid"] = o.opts.ClientKeyID
	}
	return t.SignedString(o.opts.ClientKey)
}
