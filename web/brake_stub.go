package web

import "net/http"

// The brake pages are being built; until then their routes answer 404.

// BrakeHome serves GET /noodrem.
func (h *Handler) BrakeHome(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }

// CitizenBrakeForm serves GET /noodrem/burger.
func (h *Handler) CitizenBrakeForm(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }

// PullCitizenBrake serves POST /noodrem/burger.
func (h *Handler) PullCitizenBrake(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }

// ProfessionalBrakeForm serves GET /noodrem/professional.
func (h *Handler) ProfessionalBrakeForm(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }

// PullProfessionalBrake serves POST /noodrem/professional.
func (h *Handler) PullProfessionalBrake(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }

// OrganisationBrakeForm serves GET /noodrem/organisatie.
func (h *Handler) OrganisationBrakeForm(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }

// ReturnAssignment serves POST /noodrem/organisatie.
func (h *Handler) ReturnAssignment(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }

// FollowBrakeForm serves GET /noodrem/volgen.
func (h *Handler) FollowBrakeForm(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }

// FollowBrake serves POST /noodrem/volgen.
func (h *Handler) FollowBrake(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }

// ContestBrakeByReceipt serves POST /noodrem/volgen/betwisting.
func (h *Handler) ContestBrakeByReceipt(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }

// CloseBrakeByReceipt serves POST /noodrem/volgen/afsluiting.
func (h *Handler) CloseBrakeByReceipt(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }

// WithdrawBrakeByReceipt serves POST /noodrem/volgen/intrekking.
func (h *Handler) WithdrawBrakeByReceipt(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }

// BrakeRegister serves GET /noodremmen.
func (h *Handler) BrakeRegister(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }

// BrakeRegisterEntry serves GET /noodremmen/{id}.
func (h *Handler) BrakeRegisterEntry(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }

// ParliamentView serves GET /parlement.
func (h *Handler) ParliamentView(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }

// NotificationsPage serves GET /beheer/meldingen.
func (h *Handler) NotificationsPage(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }

// RetryNotification serves POST /beheer/meldingen/{id}/opnieuw.
func (h *Handler) RetryNotification(w http.ResponseWriter, r *http.Request) { h.NotFound(w, r) }
