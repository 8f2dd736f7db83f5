package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/schakel-nl/schakel/config"
	"github.com/schakel-nl/schakel/store"
)

// requireDatabase refuses to go on when the SQLite database file does not
// exist and nothing was asked to create it. Opening it would make an empty
// file (SQLite creates what it opens read-write), and that empty file turns
// the next start's clear "does not exist" into a puzzling "schema at version
// 0", or hides a mistyped --db path behind a fresh database. PostgreSQL
// databases are never created by opening them, so they pass.
func requireDatabase(cfg *config.Config) error {
	if cfg.Migrate || cfg.Demo || store.IsPostgres(cfg.DB) {
		return nil
	}
	_, err := os.Stat(cfg.DB)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("the database %s does not exist: check --db, or create it with `schakel migrate --db %s` or `schakel serve --migrate`", cfg.DB, cfg.DB)
	}
	if err != nil {
		return fmt.Errorf("the database %s: %w", cfg.DB, err)
	}
	return nil
}
