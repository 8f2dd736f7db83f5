package api

import "net/http"

// The signal routes are being built; until then they answer 501.

// ListSignals is not built yet.
func (h *Handler) ListSignals(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}

// FileSignal is not built yet.
func (h *Handler) FileSignal(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}

// CompareSignal is not built yet.
func (h *Handler) CompareSignal(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}

// GetSignal is not built yet.
func (h *Handler) GetSignal(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}

// ListKnelpunten is not built yet.
func (h *Handler) ListKnelpunten(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}

// GetKnelpunt is not built yet.
func (h *Handler) GetKnelpunt(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}

// PutKnelpunt is not built yet.
func (h *Handler) PutKnelpunt(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}

// AnswerKnelpunt is not built yet.
func (h *Handler) AnswerKnelpunt(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}

// MergeKnelpunt is not built yet.
func (h *Handler) MergeKnelpunt(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}

// SplitKnelpunt is not built yet.
func (h *Handler) SplitKnelpunt(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}

// ListLetters is not built yet.
func (h *Handler) ListLetters(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}

// SendLetter is not built yet.
func (h *Handler) SendLetter(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}

// DraftLetter is not built yet.
func (h *Handler) DraftLetter(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}

// GetLetter is not built yet.
func (h *Handler) GetLetter(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}

// ListLawFigures is not built yet.
func (h *Handler) ListLawFigures(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}

// GetLawFigures is not built yet.
func (h *Handler) GetLawFigures(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}

// ListPolicyFigures is not built yet.
func (h *Handler) ListPolicyFigures(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}

// ListPolicyRules is not built yet.
func (h *Handler) ListPolicyRules(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}

// RegisterPolicyRule is not built yet.
func (h *Handler) RegisterPolicyRule(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}
