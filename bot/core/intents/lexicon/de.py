"""German words and phrases per category (see ``lexicon.en`` for the format)."""

PHRASES = {
    "clause": "aber | weil | obwohl | denn | jedoch | sondern | damit",
    "field_of_work": "marketing | vertrieb | verkauf | finanzen | buchhaltung | rechnungswesen | controlling | logistik"
                     " | pflege | einkauf | personal | personalwesen | gastronomie | handwerk | verwaltung | bau"
                     " | medien | kommunikation | it | informatik | elektrotechnik | maschinenbau | gesundheit"
                     " | bildung",
    "anywhere": "überall | egal wo | ortsunabhängig | irgendwo",
    "salary_max": "bis | bis zu | höchstens | maximal | max | unter | weniger als | nicht mehr als",
    "forget": "vergiss mich | lösch mich | lösche mich | mein konto löschen | konto löschen | abmelden",
    "write": "schreib | schreibe | schreiben | verfasse | erstelle | mach",
    "question": "was | wie | wo | welche | welcher | ist | sind | gibt | es | kann | können | hast | habt | denn"
                " | meiner | meine | meinen | meinem | euch | ihr",
    "greeting": "hallo | hi | hey | moin | moin moin | servus | grüß gott | grüezi | guten tag | guten morgen"
                " | guten abend | grüß dich | tach | na | hallöchen"
                " | tschüss | tschüs | ciao | bis bald | bis dann | auf wiedersehen | gute nacht | servus",
    "thanks": "danke | danke schön | dankeschön | vielen dank | danke sehr | merci | besten dank | herzlichen dank"
              " | tausend dank | danke dir | danke euch",
    "polite": "bitte | bitteschön | ok | okay | gut | super | prima | toll | jetzt | dann | auch | und | also | mal"
              " | doch | ja | genau | nun"
              " | wieder | schon wieder | mal wieder | hm | naja | ach",
    "filler": "kannst du | könntest du | können sie | könnten sie | kannst | ich | ich möchte | ich will"
              " | ich hätte gern | ich hätte gerne | ich brauche | mir | mich | zeig mir | zeige mir | finde mir"
              " | such mir | suche mir | gibt es | gibt's | habt ihr | hast du | haben sie | irgendwelche | ein"
              " | eine | einen | einer | der | die | das | den | dem | neue | offene | aktuelle | du | ihr | sie"
              " | mein | meine | nach | für mich | wie wäre es mit | was ist mit"
              " | ich bin | bin | lieber | am liebsten | vorzugsweise | etwas | irgendwas | irgendetwas",
    "search_cue": "suche | suchen | finde | finden | such | ich suche | ich bin auf der suche nach | auf der suche nach"
                  " | bin auf der suche nach | möchte arbeiten als | arbeiten als | arbeit als"
                  " | arbeiten | arbeite | jobben",
    "job_noun": "jobs | job | stelle | stellen | stellenangebote | stellenangebot | arbeit | arbeitsplatz | position"
                " | positionen | angebote | jobangebote | anstellung | beschäftigung | vakanzen | arbeitsstelle",
    "connector": "als | für | in | im | von | mit | und | bei | zum | zur",
    "more": "mehr | noch mehr | weitere | weiter | mehr bitte | nächste | nächste seite | die nächsten | andere"
            " | mehr ergebnisse | mehr jobs | mehr stellen | weitere ergebnisse | weitere jobs | zeig mehr"
            " | mehr davon | weitere anzeigen | mehr anzeigen"
            " | nächsten | weiteren | folgenden",
    "details": "details | detail | mehr zu | mehr über | infos zu | info | infos | informationen | öffne"
               " | erzähl mir von | erzähl mir mehr über | genauer | beschreibung | über | was ist"
               " | gehalt | anforderungen | vorteile | link | firma | wie viel | was zahlen die | bezahlung"
               " | beschreiben | beschreib | beschreibe | zahlt | zahlen die | verdient man",
    "letter": "anschreiben | bewerbung | bewerbungsschreiben | motivationsschreiben | bewerben | bewirb"
              " | bewerbungsbrief",
    "privacy": "datenschutz | dsgvo | privatsphäre | vertraulich | was speichert ihr | was speichern sie"
               " | was speicherst du | was wird gespeichert | welche daten | sind meine daten sicher",
    "data": "daten | meine daten | lebenslauf | meinen lebenslauf | meinem lebenslauf | cv | alles | mich | konto"
            " | mein konto | profil | informationen | persönliche daten",
    "data_use": "macht ihr mit | machst du mit | passiert mit | macht mit | nutzt | verwendet | verarbeitet"
                " | was macht ihr | was machst du | was passiert | speichert | speichern | gespeichert | speicherst"
                " | behaltet | aufbewahrt | weitergeben | teilt | verkauft"
                " | was ist mit | was geschieht mit",
    "delete": "löschen | lösche | lösch | löscht | entfernen | entferne | vergiss | vergessen | vergesst | tilgen",
    "capabilities": "was kannst du | was kannst du tun | was machst du | hilfe | wie funktioniert das | wer bist du"
                    " | was bist du | was kann ich tun | befehle | was kann der bot | wie geht das"
                    " | was kannst du alles | funktionen",
    "profile": "profil | mein profil | meine fähigkeiten | was weißt du über mich | zeig mein profil",
    "status": "status | stand | wie weit | fortschritt | mein status | wie läuft es | wie läuft's | fertig"
              " | bist du fertig | noch dran",
    "prefs": "einstellungen | meine einstellungen | präferenzen | vorlieben | filter | meine filter | kriterien"
             " | wünsche | meine wünsche",
    "reset": "zurücksetzen | zurück setzen | löschen | lösche | entfernen | alle löschen | von vorn | neu starten"
             " | aufheben | setze zurück | setz zurück",
    "show": "zeig | zeige | anzeigen | liste | welche sind | was sind",
    "not_for_me": "nicht für mich | passt nicht | nichts für mich | kein interesse | uninteressant | passt mir nicht"
                  " | überspringen | nein danke | ist nichts | nicht interessant | gefällt mir nicht"
                  " | mag ich nicht | gefällt nicht | nicht gut",
    "reason": {"zu senior": "too_senior", "senior": "too_senior", "zu hoch": "too_senior",
               "überqualifiziert": "too_senior", "zu erfahren": "too_senior", "falscher ort": "wrong_place",
               "zu weit": "wrong_place", "zu weit weg": "wrong_place", "falsche stadt": "wrong_place",
               "ort": "wrong_place", "standort": "wrong_place", "agentur": "agency", "vermittler": "agency",
               "personalvermittler": "agency", "personalvermittlung": "agency", "zeitarbeit": "agency",
               "headhunter": "agency", "nicht mein bereich": "not_my_field", "nicht mein fachgebiet": "not_my_field",
               "falscher bereich": "not_my_field", "nicht meine branche": "not_my_field",
               "anderes fachgebiet": "not_my_field", "nicht mein fach": "not_my_field"},
    "language_name": {"englisch": "en", "english": "en", "deutsch": "de", "französisch": "fr", "spanisch": "es",
                      "italienisch": "it", "niederländisch": "nl", "portugiesisch": "pt"},
    "language_switch": "sprich | sprechen | sprichst | rede | redest | antworte | antworten | schreib | schreibe"
                       " | auf | bitte | sprache | wechsel | wechsle | zu | auf deutsch | kannst du",
    "ordinal": {"erste": 1, "ersten": 1, "erster": 1, "erstes": 1, "zweite": 2, "zweiten": 2, "zweiter": 2,
                "zweites": 2, "dritte": 3, "dritten": 3, "dritter": 3, "drittes": 3, "vierte": 4, "vierten": 4,
                "vierter": 4, "fünfte": 5, "fünften": 5, "fünfter": 5, "sechste": 6, "sechsten": 6,
                "siebte": 7, "siebten": 7, "achte": 8, "achten": 8, "neunte": 9, "neunten": 9, "zehnte": 10,
                "zehnten": 10},
    "cardinal": {"eins": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
                 "neun": 9, "zehn": 10},
    "job_cue": "nummer | nr | job | stelle | angebot | ergebnis | für | die | den | der | das | zu | zur | zum",
    "remote": "remote | homeoffice | home office | home-office | von zuhause | von zu hause | telearbeit"
              " | mobiles arbeiten | remote arbeit | fernarbeit | ortsunabhängig | heimarbeit"
              " | 100% remote | voll remote | komplett remote",
    "only": "nur | ausschließlich | bloß | lediglich",
    "neg": "nicht | kein | keine | keinen | keiner | ohne | außer | ausschließen | nichts von | nichts bei"
           " | nichts in | bitte keine | nie | niemals | weg mit | ausblenden"
           " | zeig keine | zeig mir keine | zeige keine | keine mehr",
    "company_prep": "bei | von | jobs bei | stellen bei",
    "agency": "agentur | agenturen | vermittler | personalvermittler | personalvermittlung | zeitarbeit"
              " | zeitarbeitsfirmen | zeitarbeitsfirma | personaldienstleister | headhunter | arbeitnehmerüberlassung"
              " | recruiter | vermittlungen | personalagenturen",
    "ok": "ist ok | ist okay | auch ok | auch okay | geht auch | in ordnung | passt auch | ist gut | auch gut"
          " | sind ok | erlaubt | auch",
    "any": "egal | beliebig | jedes | jede | jeder | ganz egal | ist egal | spielt keine rolle | irgendein",
    "field": {"gehalt": "min_salary", "lohn": "min_salary", "bezahlung": "min_salary", "verdienst": "min_salary",
              "ort": "places", "standort": "places", "wo": "places", "überall": "places", "stadt": "places",
              "level": "seniority", "erfahrungsstufe": "seniority", "firma": "excluded_companies",
              "firmen": "excluded_companies", "unternehmen": "excluded_companies", "vor ort": "remote_only",
              "büro": "remote_only", "arbeitszeit": "job_types", "stunden": "job_types"},
    "salary_min": "mindestens | ab | über | mehr als | nicht unter | nicht weniger als | minimum | mindestgehalt"
                  " | gehalt ab | gehalt mindestens | gehalt | von mindestens | wenigstens"
                  " | zwischen",
    "month": "im monat | pro monat | monatlich | mtl | monat",
    "seniority": {"junior": "junior", "einsteiger": "junior", "berufseinsteiger": "junior", "einstieg": "junior",
                  "mid level": "mid", "mittel": "mid", "erfahren": "mid", "senior": "senior", "lead": "lead",
                  "leitend": "lead", "leitung": "lead"},
    "seniority_less": "weniger senior | juniorer | niedrigere stufe | weniger erfahrung | nicht so senior",
    "seniority_more": "seniorer | höhere stufe | mehr erfahrung | anspruchsvoller",
    "job_type": {"teilzeit": "part_time", "vollzeit": "full_time", "freiberuflich": "contract",
                 "freelance": "contract", "freelancer": "contract", "projektarbeit": "contract",
                 "praktikum": "internship", "praktika": "internship", "praktikant": "internship",
                 "befristet": "temporary", "aushilfe": "temporary", "minijob": "part_time",
                 "werkstudent": "part_time"},
    "place_prep": "in | im | bei | nahe | in der nähe von | um | rund um | nähe",
    "relaxed": "egal | ist egal | ist mir egal | mir egal | muss nicht sein | muss nicht | nicht nötig | nicht notwendig"
               " | nicht erforderlich | nicht mehr nötig | kein muss | optional | spielt keine rolle | oder nicht"
               " | nicht wichtig | nicht so wichtig | ob oder nicht | braucht nicht | brauche ich nicht",
    "again": "nochmal | nochmals | noch einmal | wieder | erneut | noch mal",
    "reason_frame": "es ist | ist | das ist | die ist | der ist | einfach | halt | eben | zu | eine | ein | für mich"
                    " | viel | leider | wohl",
    "past": "habe gearbeitet | hab gearbeitet | war | früher | vorher | ehemals | keine lust mehr auf"
            " | keine lust auf | satt | habe genug von | genug von",
    # Gespeicherte Suchen und der Bewerbungsstand (bot.core.intents.follow).
    "alert_cue": "benachrichtige mich | benachrichtige | benachrichtigen | informiere mich | alarm | jobalarm"
                 " | job-alarm | suchauftrag | abonniere | abonnieren | bescheid",
    "alert_tell": "sag mir | gib mir | schick mir | schicke mir | melde dich | halte mich auf dem laufenden",
    "alert_about": "über | zu | für | bei | von | wenn es gibt",
    "frequency": {"täglich": "daily", "jeden morgen": "daily", "jeden tag": "daily", "morgens": "daily",
                  "einmal am tag": "daily", "wöchentlich": "weekly", "jede woche": "weekly",
                  "einmal pro woche": "weekly", "einmal die woche": "weekly"},
    "alerts_list": "meine alarme | alarme | meine jobalarme | jobalarme | meine benachrichtigungen"
                   " | benachrichtigungen | meine suchaufträge | suchaufträge | gespeicherte suchen",
    "tracker_board": "meine bewerbungen | bewerbungen | bewerbungsstand | stand meiner bewerbungen | tracker",
    "stage_said": {"beworben": "applied", "habe mich beworben": "applied", "ich habe mich beworben": "applied",
                   "bewerbung abgeschickt": "applied", "vorstellungsgespräch": "interview",
                   "ein vorstellungsgespräch": "interview", "bewerbungsgespräch": "interview",
                   "interview": "interview", "ein angebot": "offer", "angebot bekommen": "offer",
                   "zusage": "offer", "eine zusage": "offer", "absage": "rejected", "eine absage": "rejected",
                   "abgelehnt": "rejected", "zurückgezogen": "withdrawn", "bewerbung zurückgezogen": "withdrawn"},
    "tracker_filler": "ich | habe | hab | mich | auf | bei | für | von | ein | einen | eine | die | den | der"
                      " | nummer | nr | job | stelle | bekommen | erhalten | meine | bewerbung | für die | mir",
}
