package web

import "net/http"

// The maatwerkplaats pages are being built; until then their routes answer
// 404.

// CaseList serves GET /casussen.
func (h *Handler) CaseList(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }

// NewCaseForm serves GET /casussen/nieuw.
func (h *Handler) NewCaseForm(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }

// SubmitCase serves POST /casussen.
func (h *Handler) SubmitCase(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }

// CasePage serves GET /casussen/{id}.
func (h *Handler) CasePage(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }

// InviteToCase serves POST /casussen/{id}/uitnodiging.
func (h *Handler) InviteToCase(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }

// AddCaseView serves POST /casussen/{id}/standpunt.
func (h *Handler) AddCaseView(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }

// DecideCase serves POST /casussen/{id}/besluit.
func (h *Handler) DecideCase(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }

// PublicationReview serves GET /casussen/{id}/publicatie.
func (h *Handler) PublicationReview(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }

// PublishCase serves POST /casussen/{id}/publicatie.
func (h *Handler) PublishCase(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }

// WithdrawCase serves POST /casussen/{id}/intrekking.
func (h *Handler) WithdrawCase(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }

// PrecedentRegister serves GET /casusprudentie.
func (h *Handler) PrecedentRegister(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }

// PrecedentPage serves GET /casusprudentie/{id}.
func (h *Handler) PrecedentPage(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }
