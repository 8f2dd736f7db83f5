package api

import "net/http"

// ListBrakes serves GET /api/v1/noodremmen.
func (h *Handler) ListBrakes(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }

// PullBrake serves POST /api/v1/noodremmen.
func (h *Handler) PullBrake(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }

// GetBrake serves GET /api/v1/noodremmen/{id}.
func (h *Handler) GetBrake(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }

// FollowBrake serves POST /api/v1/ontvangstcodes/raadplegingen.
func (h *Handler) FollowBrake(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }

// ContestBrake serves POST /api/v1/ontvangstcodes/betwistingen.
func (h *Handler) ContestBrake(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }

// CloseBrake serves POST /api/v1/ontvangstcodes/afsluitingen.
func (h *Handler) CloseBrake(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }

// WithdrawBrake serves POST /api/v1/ontvangstcodes/intrekkingen.
func (h *Handler) WithdrawBrake(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }

// GetReferralBudget serves GET /api/v1/organisaties/{code}/doorverwijsbudget.
func (h *Handler) GetReferralBudget(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }

// ListWebhooks serves GET /api/v1/organisaties/{code}/webhooks.
func (h *Handler) ListWebhooks(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }

// CreateWebhook serves POST /api/v1/organisaties/{code}/webhooks.
func (h *Handler) CreateWebhook(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }

// RetireWebhook serves DELETE /api/v1/organisaties/{code}/webhooks/{id}.
func (h *Handler) RetireWebhook(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }

// ListNotifications serves GET /api/v1/meldingen.
func (h *Handler) ListNotifications(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }

// RetryNotification serves POST /api/v1/meldingen/{id}/herhalingen.
func (h *Handler) RetryNotification(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }
