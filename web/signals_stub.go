package web

import "net/http"

// The signal pages are being built; until then they answer 501.

// NewSignalForm is not built yet.
func (h *Handler) NewSignalForm(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}

// FileSignal is not built yet.
func (h *Handler) FileSignal(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}

// SignalPage is not built yet.
func (h *Handler) SignalPage(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}

// KnelpuntList is not built yet.
func (h *Handler) KnelpuntList(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}

// KnelpuntPage is not built yet.
func (h *Handler) KnelpuntPage(w http.ResponseWriter, r *http.Request) error {
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

// LetterList is not built yet.
func (h *Handler) LetterList(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}

// NewLetterForm is not built yet.
func (h *Handler) NewLetterForm(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}

// SendLetter is not built yet.
func (h *Handler) SendLetter(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}

// LetterPage is not built yet.
func (h *Handler) LetterPage(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}

// LetterDocument is not built yet.
func (h *Handler) LetterDocument(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}

// LawFigures is not built yet.
func (h *Handler) LawFigures(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}

// LawPage is not built yet.
func (h *Handler) LawPage(w http.ResponseWriter, r *http.Request) error {
	http.Error(w, "not implemented", http.StatusNotImplemented)
	return nil
}
