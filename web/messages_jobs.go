package web

// jobsMessages is the English of the operators' page of running jobs
// (issue 17). init merges them into the english catalogue.
var jobsMessages = map[string]string{
	"Lopende taken":                   "Running jobs",
	"Bewaartermijnen: teksten wissen": "Retention: erasing texts",
	"Openbaar logboek bijwerken":      "Updating the public record",
	"Database bijwerken":              "Updating the database",
	"Reservekopie maken":              "Making a backup",
	"Staat van de Uitvoering maken":   "Making the Staat van de Uitvoering",
	"%d van %d (%d%%)":                "%d of %d (%d%%)",
	"%s per seconde":                  "%s per second",
	"nog ongeveer %s":                 "about %s left",
	"bezig sinds %s":                  "running for %s",
	"De lange taken die deze server nu uitvoert: hoe ver ze zijn, hoe snel ze gaan en hoe lang ze naar schatting nog duren. Vernieuw de pagina voor de laatste stand.": "The long jobs this server is running now: how far they are, how fast they go and about how long they will still take. Reload the page for the latest figures.",
	"Taak":                         "Job",
	"Begonnen":                     "Started",
	"Gedaan":                       "Done",
	"Snelheid":                     "Rate",
	"Tijd":                         "Time",
	"Er loopt nu geen lange taak.": "No long job is running now.",
	"Vernieuwen":                   "Reload",
	"De lange taken van deze server: hoe ver ze zijn, hoe snel ze gaan en hoe lang ze nog duren.": "The long jobs of this server: how far they are, how fast they go and how long they will still take.",
}

func init() {
	for k, v := range jobsMessages {
		english[k] = v
	}
}
