package server

import "github.com/prometheus/client_golang/prometheus"

// Register adds a collector to what /metrics serves, for jobs the
// composition root runs beside the server (such as the witnesses' state,
// docs/decisions/0036-witnesses.md).
func (s *Server) Register(c prometheus.Collector) error { return s.registry.Register(c) }
