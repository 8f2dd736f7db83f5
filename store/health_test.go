package store_test

import (
	"context"
	"io"
	"net"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/schakel-nl/schakel"
	"github.com/schakel-nl/schakel/schakeltest"
	"github.com/schakel-nl/schakel/store"
	"github.com/schakel-nl/schakel/store/storetest"
)

// TestDiskFullIsUnavailable: on SQLite a database that cannot grow (a full
// disk, simulated with max_page_count on the writer's one connection) fails
// a create with EUNAVAILABLE and a Retry-After, WriteHealth says the disk is
// full, and once there is room a probe due on the clock makes it healthy.
// (max_page_count stops the file from growing, not the WAL: a probe that
// rewrites its one row would pass even before there is room, where a real
// full disk fails every write. So the test lifts the limit before the
// probe is due.)
func TestDiskFullIsUnavailable(t *testing.T) {
	ctx := context.Background()
	clock := schakeltest.NewClock(storetest.Start)
	st := storetest.OpenSQLite(t, clock)
	var pages int
	if err := st.DB().QueryRow("PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := st.DB().Exec("PRAGMA max_page_count = " + itoa(pages)); err != nil {
		t.Fatal(err)
	}
	var err error
	for i := 0; i < 1000 && err == nil; i++ {
		err = st.CreateOrganisation(ctx, &schakel.Organisation{Code: "org-" + itoa(i), Name: "Gemeente nummer " + itoa(i), Type: schakel.OrgMunicipality})
	}
	if schakel.ErrorCode(err) != schakel.EUNAVAILABLE || schakel.ErrorRetryAfter(err) != store.StorageRetryAfter {
		t.Fatalf("create on a full disk: %v", err)
	}
	if reason := st.WriteHealth(ctx); !strings.Contains(reason, "vol") {
		t.Fatalf("WriteHealth on a full disk = %q", reason)
	}
	if _, err := st.DB().Exec("PRAGMA max_page_count = 1073741823"); err != nil {
		t.Fatal(err)
	}
	clock.Advance(store.ProbeInterval)
	if reason := st.WriteHealth(ctx); reason != "" {
		t.Fatalf("WriteHealth with room again = %q", reason)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// proxy forwards TCP connections to target until stopped; stopping closes
// the listener and every connection, as a database server that went away.
type proxy struct {
	t      *testing.T
	addr   string
	target string
	mu     sync.Mutex
	ln     net.Listener
	conns  []net.Conn
}

func (p *proxy) start() {
	p.t.Helper()
	ln, err := net.Listen("tcp", p.addr)
	if err != nil {
		p.t.Fatal(err)
	}
	p.mu.Lock()
	p.ln, p.addr = ln, ln.Addr().String()
	p.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			d, err := net.Dial("tcp", p.target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, d)
			p.mu.Unlock()
			go func() { io.Copy(d, c); d.Close() }()
			go func() { io.Copy(c, d); c.Close() }()
		}
	}()
}

func (p *proxy) stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.ln.Close()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// TestLostPostgresIsUnavailable: when the PostgreSQL server goes away
// (every connection cut, new ones refused) a create fails with
// EUNAVAILABLE and WriteHealth says the database is lost; once the server
// is back a probe due on the clock makes it healthy and creates work.
func TestLostPostgresIsUnavailable(t *testing.T) {
	ctx := context.Background()
	u, err := url.Parse(storetest.PostgresURL(t))
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{t: t, addr: "127.0.0.1:0", target: u.Host}
	p.start()
	t.Cleanup(p.stop)
	u.Host = p.addr
	clock := schakeltest.NewClock(storetest.Start)
	st, err := store.Open(ctx, u.String(), store.Options{Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := st.ProbeWrite(ctx); err != nil {
		t.Fatal(err)
	}

	p.stop()
	cctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	err = st.CreateOrganisation(cctx, &schakel.Organisation{Code: "min-szw", Name: "SZW", Type: schakel.OrgMinistry})
	if schakel.ErrorCode(err) != schakel.EUNAVAILABLE || schakel.ErrorRetryAfter(err) != store.StorageRetryAfter {
		t.Fatalf("create on a lost database: %v", err)
	}
	if strings.Contains(schakel.ErrorMessage(err), "schakel:schakel") || strings.Contains(schakel.ErrorMessage(err), p.addr) {
		t.Fatalf("the message names the connection: %q", schakel.ErrorMessage(err))
	}
	if reason := st.WriteHealth(ctx); reason == "" {
		t.Fatal("healthy on a lost database")
	}
	clock.Advance(store.ProbeInterval)
	if reason := st.WriteHealth(ctx); reason == "" {
		t.Fatal("a probe on a lost database made it healthy")
	}

	p.start() // the same address: the server is back
	clock.Advance(store.ProbeInterval)
	if reason := st.WriteHealth(ctx); reason != "" {
		t.Fatalf("WriteHealth with the database back = %q", reason)
	}
	if err := st.CreateOrganisation(ctx, &schakel.Organisation{Code: "min-szw", Name: "SZW", Type: schakel.OrgMinistry}); err != nil {
		t.Fatalf("create with the database back: %v", err)
	}
}
