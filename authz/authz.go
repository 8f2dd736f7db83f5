// Package authz decides who may do what, in one place. The services ask
// Can before they act; the rules are a table of action × role × whether the
// target organisation is the user's own, tested as such.
package authz

import "github.com/schakel-nl/schakel"

// Action is something a user may want to do to (something of) an
// organisation.
type Action string

// The actions of the foundation; later capabilities add theirs here.
const (
	// ViewOrganisationInternals: see an organisation's teams, members and
	// internal pages.
	ViewOrganisationInternals Action = "view-organisation-internals"
	// ManageMembers: give or take roles in an organisation.
	ManageMembers Action = "manage-members"
	// ManageOrganisations: create organisations and principal relations:
	// the installation's operators only (schakel.User.Operator), never an
	// organisation's administrator, who could otherwise make ministries.
	ManageOrganisations Action = "manage-organisations"
	// OperateCatalogue: retire and reinstate the national principles of the
	// catalogue, which every organisation cites: operators only.
	OperateCatalogue Action = "operate-catalogue"
	// ManageOperators: make a user an operator of the installation, or no
	// longer one: operators only (and the schakel user command).
	ManageOperators Action = "manage-operators"
	// ManageCatalogue: add, retire or reinstate the organisation's own
	// principles and policy rules in the catalogue.
	ManageCatalogue Action = "manage-catalogue"
	// ViewInbox: read the requests for account addressed to an organisation.
	ViewInbox Action = "view-inbox"
	// PullBrake: pull the professional's emergency brake at an organisation.
	// Any professional may, also at another organisation (report §4.4.5):
	// anyone with a role in some organisation. A login alone is not enough,
	// or anyone the identity broker knows could pull it.
	PullBrake Action = "pull-brake"
	// RequestPersonally: ask an organisation for account in one's own name,
	// as a professional: anyone with a role in some organisation.
	RequestPersonally Action = "request-personally"
	// ManageTerms: set or reset the organisation's own terms per request
	// type. Only its administrators: the terms bind the organisation itself,
	// so another organisation's administrator may not change them.
	ManageTerms Action = "manage-terms"
	// ManageWebhooks: register or retire the endpoints that receive the
	// organisation's notifications; they carry a signing secret, so only
	// its own administrators.
	ManageWebhooks Action = "manage-webhooks"
	// OperateNotifications: see the queue of notifications of the
	// organisation and send a given-up one again.
	OperateNotifications Action = "operate-notifications"
	// SubmitCase: bring a case to the organisation's maatwerkplaats.
	SubmitCase Action = "submit-case"
	// ViewCases: read the organisation's cases, with the citizen's
	// situation; it never leaves the organisation.
	ViewCases Action = "view-cases"
	// ManageCases: convene the deliberation, decide and publish.
	ManageCases Action = "manage-cases"
	// RequestOnBehalf: ask for account on behalf of the organisation,
	// rather than personally: its board or leadership.
	RequestOnBehalf Action = "request-on-behalf"
	// ReturnAssignment: pull the organisation's brake, returning an
	// assignment to its principal ministry. The report gives it to the
	// board (§5.4.6), not to anyone who may request for the organisation.
	ReturnAssignment Action = "return-assignment"
	// SeeProtectedPuller: see who pulled a professional's brake with
	// protected identity at the organisation: its confidential counsel
	// (vertrouwenspersoon). The puller always sees their own.
	SeeProtectedPuller Action = "see-protected-puller"
	// EraseData: erase the personal texts of an ended request, brake or
	// closed case of the organisation on a data subject's request (AVG
	// art. 17). Operator work: only its administrators, of the
	// organisation that holds the record.
	EraseData Action = "erase-data"
	// FileSignal: file a signal that a rule hurts at the organisation, or
	// start a knelpunt with it: any of its members who work with the rules
	// (PRODUCT.md C5).
	FileSignal Action = "file-signal"
	// ManageKnelpunten: put the organisation's knelpunten to the team,
	// merge and split them: its coordinators and board.
	ManageKnelpunten Action = "manage-knelpunten"
	// SendLetter: send the organisation's knelpuntenbrief to its principal
	// ministry: its board (report §5.4.1).
	SendLetter Action = "send-letter"
	// ManageProposals: register the ministry's proposals and ask
	// executing organisations for their assessment: its policy officers.
	ManageProposals Action = "manage-proposals"
	// AssessProposal: deliver the organisation's assessment of a proposal
	// it was asked about: its board.
	AssessProposal Action = "assess-proposal"
	// AnswerAssessment: answer every item of an assessment: the minister
	// (bewindspersoon) of the proposal's ministry.
	AnswerAssessment Action = "answer-assessment"
	// SignForExecution: sign for the execution of a proposal before it
	// goes to parliament: the ministry's secretary-general (report §5.3).
	SignForExecution Action = "sign-for-execution"
	// ManageContacts: add or retire the organisation's contact points for
	// parliament (report §5.4.4): its own administrators. Operators may
	// too, through ManageOrganisations.
	ManageContacts Action = "manage-contacts"
)

// rule says which roles may do an action in their own organisation, which
// may do it to another organisation, and whether anyone with a role in
// some organisation may, wherever.
type rule struct {
	own, other []schakel.Role
	anyMember  bool
	// operator: the installation's operators may, whatever their roles.
	operator bool
}

var members = []schakel.Role{schakel.RoleProfessional, schakel.RoleCoordinator, schakel.RoleBoard, schakel.RolePolicy, schakel.RoleMinister, schakel.RoleParliament, schakel.RoleAdmin, schakel.RoleCounsel, schakel.RoleSecretaryGeneral}

var rules = map[Action]rule{
	ViewOrganisationInternals: {own: members},
	ManageMembers:             {own: []schakel.Role{schakel.RoleAdmin}},
	// Work for the whole installation is the operators', whatever roles
	// they hold (issue 16): no organisation's administrator may create
	// organisations or retire a national principle.
	ManageOrganisations: {operator: true},
	OperateCatalogue:    {operator: true},
	ManageOperators:     {operator: true},
	ManageCatalogue:     {own: []schakel.Role{schakel.RoleAdmin}},
	ViewInbox:           {own: members},
	PullBrake:           {anyMember: true},
	RequestPersonally:   {anyMember: true},
	ManageTerms:         {own: []schakel.Role{schakel.RoleAdmin}},
	ManageWebhooks:      {own: []schakel.Role{schakel.RoleAdmin}},
	// An organisation's administrators see the queue of their own
	// organisation only: the events of another organisation's objections
	// and brakes are not theirs to see.
	OperateNotifications: {own: []schakel.Role{schakel.RoleAdmin}},
	SubmitCase:           {own: []schakel.Role{schakel.RoleProfessional, schakel.RoleCoordinator, schakel.RoleBoard}},
	ViewCases:            {own: []schakel.Role{schakel.RoleProfessional, schakel.RoleCoordinator, schakel.RoleBoard, schakel.RolePolicy, schakel.RoleAdmin}},
	ManageCases:          {own: []schakel.Role{schakel.RoleCoordinator, schakel.RoleBoard}},
	RequestOnBehalf:      {own: []schakel.Role{schakel.RoleBoard, schakel.RolePolicy, schakel.RoleMinister}},
	ReturnAssignment:     {own: []schakel.Role{schakel.RoleBoard}},
	SeeProtectedPuller:   {own: []schakel.Role{schakel.RoleCounsel}},
	EraseData:            {own: []schakel.Role{schakel.RoleAdmin}},
	FileSignal:           {own: []schakel.Role{schakel.RoleProfessional, schakel.RoleCoordinator, schakel.RoleBoard, schakel.RolePolicy}},
	ManageKnelpunten:     {own: []schakel.Role{schakel.RoleCoordinator, schakel.RoleBoard}},
	SendLetter:           {own: []schakel.Role{schakel.RoleBoard}},
	ManageProposals:      {own: []schakel.Role{schakel.RolePolicy}},
	AssessProposal:       {own: []schakel.Role{schakel.RoleBoard}},
	AnswerAssessment:     {own: []schakel.Role{schakel.RoleMinister}},
	SignForExecution:     {own: []schakel.Role{schakel.RoleSecretaryGeneral}},
	ManageContacts:       {own: []schakel.Role{schakel.RoleAdmin}},
}

// Actions lists every action, for tests and documentation.
func Actions() []Action {
	return []Action{ViewOrganisationInternals, ManageMembers, ManageOrganisations, ManageCatalogue, ViewInbox, PullBrake, ManageTerms, ManageWebhooks, OperateNotifications, SubmitCase, ViewCases, ManageCases,
		RequestOnBehalf, ReturnAssignment, SeeProtectedPuller, EraseData, FileSignal, ManageKnelpunten, SendLetter,
		ManageProposals, AssessProposal, AnswerAssessment, SignForExecution, ManageContacts, RequestPersonally,
		OperateCatalogue, ManageOperators}
}

// Can returns nil when u may do action to organisation orgID, EUNAUTHORIZED
// when nobody is logged in and EFORBIDDEN otherwise: without a role that
// may, or (see Sufficient) when the login's level of assurance is below
// what the action's stake needs. orgID 0 means "any organisation" for
// actions that have no target yet.
func Can(u *schakel.User, action Action, orgID int64) error {
	if u == nil {
		return schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om dit te doen.")
	}
	r, ok := rules[action]
	if !ok {
		return schakel.Errorf(schakel.EFORBIDDEN, "Onbekende handeling.")
	}
	if !r.allows(u, orgID) {
		if r.anyMember {
			return schakel.Errorf(schakel.EFORBIDDEN, "Dit kan alleen wie een rol heeft bij een organisatie. Vraag de beheerder van uw organisatie om u toe te voegen.")
		}
		return schakel.Errorf(schakel.EFORBIDDEN, "U heeft geen rol die dit mag.")
	}
	return Sufficient(u, StakeOf(action))
}

// allows reports whether one of u's roles lets it do the rule's action to
// organisation orgID.
func (r rule) allows(u *schakel.User, orgID int64) bool {
	if r.operator {
		return u.Operator
	}
	for _, m := range u.Memberships {
		own := orgID == 0 || m.OrganisationID == orgID
		switch {
		case r.anyMember:
			return true
		case own && hasRole(r.own, m.Role), !own && hasRole(r.other, m.Role):
			return true
		}
	}
	return false
}

// Sufficient returns nil when u's login reached the level of assurance the
// deployment asks for stake s, and schakel.TooLowAssurance otherwise, so
// that the pages can offer to log in again at that level.
func Sufficient(u *schakel.User, s schakel.Stake) error {
	if u == nil {
		return schakel.Errorf(schakel.EUNAUTHORIZED, "Log in om dit te doen.")
	}
	if !u.Assurance.Enough(s) {
		return schakel.TooLowAssurance(u.Assurance.Policy[s])
	}
	return nil
}

func hasRole(roles []schakel.Role, r schakel.Role) bool {
	for _, v := range roles {
		if v == r {
			return true
		}
	}
	return false
}

// Organisations returns the organisations in which u may do action by a role
// held there, for actions whose targets are listed rather than named: a
// list of what u may see is filtered to them.
func Organisations(u *schakel.User, action Action) []int64 {
	out := []int64{}
	if u == nil {
		return out
	}
	r := rules[action]
	if !u.Assurance.Enough(StakeOf(action)) {
		return out
	}
	for _, m := range u.Memberships {
		if (r.anyMember || hasRole(r.own, m.Role)) && !containsID(out, m.OrganisationID) {
			out = append(out, m.OrganisationID)
		}
	}
	return out
}

func containsID(ids []int64, id int64) bool {
	for _, v := range ids {
		if v == id {
			return true
		}
	}
	return false
}
