package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

// demoProfessional is the demo user id of Fatima El Amrani, professional
// at uwv: the first demo user, so id 1 on an empty database.
const demoProfessional = "1"

// server is one `schakel serve` child process of a trial.
type server struct {
	bin, dir, db, addr string
	logFile            *os.File
	cmd                *exec.Cmd
	// key is the log's verifier key, read from the "listening" line.
	key string
}

// freeAddr returns a loopback address with a port free now; the trial keeps
// it for every restart so that the log's origin and the base URL stay put.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// base is the server's URL.
func (s *server) base() string { return "http://" + s.addr }

// start runs serve --demo --migrate (the demo world is built only on an
// empty database; --demo allows the demo login) and waits until it listens.
func (s *server) start(ctx context.Context) error {
	if s.logFile == nil {
		f, err := os.OpenFile(filepath.Join(s.dir, "serve.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
		if err != nil {
			return err
		}
		s.logFile = f
	}
	cmd := exec.Command(s.bin, "serve", "--demo", "--migrate", "--db", s.db, "--addr", s.addr,
		"--ledger-key-file", filepath.Join(s.dir, "schakel-log.key"), "--log-level", "info", "--log-format", "json")
	cmd.Dir = s.dir
	cmd.Env = childEnv()
	// serve logs to stderr; the "listening" line carries the verifier key.
	out, err := cmd.StderrPipe()
	if err != nil {
		return err
	}
	cmd.Stdout = s.logFile
	if err := cmd.Start(); err != nil {
		return err
	}
	s.cmd = cmd
	listening := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		sc.Buffer(make([]byte, 1<<16), 1<<20)
		sent := false
		for sc.Scan() {
			line := sc.Bytes()
			fmt.Fprintf(s.logFile, "%s\n", line)
			if sent {
				continue
			}
			var m struct {
				Msg string `json:"msg"`
				Key string `json:"ledger_verifier_key"`
			}
			if json.Unmarshal(line, &m) == nil && m.Msg == "listening" {
				listening <- m.Key
				sent = true
			}
		}
		io.Copy(io.Discard, out)
		close(listening)
	}()
	select {
	case key, ok := <-listening:
		if !ok {
			cmd.Wait()
			return fmt.Errorf("serve stopped before listening; see %s", s.logFile.Name())
		}
		s.key = key
		return nil
	case <-time.After(3 * time.Minute):
		s.kill()
		return fmt.Errorf("serve did not listen within 3 minutes; see %s", s.logFile.Name())
	case <-ctx.Done():
		s.kill()
		return ctx.Err()
	}
}

// kill ends the server with SIGKILL: no shutdown, no flush, as a power cut
// or the OOM killer would.
func (s *server) kill() {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	s.cmd.Process.Signal(syscall.SIGKILL)
	s.cmd.Wait()
	s.cmd = nil
}

// stop ends the server gracefully (SIGTERM) at the end of a trial.
func (s *server) stop() {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	s.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		s.cmd.Process.Signal(syscall.SIGKILL)
		<-done
	}
	s.cmd = nil
}

// login returns a client carrying a session of the demo user id.
func login(base, user string) (*http.Client, error) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	resp, err := c.PostForm(base+"/demo/inloggen", url.Values{"gebruiker": {user}})
	if err != nil {
		return nil, err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK { // followed the 303 to the home page
		return nil, fmt.Errorf("demo login as %s: status %d", user, resp.StatusCode)
	}
	return c, nil
}

// resetPostgres empties the database at dsn (its public schema), so that
// the demo world is built anew. The trial's role must own the database.
func resetPostgres(ctx context.Context, dsn string) error {
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return fmt.Errorf("connect to the trial database: %w", err)
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public")
	return err
}

// isPostgres tells a PostgreSQL URL from an SQLite path.
func isPostgres(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// childEnv is the trial's environment without SCHAKEL_ variables: the
// environment overrides flags, and the trial's flags must hold.
func childEnv() []string {
	var env []string
	for _, e := range os.Environ() {
		if !strings.HasPrefix(e, "SCHAKEL_") {
			env = append(env, e)
		}
	}
	return env
}
