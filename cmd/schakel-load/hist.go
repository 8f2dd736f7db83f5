package main

import (
	"math"
	"math/bits"
	"time"
)

// The histogram keeps latencies in microseconds in fixed log-linear buckets,
// as HdrHistogram does with two significant digits: exact below 256 µs,
// then 128 buckets for every power of two, so a quantile is off by less
// than 1/128 (0.8 %) of its value. Its memory is fixed (about 58 KB)
// whatever the number of samples, so an hour of load costs no more than a
// second. No histogram library is among the modules known to work here, and
// this is forty lines.
const (
	subBits    = 8
	subCount   = 1 << subBits // values below this have a bucket each
	halfCount  = subCount / 2 // buckets per power of two above it
	maxShift   = 64 - subBits // the largest shift of a uint64
	numBuckets = subCount + maxShift*halfCount
)

// histogram counts latencies. It is not safe for concurrent use; the
// runner guards each with a mutex.
type histogram struct {
	counts   [numBuckets]int64
	n        int64
	min, max uint64 // exact, in µs
}

// bucketOf is the index of the bucket holding v.
func bucketOf(v uint64) int {
	if v < subCount {
		return int(v)
	}
	shift := bits.Len64(v) - subBits // ≥ 1
	m := v >> shift                  // in [halfCount, subCount)
	return subCount + (shift-1)*halfCount + int(m-halfCount)
}

// bucketRange is the lowest value of bucket i and its width.
func bucketRange(i int) (low, width uint64) {
	if i < subCount {
		return uint64(i), 1
	}
	shift := (i-subCount)/halfCount + 1
	m := uint64((i-subCount)%halfCount + halfCount)
	return m << shift, 1 << shift
}

// record adds one latency.
func (h *histogram) record(d time.Duration) {
	v := uint64(max(d.Microseconds(), 0))
	h.counts[bucketOf(v)]++
	if h.n == 0 || v < h.min {
		h.min = v
	}
	h.max = max(h.max, v)
	h.n++
}

// merge adds the samples of o.
func (h *histogram) merge(o *histogram) {
	if o.n == 0 {
		return
	}
	for i, c := range o.counts {
		h.counts[i] += c
	}
	if h.n == 0 || o.min < h.min {
		h.min = o.min
	}
	h.max = max(h.max, o.max)
	h.n += o.n
}

// quantile returns the latency below which a fraction q of the samples
// lie: the middle of the bucket holding the sample of rank ⌈q·n⌉, kept
// within the exact minimum and maximum. It is 0 without samples.
func (h *histogram) quantile(q float64) time.Duration {
	if h.n == 0 {
		return 0
	}
	rank := max(int64(math.Ceil(q*float64(h.n))), 1)
	var seen int64
	for i, c := range h.counts {
		seen += c
		if seen >= rank {
			low, width := bucketRange(i)
			v := min(max(low+width/2, h.min), h.max)
			return time.Duration(v) * time.Microsecond
		}
	}
	return time.Duration(h.max) * time.Microsecond
}

// maximum is the largest latency recorded, exactly.
func (h *histogram) maximum() time.Duration { return time.Duration(h.max) * time.Microsecond }
