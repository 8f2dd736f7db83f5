package api

import "net/http"

// The uitvoeringstoets routes are being built; until then they answer 501.

// ListProposals is not built yet.
func (h *Handler) ListProposals(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}

// RegisterProposal is not built yet.
func (h *Handler) RegisterProposal(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}

// GetProposal is not built yet.
func (h *Handler) GetProposal(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}

// RequestAssessments is not built yet.
func (h *Handler) RequestAssessments(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}

// SignProposal is not built yet.
func (h *Handler) SignProposal(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}

// SendProposal is not built yet.
func (h *Handler) SendProposal(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}

// ProposalInForce is not built yet.
func (h *Handler) ProposalInForce(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}

// GetAssessment is not built yet.
func (h *Handler) GetAssessment(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}

// DeliverAssessment is not built yet.
func (h *Handler) DeliverAssessment(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}

// AnswerAssessment is not built yet.
func (h *Handler) AnswerAssessment(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}
