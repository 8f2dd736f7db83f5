// Package erasure is the service that erases the personal texts of closed
// requests, brakes and cases, on a data subject's request or when their
// retention period has run out (PRODUCT.md C9), leaving the public record
// verifiable.
package erasure
