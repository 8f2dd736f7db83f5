package server

import (
	"net/http"
	"strings"

	"github.com/schakel-nl/schakel/api"
	"github.com/schakel-nl/schakel/web"
)

// routes registers every route of schakel, in one place. API routes go
// through s.api so that TestOpenAPIMatchesRoutes can hold openapi.json to
// exactly these.
func (s *Server) routes() {
	// Operations.
	s.mux.HandleFunc("GET /healthz", s.healthz)
	s.mux.HandleFunc("GET /readyz", s.readyz)
	s.mux.Handle("GET /metrics", s.metricsHandler())

	// JSON API.
	a := s.apiHandler
	s.apiPlain("GET /api/v1/openapi.json", a.OpenAPI)
	s.api("GET /api/v1/organisaties", a.ListOrganisations)
	s.api("POST /api/v1/organisaties", a.CreateOrganisation)
	s.api("GET /api/v1/organisaties/{code}", a.GetOrganisation)
	s.api("GET /api/v1/organisaties/{code}/termijnen", a.GetOrganisationTerms)
	s.api("PUT /api/v1/organisaties/{code}/termijnen/{type}", a.SetOrganisationTerms)
	s.api("DELETE /api/v1/organisaties/{code}/termijnen/{type}", a.DeleteOrganisationTerms)
	s.api("GET /api/v1/gebruikers/ik", a.Me)
	s.api("POST /api/v1/organisaties/{code}/teams", a.CreateTeam)
	s.api("POST /api/v1/gebruikers", a.CreateUser)
	s.api("POST /api/v1/gebruikers/{id}/rollen", a.GrantRole)
	s.api("DELETE /api/v1/gebruikers/{id}/rollen/{organisatie}/{rol}", a.RevokeRole)
	s.api("GET /api/v1/beginselen", a.ListPrinciples)
	s.api("POST /api/v1/beginselen", a.CreatePrinciple)
	s.api("GET /api/v1/beginselen/{code}", a.GetPrinciple)
	s.api("POST /api/v1/beginselen/{code}/intrekking", a.RetirePrinciple)
	s.api("POST /api/v1/beginselen/{code}/herstel", a.ReinstatePrinciple)
	s.api("POST /api/v1/regelverwijzingen/validaties", a.ValidateRuleRef)
	s.api("GET /api/v1/termijnen", a.TermCalculator)
	s.api("GET /api/v1/verantwoordingsverzoeken", a.ListRequests)
	s.api("POST /api/v1/verantwoordingsverzoeken", a.CreateRequest)
	s.api("GET /api/v1/verantwoordingsverzoeken/{id}", a.GetRequest)
	s.api("POST /api/v1/verantwoordingsverzoeken/{id}/ontvangstbevestigingen", a.AcknowledgeRequest)
	s.api("POST /api/v1/verantwoordingsverzoeken/{id}/antwoorden", a.AnswerRequest)
	s.api("POST /api/v1/verantwoordingsverzoeken/{id}/betwistingen", a.ContestRequest)
	s.api("POST /api/v1/verantwoordingsverzoeken/{id}/verlengingen", a.ExtendRequest)
	s.api("POST /api/v1/verantwoordingsverzoeken/{id}/intrekkingen", a.WithdrawRequest)
	s.api("POST /api/v1/verantwoordingsverzoeken/{id}/afsluitingen", a.CloseRequest)
	s.api("GET /api/v1/noodremmen", a.ListBrakes)
	s.api("POST /api/v1/noodremmen", a.PullBrake)
	s.api("GET /api/v1/noodremmen/{id}", a.GetBrake)
	s.api("POST /api/v1/ontvangstcodes/raadplegingen", a.FollowBrake)
	s.api("POST /api/v1/ontvangstcodes/betwistingen", a.ContestBrake)
	s.api("POST /api/v1/ontvangstcodes/afsluitingen", a.CloseBrake)
	s.api("POST /api/v1/ontvangstcodes/intrekkingen", a.WithdrawBrake)
	s.api("GET /api/v1/organisaties/{code}/doorverwijsbudget", a.GetReferralBudget)
	s.api("GET /api/v1/organisaties/{code}/webhooks", a.ListWebhooks)
	s.api("POST /api/v1/organisaties/{code}/webhooks", a.CreateWebhook)
	s.api("DELETE /api/v1/organisaties/{code}/webhooks/{id}", a.RetireWebhook)
	s.api("GET /api/v1/meldingen", a.ListNotifications)
	s.api("POST /api/v1/meldingen/{id}/herhalingen", a.RetryNotification)
	s.api("GET /api/v1/casussen", a.ListCases)
	s.api("POST /api/v1/casussen", a.SubmitCase)
	s.api("GET /api/v1/casussen/{id}", a.GetCase)
	s.api("POST /api/v1/casussen/{id}/uitnodigingen", a.InviteToCase)
	s.api("POST /api/v1/casussen/{id}/standpunten", a.AddCaseView)
	s.api("POST /api/v1/casussen/{id}/besluiten", a.DecideCase)
	s.api("POST /api/v1/casussen/{id}/intrekkingen", a.WithdrawCase)
	s.api("GET /api/v1/casussen/{id}/publicatievoorstel", a.GetPublicationProposal)
	s.api("POST /api/v1/casussen/{id}/publicaties", a.PublishCase)
	s.api("POST /api/v1/casussen/{id}/correcties", a.CorrectPublication)
	s.api("POST /api/v1/casussen/{id}/publicatie-intrekkingen", a.WithdrawPublication)
	s.api("GET /api/v1/casussen/{id}/vergelijkbaar", a.SimilarCases)
	s.api("GET /api/v1/casusprudentie", a.ListPrecedents)
	s.api("POST /api/v1/casusprudentie/vergelijkingen", a.ComparePrecedent)
	s.api("GET /api/v1/casusprudentie/wijzigingen", a.ListPrecedentChanges)
	s.api("GET /api/v1/casusprudentie/{id}", a.GetPrecedent)
	s.api("GET /api/v1/signalen", a.ListSignals)
	s.api("POST /api/v1/signalen", a.FileSignal)
	s.api("POST /api/v1/signalen/vergelijkingen", a.CompareSignal)
	s.api("GET /api/v1/signalen/{id}", a.GetSignal)
	s.api("GET /api/v1/knelpunten", a.ListKnelpunten)
	s.api("GET /api/v1/knelpunten/{id}", a.GetKnelpunt)
	s.api("POST /api/v1/knelpunten/{id}/voorleggingen", a.PutKnelpunt)
	s.api("POST /api/v1/knelpunten/{id}/antwoorden", a.AnswerKnelpunt)
	s.api("POST /api/v1/knelpunten/{id}/samenvoegingen", a.MergeKnelpunt)
	s.api("POST /api/v1/knelpunten/{id}/splitsingen", a.SplitKnelpunt)
	s.api("GET /api/v1/knelpuntenbrieven", a.ListLetters)
	s.api("POST /api/v1/knelpuntenbrieven", a.SendLetter)
	s.api("POST /api/v1/knelpuntenbrieven/concepten", a.DraftLetter)
	s.api("GET /api/v1/knelpuntenbrieven/{id}", a.GetLetter)
	s.api("GET /api/v1/wetten", a.ListLawFigures)
	s.api("GET /api/v1/wetten/{bwb}", a.GetLawFigures)
	s.api("GET /api/v1/beleidsregels", a.ListPolicyFigures)
	s.api("GET /api/v1/organisaties/{code}/beleidsregels", a.ListPolicyRules)
	s.api("POST /api/v1/organisaties/{code}/beleidsregels", a.RegisterPolicyRule)
	s.api("GET /api/v1/voorstellen", a.ListProposals)
	s.api("POST /api/v1/voorstellen", a.RegisterProposal)
	s.api("GET /api/v1/voorstellen/{id}", a.GetProposal)
	s.api("POST /api/v1/voorstellen/{id}/toetsaanvragen", a.RequestAssessments)
	s.api("POST /api/v1/voorstellen/{id}/handtekeningen", a.SignProposal)
	s.api("POST /api/v1/voorstellen/{id}/verzendingen", a.SendProposal)
	s.api("POST /api/v1/voorstellen/{id}/inwerkingtredingen", a.ProposalInForce)
	s.api("GET /api/v1/uitvoeringstoetsen/{id}", a.GetAssessment)
	s.api("POST /api/v1/uitvoeringstoetsen/{id}/oordelen", a.DeliverAssessment)
	s.api("POST /api/v1/uitvoeringstoetsen/{id}/antwoorden", a.AnswerAssessment)
	s.api("GET /api/v1/parlement", a.GetParliamentView)
	s.api("GET /api/v1/parlement/verzoeken", a.ListParliamentItems)
	s.api("GET /api/v1/logboek", a.GetLedger)
	s.api("GET /api/v1/logboek/gebeurtenissen/{verzoek}/{volgnummer}", a.GetLedgerEvent)
	s.api("GET /api/v1/logboek/consistentie", a.GetLedgerConsistency)
	s.api("GET /api/v1/organisaties/{code}/contactpersonen", a.ListContacts)
	s.api("POST /api/v1/organisaties/{code}/contactpersonen", a.AddContact)
	s.api("GET /api/v1/organisaties/{code}/contactpersonen/{id}", a.GetContact)
	s.api("POST /api/v1/organisaties/{code}/contactpersonen/{id}/intrekkingen", a.RetireContact)
	s.api("PUT /api/v1/organisaties/{code}/indeling", a.SetGrouping)
	s.api("GET /api/v1/kamercommissies", a.ListCommittees)
	s.api("GET /api/v1/gebruikers/{id}", a.GetUser)
	s.api("GET /api/v1/gebruikers/{id}/geschiedenis", a.UserHistory)
	s.api("POST /api/v1/gebruikers/{id}/uitschakeling", a.DisableUser)
	s.api("DELETE /api/v1/gebruikers/{id}/uitschakeling", a.EnableUser)
	s.mux.HandleFunc("/api/", a.NotFound)

	// The public record as C2SP tlog-tiles: read-only, public, any origin.
	s.mux.HandleFunc("GET /log/checkpoint", s.ledgerCheckpoint)
	s.mux.HandleFunc("GET /log/tile/{rest...}", s.ledgerTile)

	// Login.
	s.mux.HandleFunc("GET /auth/oidc/start", s.auth.OIDCStart)
	s.mux.HandleFunc("GET /auth/oidc/callback", s.auth.OIDCCallback)
	s.mux.HandleFunc("POST /uitloggen", s.auth.LogoutHandler)
	s.mux.HandleFunc("POST /auth/oidc/backchannel-logout", s.auth.BackchannelLogout)

	// Pages.
	p := s.webHandler
	s.page("GET /{$}", p.Home)
	s.pagePlain("GET /inloggen", p.LoginPage)
	if s.cfg.Demo {
		// Without --demo these routes do not exist: 404, not 403.
		s.page("GET /demo/inloggen", p.DemoLoginPage)
		s.page("POST /demo/inloggen", p.DemoLogin)
	}
	s.page("GET /organisaties", p.OrganisationsPage)
	s.page("GET /organisaties/{code}", p.Organisation)
	s.page("GET /beginselen", p.PrinciplesPage)
	s.page("POST /beginselen", p.CreatePrinciple)
	s.pagePlain("GET /regelverwijzing", p.RuleRef)
	s.pagePlain("GET /termijn", p.TermCalculator)
	s.page("GET /logboek", p.LedgerBook)
	s.page("GET /postvak", p.Inbox)
	s.page("GET /verzoeken", p.RequestList)
	s.page("GET /verzoeken/nieuw", p.NewRequestPage)
	s.page("POST /verzoeken", p.CreateRequest)
	s.page("GET /verzoeken/{id}", p.RequestPage)
	s.page("POST /verzoeken/{id}/ontvangst", p.AcknowledgeRequest)
	s.page("POST /verzoeken/{id}/antwoord", p.AnswerRequest)
	s.page("POST /verzoeken/{id}/betwisting", p.ContestRequest)
	s.page("POST /verzoeken/{id}/verlenging", p.ExtendRequest)
	s.page("POST /verzoeken/{id}/intrekking", p.WithdrawRequest)
	s.page("POST /verzoeken/{id}/afsluiting", p.CloseRequest)
	s.page("GET /noodrem", p.BrakeHome)
	s.page("GET /noodrem/burger", p.CitizenBrakeForm)
	s.page("POST /noodrem/burger", p.PullCitizenBrake)
	s.page("GET /noodrem/burger/ontvangst", p.CitizenReceipt)
	s.page("GET /noodrem/burger/ontvangst/pdf", p.CitizenReceiptPDF)
	s.page("GET /noodrem/professional", p.ProfessionalBrakeForm)
	s.page("POST /noodrem/professional", p.PullProfessionalBrake)
	s.page("GET /noodrem/professional/ontvangst", p.ProfessionalReceipt)
	s.page("GET /noodrem/organisatie", p.OrganisationBrakeForm)
	s.page("POST /noodrem/organisatie", p.ReturnAssignment)
	s.page("GET /noodrem/volgen", p.FollowBrakeForm)
	s.page("POST /noodrem/volgen", p.FollowBrake)
	s.page("POST /noodrem/volgen/betwisting", p.ContestBrakeByReceipt)
	s.page("POST /noodrem/volgen/afsluiting", p.CloseBrakeByReceipt)
	s.page("POST /noodrem/volgen/intrekking", p.WithdrawBrakeByReceipt)
	s.page("GET /noodremmen", p.BrakeRegister)
	s.page("GET /noodremmen/{id}", p.BrakeRegisterEntry)
	s.page("GET /parlement", p.ParliamentView)
	s.page("GET /parlement/verzoeken", p.ParliamentItems)
	s.page("GET /beheer/meldingen", p.NotificationsPage)
	s.page("POST /beheer/meldingen/{id}/opnieuw", p.RetryNotification)
	s.page("POST /beheer/meldingen/{code}/adressen", p.AddNotificationAddress)
	s.page("POST /beheer/meldingen/{code}/adressen/{id}/intrekking", p.RetireNotificationAddress)
	s.page("POST /beheer/meldingen/{code}/webhooks", p.CreateWebhookPage)
	s.page("GET /beheer/meldingen/nieuwe-webhook", p.NewWebhookPage)
	s.page("POST /beheer/meldingen/{code}/webhooks/{id}/intrekking", p.RetireWebhookPage)
	s.page("POST /beheer/meldingen/{code}/proef", p.SendTestNotification)
	s.page("GET /instellingen", p.SettingsPage)
	s.page("POST /instellingen", p.SaveSettings)
	s.page("GET /beheer/wissen", p.ErasurePage)
	s.page("POST /beheer/wissen", p.EraseTexts)
	s.page("GET /beheer/taken", p.JobsPage)
	s.page("GET /beheer", p.AdminIndex)
	s.page("GET /beheer/organisaties", p.AdminOrganisations)
	s.page("POST /beheer/organisaties", p.CreateOrganisation)
	s.page("GET /beheer/organisaties/{code}", p.AdminOrganisation)
	s.page("POST /beheer/organisaties/{code}/teams", p.AdminCreateTeam)
	s.page("GET /beheer/organisaties/{code}/termijnen/{type}", p.AdminTermsForm)
	s.page("POST /beheer/organisaties/{code}/termijnen/{type}", p.AdminSetTerms)
	s.page("POST /beheer/organisaties/{code}/termijnen/{type}/standaard", p.AdminResetTerms)
	s.page("POST /beheer/organisaties/{code}/contactpersonen", p.AdminAddContact)
	s.page("POST /beheer/organisaties/{code}/contactpersonen/{id}/intrekking", p.AdminRetireContact)
	s.page("GET /beheer/gebruikers", p.AdminUsers)
	s.page("POST /beheer/gebruikers", p.AdminCreateUser)
	s.page("GET /beheer/gebruikers/{id}", p.AdminUser)
	s.page("POST /beheer/gebruikers/{id}/rollen", p.AdminGrantRole)
	s.page("POST /beheer/gebruikers/{id}/rollen/intrekking", p.AdminRevokeRole)
	s.page("POST /beheer/gebruikers/{id}/uitschakelen", p.AdminDisableUser)
	s.page("POST /beheer/gebruikers/{id}/inschakelen", p.AdminEnableUser)
	s.page("GET /signalen/nieuw", p.NewSignalForm)
	s.page("POST /signalen", p.FileSignal)
	s.page("GET /signalen/{id}", p.SignalPage)
	s.page("GET /knelpunten", p.KnelpuntList)
	s.page("GET /knelpunten/{id}", p.KnelpuntPage)
	s.page("POST /knelpunten/{id}/voorleggen", p.PutKnelpunt)
	s.page("POST /knelpunten/{id}/antwoord", p.AnswerKnelpunt)
	s.page("POST /knelpunten/{id}/samenvoegen", p.MergeKnelpunt)
	s.page("POST /knelpunten/{id}/splitsen", p.SplitKnelpunt)
	s.page("GET /knelpuntenbrieven", p.LetterList)
	s.page("GET /knelpuntenbrieven/nieuw", p.NewLetterForm)
	s.page("POST /knelpuntenbrieven", p.SendLetter)
	s.page("GET /knelpuntenbrieven/{id}", p.LetterPage)
	s.page("GET /knelpuntenbrieven/{id}/{file}", p.LetterDocument)
	s.page("GET /wetten", p.LawFigures)
	s.page("GET /wetten/{bwb}", p.LawPage)
	s.page("GET /voorstellen", p.ProposalList)
	s.page("GET /voorstellen/nieuw", p.NewProposalForm)
	s.page("POST /voorstellen", p.RegisterProposal)
	s.page("GET /voorstellen/{id}", p.ProposalPage)
	s.page("POST /voorstellen/{id}/toetsaanvraag", p.RequestAssessments)
	s.page("POST /voorstellen/{id}/handtekening", p.SignProposal)
	s.page("POST /voorstellen/{id}/verzending", p.SendProposal)
	s.page("POST /voorstellen/{id}/inwerkingtreding", p.ProposalInForce)
	s.page("GET /uitvoeringstoetsen/{id}", p.AssessmentPage)
	s.page("POST /uitvoeringstoetsen/{id}/oordeel", p.DeliverAssessment)
	s.page("POST /uitvoeringstoetsen/{id}/antwoord", p.AnswerAssessment)
	s.page("GET /casussen", p.CaseList)
	s.page("GET /casussen/nieuw", p.NewCaseForm)
	s.page("POST /casussen", p.SubmitCase)
	s.page("GET /casussen/{id}", p.CasePage)
	s.page("POST /casussen/{id}/uitnodiging", p.InviteToCase)
	s.page("POST /casussen/{id}/standpunt", p.AddCaseView)
	s.page("POST /casussen/{id}/besluit", p.DecideCase)
	s.page("GET /casussen/{id}/publicatie", p.PublicationReview)
	s.page("POST /casussen/{id}/publicatie", p.PublishCase)
	s.page("POST /casussen/{id}/intrekking", p.WithdrawCase)
	s.page("GET /casussen/{id}/correctie", p.CorrectionPage)
	s.page("POST /casussen/{id}/correctie", p.CorrectPublication)
	s.page("POST /casussen/{id}/publicatie-intrekking", p.WithdrawPublication)
	s.page("GET /casusprudentie", p.PrecedentRegister)
	s.page("GET /casusprudentie/{id}", p.PrecedentPage)
	s.page("POST /organisaties/{code}/contactpersonen", p.AddContact)
	s.page("POST /organisaties/{code}/contactpersonen/{id}/intrekking", p.RetireContact)
	s.page("POST /organisaties/{code}/indeling", p.SetGrouping)
	s.page("GET /kamercommissies", p.CommitteesPage)
	s.page("GET /parlement/staat-van-de-uitvoering", p.ReportList)
	s.page("GET /parlement/staat-van-de-uitvoering/{jaar}", p.ReportYear)
	s.page("GET /taal/{taal}", p.SetLanguage)
	s.pagePlain("GET /contact", p.ContactPage)
	s.pagePlain("GET /privacy", p.PrivacyPage)
	s.pagePlain("GET /toegankelijkheid", p.AccessibilityPage)
	s.page("GET /open-data", p.OpenDataPage)
	s.pagePlain("GET /open-data/{file}", p.OpenDataFile)
	s.pagePlain("GET /feeds/{file}", p.Feed)
	s.mux.Handle("GET /static/", p.Static())
	s.mux.Handle("GET /favicon.ico", http.RedirectHandler("/static/favicon.svg", http.StatusMovedPermanently))
	s.pagePlain("/", p.NotFound)
	// A reload of a page that came back from a POST asks for its path with
	// GET: each POST page route without a GET one sends it to its form.
	for pattern, h := range p.FormPageRoutes(s.pagePatterns) {
		s.mux.HandleFunc(pattern, h)
	}
}

// api registers an API route and remembers its pattern.
func (s *Server) api(pattern string, h api.HandlerFunc) {
	fn := s.apiHandler.Serve(h)
	if strings.HasPrefix(pattern, "POST ") && !anonymousPost(pattern) {
		// Every POST of the API is safe to retry with an Idempotency-Key
		// (decision 0038).
		fn = s.apiHandler.Idempotent(fn)
	}
	s.apiPlain(pattern, fn)
}

// anonymousPost reports the API posts that may be made anonymously — a
// brake pulled, a receipt code used — whose answers (a receipt code) are
// never kept and must not be tied to a caller, so they take no
// Idempotency-Key.
func anonymousPost(pattern string) bool {
	return pattern == "POST /api/v1/noodremmen" || strings.HasPrefix(pattern, "POST /api/v1/ontvangstcodes/")
}

// apiPlain registers an API route whose handler cannot fail (the OpenAPI
// document).
func (s *Server) apiPlain(pattern string, h http.HandlerFunc) {
	s.apiPatterns = append(s.apiPatterns, pattern)
	s.mux.HandleFunc(pattern, h)
}

// page registers a page route; an error its handler returns is answered
// by web.Handler.Serve, so every page answers errors the same way.
func (s *Server) page(pattern string, h web.HandlerFunc) {
	s.pagePatterns = append(s.pagePatterns, pattern)
	s.mux.HandleFunc(pattern, s.webHandler.Serve(h))
}

// pagePlain registers a page route whose handler cannot fail.
func (s *Server) pagePlain(pattern string, h http.HandlerFunc) {
	s.pagePatterns = append(s.pagePatterns, pattern)
	s.mux.HandleFunc(pattern, h)
}

// APIPatterns returns the patterns of every API route, as registered.
func (s *Server) APIPatterns() []string { return append([]string(nil), s.apiPatterns...) }

// PagePatterns returns the patterns of every page route, as registered.
func (s *Server) PagePatterns() []string { return append([]string(nil), s.pagePatterns...) }
