package authz

import "github.com/schakel-nl/schakel"

// stakes says what is at stake in each action, so that a deployment asks
// one level of assurance per stake (decision 0031). Deciding for an
// organisation or a ministry, and administering who may do what, are what
// a stolen password would harm most.
var stakes = map[Action]schakel.Stake{
	ViewOrganisationInternals: schakel.StakeRead,
	ViewInbox:                 schakel.StakeRead,
	ViewCases:                 schakel.StakeRead,
	PullBrake:                 schakel.StakeAct,
	RequestPersonally:         schakel.StakeAct,
	SubmitCase:                schakel.StakeAct,
	FileSignal:                schakel.StakeAct,
	ManageKnelpunten:          schakel.StakeAct,
	ManageProposals:           schakel.StakeAct,
	ManageCases:               schakel.StakeDecide,
	RequestOnBehalf:           schakel.StakeDecide,
	ReturnAssignment:          schakel.StakeDecide,
	SendLetter:                schakel.StakeDecide,
	AssessProposal:            schakel.StakeDecide,
	AnswerAssessment:          schakel.StakeDecide,
	SignForExecution:          schakel.StakeDecide,
	// Seeing who pulled a protected brake unmasks a person who asked for
	// protection: as much at stake as a decision.
	SeeProtectedPuller:   schakel.StakeDecide,
	ManageMembers:        schakel.StakeAdminister,
	ManageOrganisations:  schakel.StakeAdminister,
	ManageCatalogue:      schakel.StakeAdminister,
	OperateCatalogue:     schakel.StakeAdminister,
	ManageOperators:      schakel.StakeAdminister,
	ManageTerms:          schakel.StakeAdminister,
	ManageWebhooks:       schakel.StakeAdminister,
	OperateNotifications: schakel.StakeAdminister,
	EraseData:            schakel.StakeAdminister,
	ManageContacts:       schakel.StakeAdminister,
}

// StakeOf returns what is at stake in action; an unknown action is treated
// as a decision, the safe side.
func StakeOf(action Action) schakel.Stake {
	if s, ok := stakes[action]; ok {
		return s
	}
	return schakel.StakeDecide
}
