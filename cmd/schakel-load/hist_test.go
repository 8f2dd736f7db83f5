package main

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// TestBucketsCoverEveryValue: every value falls in the bucket whose range
// holds it, the buckets follow each other without gaps, and a bucket is
// at most 1/128 of its lowest value wide.
func TestBucketsCoverEveryValue(t *testing.T) {
	var next uint64
	for i := range numBuckets {
		low, width := bucketRange(i)
		if low != next {
			t.Fatalf("bucket %d starts at %d, want %d", i, low, next)
		}
		if low >= subCount && width*halfCount > low {
			t.Fatalf("bucket %d: width %d at %d", i, width, low)
		}
		for _, v := range []uint64{low, low + width/2, low + width - 1} {
			if bucketOf(v) != i {
				t.Fatalf("bucketOf(%d) = %d, want %d", v, bucketOf(v), i)
			}
		}
		next = low + width
	}
	if next != 0 { // the last bucket ends at 2^64, which wraps to 0
		t.Fatalf("the buckets end at %d, not at 2^64", next)
	}
	if bucketOf(math.MaxUint64) != numBuckets-1 {
		t.Fatal("the largest value is not in the last bucket")
	}
}

// TestQuantilesMatchSortedSamples: on 100,000 latencies spread over five
// orders of magnitude the histogram's p50, p90, p99 and p99.9 are within
// 0.5 % of the exact quantiles of the sorted samples, the maximum is
// exact, and two halves merged give the same answers as the whole.
func TestQuantilesMatchSortedSamples(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	var whole, a, b histogram
	var samples []time.Duration
	for i := range 100_000 {
		d := time.Duration(math.Exp(rnd.Float64()*math.Log(1e5))) * 10 * time.Microsecond // 10 µs to 1 s
		samples = append(samples, d.Truncate(time.Microsecond))
		whole.record(d)
		if i%2 == 0 {
			a.record(d)
		} else {
			b.record(d)
		}
	}
	a.merge(&b)
	slices.Sort(samples)
	for _, q := range []float64{0.5, 0.9, 0.99, 0.999} {
		exact := samples[int(math.Ceil(q*float64(len(samples))))-1]
		got := whole.quantile(q)
		if diff := math.Abs(float64(got-exact)) / float64(exact); diff > 0.005 {
			t.Errorf("p%v: %v, exact %v (%.2f %% off)", q*100, got, exact, diff*100)
		}
		if merged := a.quantile(q); merged != got {
			t.Errorf("p%v of the merged halves: %v, of the whole: %v", q*100, merged, got)
		}
	}
	if whole.maximum() != samples[len(samples)-1] || a.maximum() != whole.maximum() {
		t.Errorf("max %v (merged %v), want %v", whole.maximum(), a.maximum(), samples[len(samples)-1])
	}
	if whole.quantile(1) != whole.maximum() {
		t.Errorf("p100 %v is not the maximum %v", whole.quantile(1), whole.maximum())
	}
}

// TestQuantilesSmallAndEmpty: values under 256 µs are exact, one sample is
// every quantile, and an empty histogram answers 0.
func TestQuantilesSmallAndEmpty(t *testing.T) {
	var h histogram
	if h.quantile(0.5) != 0 || h.maximum() != 0 {
		t.Fatal("an empty histogram does not answer 0")
	}
	h.record(-time.Second) // a clock step backwards counts as 0
	h.record(17 * time.Microsecond)
	h.record(200 * time.Microsecond)
	if got := h.quantile(0.5); got != 17*time.Microsecond {
		t.Errorf("p50 %v, want 17µs", got)
	}
	if got := h.quantile(0.01); got != 0 {
		t.Errorf("p1 %v, want 0", got)
	}
	var one histogram
	one.record(1234567 * time.Microsecond)
	for _, q := range []float64{0, 0.5, 0.99, 1} {
		if got := one.quantile(q); got != 1234567*time.Microsecond {
			t.Errorf("one sample: q %v gives %v", q, got)
		}
	}
}
