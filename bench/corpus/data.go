package main

// themes are the 30 themes of the synthetic catalogue. The first six are the
// real catalogue's themes; the rest are plausible extensions.
var themes = []string{
	"Boligløsninger", "Social støtte", "Fællesskaber", "Samarbejde på tværs",
	"Overgangen til eget hjem", "Borgerinddragelse", "Housing First",
	"Bostøtte", "Sociale viceværter", "Udslusningsboliger", "Skæve boliger",
	"Unge uden hjem", "Beskæftigelse", "Sundhed og trivsel", "Misbrug og behandling",
	"Psykisk sårbarhed", "Naboskab", "Frivillige", "Kompetenceudvikling",
	"Socialt beredskab", "Økonomi og gæld", "Boligsocialt arbejde",
	"Udlejningsaftaler", "Ensomhed", "Kultur og fritid", "Idræt",
	"Familie og netværk", "Forebyggelse", "Data og viden", "Partnerskaber",
}

// municipalities are the 20 municipalities cases are spread over.
var municipalities = []string{
	"Aalborg", "Aarhus", "Esbjerg", "Fredericia", "Frederiksberg", "Herning",
	"Holstebro", "Horsens", "Høje-Taastrup", "København", "Kolding", "Køge",
	"Næstved", "Odense", "Randers", "Roskilde", "Silkeborg", "Slagelse",
	"Svendborg", "Viborg",
}

// principles are the seven principles for good support (Det Nationale
// Partnerskab mod Hjemløshed, Årsrapport 2023).
var principles = []string{
	"Se mig som et menneske", "Lyt til mig", "Spørg ind til mine behov",
	"Tag mig alvorligt", "Oplys mig om mine rettigheder og muligheder",
	"Følg mit tempo", "Hjælp mig med at bygge mig selv op igen",
}

// organisations are the housing organisations some cases name.
var organisations = []string{
	"Boligselskabet Sjælland", "AAB", "KAB", "Lejerbo", "fsb", "Domea.dk",
	"Himmerland Boligforening", "Østjysk Bolig", "Civica", "Boligkontoret Danmark",
}

// words is the vocabulary body text is drawn from: common Danish words from
// the campaign's own material, weighted by repetition of function words.
var words = []string{
	"og", "og", "og", "i", "i", "i", "at", "at", "det", "det", "er", "er",
	"en", "en", "et", "til", "til", "med", "med", "på", "på", "for", "for",
	"som", "som", "der", "der", "de", "den", "af", "har", "kan", "skal",
	"vil", "også", "ikke", "men", "når", "hvor", "over", "under", "efter",
	"mellem", "sammen", "hver", "alle", "mange", "flere", "nogle", "egen",
	"bolig", "boligen", "hjem", "hjemmet", "borger", "borgeren", "borgere",
	"kommune", "kommunen", "boligorganisation", "boligorganisationen",
	"afdeling", "afdelingen", "beboere", "beboerne", "nabo", "naboerne",
	"støtte", "bostøtte", "støtteperson", "medarbejder", "medarbejderne",
	"vicevært", "viceværten", "fællesskab", "fællesskabet", "netværk",
	"hverdag", "hverdagen", "tryghed", "tillid", "relation", "relationen",
	"indsats", "indsatsen", "samarbejde", "samarbejdet", "aftale", "aftalen",
	"hjemløshed", "forsorgshjem", "herberg", "udslusning", "lejlighed",
	"husleje", "økonomi", "gæld", "job", "uddannelse", "fritid", "fodbold",
	"køkken", "stue", "møbler", "nøgle", "dør", "trappe", "gård", "have",
	"kaffe", "måltid", "aften", "morgen", "uge", "måned", "år", "dag",
	"erfaring", "erfaringer", "viden", "metode", "tilgang", "plan",
	"behov", "ønsker", "rettigheder", "muligheder", "tempo", "ansvar",
	"helhed", "overgang", "skridt", "start", "forløb", "møde", "møder",
	"samtale", "samtaler", "telefon", "kontakt", "besøg", "hjælp",
	"bygger", "bor", "flytter", "finder", "hjælper", "lytter", "spørger",
	"møder", "skaber", "giver", "tager", "kender", "ved", "ser", "siger",
	"fortæller", "oplever", "lykkes", "arbejder", "deltager", "handler",
	"mærker", "lærer", "bruger", "følger", "åbner", "inviterer", "holder",
	"godt", "gode", "god", "stærk", "stærkt", "ny", "nye", "første",
	"lokale", "lokalt", "fælles", "faste", "fast", "tæt", "tætte",
	"sociale", "socialt", "almene", "hurtig", "hurtigt", "lang", "lange",
	"små", "store", "vigtig", "vigtigt", "rolig", "trygt", "varig",
	"varigt", "konkret", "konkrete", "tværfaglig", "tværfaglige",
	"fleksibel", "fleksible", "nærmeste", "bedre", "mere", "mest",
	"måske", "derfor", "sådan", "netop", "allerede", "stadig", "igen",
	"særligt", "især", "både", "enten", "eller", "uden", "inden", "siden",
}

// headings are the section headings of case bodies.
var headings = []string{
	"Baggrund", "Sådan gjorde de", "Det virker", "Første skridt",
	"Samarbejdet", "Hverdagen i boligen", "Det lærte de", "Resultater",
	"Udfordringer undervejs", "Næste skridt", "Hvad siger beboerne",
	"Gode råd til andre", "Økonomien", "Rollerne", "Fællesskabet omkring",
}
