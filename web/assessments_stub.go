package web

import "net/http"

// The uitvoeringstoets routes are being built; until then they answer 501.

// ProposalList is not built yet.
func (h *Handler) ProposalList(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}

// NewProposalForm is not built yet.
func (h *Handler) NewProposalForm(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}

// RegisterProposal is not built yet.
func (h *Handler) RegisterProposal(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}

// ProposalPage is not built yet.
func (h *Handler) ProposalPage(w http.ResponseWriter, r *http.Request) error {
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

// AssessmentPage is not built yet.
func (h *Handler) AssessmentPage(w http.ResponseWriter, r *http.Request) error {
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
