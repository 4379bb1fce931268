"""French words and phrases per category (see ``lexicon.en`` for the format)."""

PHRASES = {
    "clause": "mais | parce que | car | bien que | pourtant | puisque",
    "field_of_work": "marketing | vente | ventes | commerce | finance | comptabilité | logistique | informatique"
                     " | santé | restauration | hôtellerie | btp | communication | ressources humaines | rh"
                     " | achats | administration | enseignement | juridique | conseil | recherche",
    "anywhere": "partout | n'importe où | peu importe où | où que ce soit",
    "salary_max": "jusqu'à | au maximum | au plus | max | maximum | moins de | en dessous de | pas plus de",
    "forget": "oublie-moi | oubliez-moi | supprime mon compte | supprimer mon compte | désinscris-moi",
    "write": "écris | écrire | rédige | rédiger | écrivez | rédigez | prépare | fais",
    "question": "que | quoi | comment | où | quel | quelle | quels | quelles | est-ce que | est | sont | qu' | ce"
                " | c'est | qu'est-ce que",
    "greeting": "bonjour | salut | coucou | bonsoir | hello | bonjour à tous | allô | yo | re"
                " | au revoir | à bientôt | bonne nuit | ciao | bonne journée | bonne soirée",
    "thanks": "merci | merci beaucoup | merci bien | mille mercis | je vous remercie | je te remercie | thanks"
              " | merci infiniment | super merci",
    "polite": "s'il vous plaît | s'il te plaît | svp | stp | ok | d'accord | super | parfait | bien | alors | et"
              " | aussi | maintenant | donc | oui | bon | ben | bref"
              " | encore une fois | de nouveau | pff | bof | bah",
    "filler": "peux-tu | pouvez-vous | peux tu | pouvez vous | tu peux | vous pouvez | pourrais-tu"
              " | pourriez-vous | je voudrais | je veux | j'aimerais | je souhaite | il me faut | moi | me | m' | je"
              " | trouve-moi | trouvez-moi | montre-moi | montrez-moi | donne-moi | donnez-moi | trouve moi"
              " | montre moi | donne moi | y a-t-il | il y a | est-ce qu'il y a | avez-vous | as-tu | des | un | une"
              " | le | la | les | l' | du | quelques | nouvelles | nouveaux | tu | vous | mon | ma | mes | et pour"
              " | quoi de neuf"
              " | je suis | suis | plutôt | de préférence | donner | me donner | quelque chose | avoir",
    "search_cue": "cherche | chercher | je cherche | recherche | rechercher | trouve | trouver | je suis à la recherche"
                  " | à la recherche | en recherche | je recherche | travailler comme | travailler en tant que"
                  " | bosser | travailler | je veux travailler | je veux bosser",
    "job_noun": "emploi | emplois | poste | postes | offre | offres | travail | boulot | job | jobs | offres d'emploi"
                " | offre d'emploi | opportunités | opportunité | missions | mission | place | stage | stages | cdi",
    "connector": "de | d' | comme | en tant que | en | pour | dans | du | des | et | à",
    "more": "plus | encore | d'autres | autres | suite | la suite | suivant | suivants | page suivante | davantage"
            " | plus d'offres | plus de résultats | d'autres offres | autres offres | encore plus | montre plus"
            " | plus de offres | voir plus | afficher plus | continue"
            " | suivantes | suivante | prochaines | prochains | les suivants | les suivantes",
    "details": "détails | détail | plus sur | plus d'infos | infos | info | informations | en savoir plus"
               " | parle-moi de | parle moi de | dis-m'en plus sur | ouvre | description | c'est quoi"
               " | salaire | exigences | avantages | lien | entreprise | combien | ça paie combien"
               " | décrire | décris | décrivez | paie | paye",
    "letter": "lettre | lettre de motivation | lettre de candidature | candidature | postuler | candidater",
    "privacy": "confidentialité | vie privée | rgpd | protection des données | que stockez-vous"
               " | que gardez-vous | quelles données | mes données sont-elles",
    "data": "données | mes données | cv | mon cv | tout | moi | compte | mon compte | profil | informations"
            " | données personnelles | infos",
    "data_use": "faites de | faites-vous de | faites vous de | fais de | fais-tu de | faire de | utilisez | utilises"
                " | traitez | que faites-vous | que fais-tu | qu'est-ce que vous faites | devient | deviennent"
                " | stockez | stocker | stockées | gardez | conservez | conserver | partagez | vendez",
    "delete": "supprime | supprimer | supprimez | efface | effacer | effacez | oublie | oublier | oubliez | retire",
    "capabilities": "que peux-tu faire | que pouvez-vous faire | tu fais quoi | vous faites quoi | aide | à l'aide"
                    " | comment ça marche | comment ça fonctionne | qui es-tu | qu'est-ce que tu fais"
                    " | que sais-tu faire | commandes | fonctionnalités | qu'est-ce que tu sais faire"
                    " | tu sers à quoi",
    "profile": "profil | mon profil | mes compétences | que sais-tu de moi | montre mon profil",
    "status": "statut | état | où en es-tu | où en est | avancement | progression | c'est fini | tu as fini"
              " | ça avance",
    "prefs": "préférences | mes préférences | filtres | mes filtres | critères | mes critères | paramètres"
             " | réglages",
    "reset": "réinitialiser | réinitialise | remettre à zéro | remets à zéro | effacer | efface | supprimer"
             " | supprime | annuler | annule | recommencer | repartir de zéro",
    "show": "montre | montrer | affiche | afficher | voir | quels sont | quelles sont | liste",
    "not_for_me": "pas pour moi | ne me convient pas | me convient pas | ne m'intéresse pas | m'intéresse pas"
                  " | pas intéressé | pas intéressée | pas intéressant | non merci | ça ne me va pas"
                  " | ne me va pas | passe | pas mon truc"
                  " | n'aime pas | j'aime pas | aime pas | pas terrible",
    "reason": {"trop senior": "too_senior", "senior": "too_senior", "trop expérimenté": "too_senior",
               "niveau trop élevé": "too_senior", "trop élevé": "too_senior", "mauvais endroit": "wrong_place",
               "trop loin": "wrong_place", "mauvaise ville": "wrong_place", "mauvais lieu": "wrong_place",
               "lieu": "wrong_place", "localisation": "wrong_place", "agence": "agency", "intérim": "agency",
               "cabinet": "agency", "cabinet de recrutement": "agency", "recruteur": "agency",
               "pas mon domaine": "not_my_field", "mon domaine": "not_my_field", "hors de mon domaine": "not_my_field",
               "pas mon secteur": "not_my_field", "pas mon métier": "not_my_field", "autre domaine": "not_my_field"},
    "language_name": {"anglais": "en", "allemand": "de", "français": "fr", "espagnol": "es", "italien": "it",
                      "néerlandais": "nl", "portugais": "pt"},
    "language_switch": "parle | parlez | parler | réponds | répondez | écris | écrivez | en | passe | passez"
                       " | langue | s'il te plaît | s'il vous plaît | stp | svp | tu peux | peux-tu",
    "ordinal": {"premier": 1, "première": 1, "1er": 1, "1re": 1, "deuxième": 2, "second": 2, "seconde": 2,
                "troisième": 3, "quatrième": 4, "cinquième": 5, "sixième": 6, "septième": 7, "huitième": 8,
                "neuvième": 9, "dixième": 10},
    "cardinal": {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
                 "huit": 8, "neuf": 9, "dix": 10},
    "job_cue": "numéro | n° | no | offre | poste | résultat | pour | le | la | l' | du | de la | au | sur",
    "remote": "télétravail | en télétravail | à distance | full remote | remote | depuis chez moi | de chez moi"
              " | à domicile | 100% télétravail | travail à distance",
    "only": "seulement | uniquement | que | juste | exclusivement | rien que",
    "neg": "pas | pas de | pas d' | non | sans | sauf | excepté | exclure | exclus | aucun | aucune | jamais"
           " | rien de | rien chez | ni | plus de | pas chez | pas à | pas en | évite | évitez | masque"
           " | arrête de montrer | arrête de me montrer | ne montre plus | ne me montre plus | plus de",
    "company_prep": "chez | de | d' | offres de | postes chez",
    "agency": "agence | agences | intérim | interim | agences d'intérim | agence d'intérim | cabinet | cabinets"
              " | cabinets de recrutement | cabinet de recrutement | recruteurs | recruteur | boîtes d'intérim"
              " | sociétés d'intérim",
    "ok": "ça va | ça me va | c'est bon | ok | d'accord | aussi | accepté | acceptées | bienvenu | ça marche",
    "any": "n'importe quel | n'importe quelle | peu importe | n'importe | tout | quel que soit | n'importe où",
    "field": {"salaire": "min_salary", "rémunération": "min_salary", "paie": "min_salary", "lieu": "places",
              "ville": "places", "endroit": "places", "où": "places", "partout": "places", "n'importe où": "places",
              "niveau": "seniority", "entreprise": "excluded_companies", "entreprises": "excluded_companies",
              "sur site": "remote_only", "présentiel": "remote_only", "bureau": "remote_only",
              "type de contrat": "job_types", "contrat": "job_types"},
    "salary_min": "au moins | minimum | min | plus de | à partir de | au-dessus de | pas moins de | au minimum"
                  " | salaire | salaire de | salaire minimum | supérieur à | rien en dessous de | pas en dessous de"
                  " | payé"
                  " | entre",
    "month": "par mois | mensuel | / mois | mois",
    "seniority": {"junior": "junior", "débutant": "junior", "débutante": "junior", "jeune diplômé": "junior",
                  "confirmé": "mid", "confirmée": "mid", "intermédiaire": "mid", "senior": "senior",
                  "expérimenté": "senior", "lead": "lead", "principal": "lead"},
    "seniority_less": "moins senior | plus junior | niveau inférieur | moins d'expérience | moins expérimenté",
    "seniority_more": "plus senior | niveau supérieur | plus d'expérience | plus expérimenté",
    "job_type": {"temps partiel": "part_time", "à temps partiel": "part_time", "mi-temps": "part_time",
                 "mi temps": "part_time", "temps plein": "full_time", "plein temps": "full_time",
                 "à temps plein": "full_time", "freelance": "contract", "indépendant": "contract",
                 "mission": "contract", "stage": "internship", "stages": "internship", "alternance": "internship",
                 "cdd": "temporary", "temporaire": "temporary", "contrat court": "temporary"},
    "place_prep": "à | a | en | au | aux | dans | près de | autour de | vers | sur | dans la région de",
    "relaxed": "peu importe | m'est égal | ça m'est égal | c'est égal | égal | pas obligatoire | pas nécessaire"
               " | plus nécessaire | plus obligatoire | pas indispensable | facultatif | optionnel | ou pas"
               " | pas important | n'est pas nécessaire | n'est plus nécessaire | n'est pas obligatoire"
               " | je m'en fiche | on s'en fiche",
    "again": "encore | encore une fois | de nouveau | à nouveau",
    "reason_frame": "c'est | c' | est | ce n'est | trop | un | une | le | la | pour moi | vraiment | juste"
                    " | c'est une | c'est un",
    "past": "j'ai travaillé | j'étais | avant | auparavant | ancien | ancienne | marre de | j'en ai marre"
            " | fatigué de | fatiguée de | lassé de | lassée de | plus envie de | n'ai plus envie",
    # Recherches enregistrées et suivi des candidatures (bot.core.intents.follow).
    "alert_cue": "préviens-moi | préviens moi | previens-moi | prévenez-moi | alerte-moi | alerte moi | alerte"
                 " | une alerte | crée une alerte | notifie-moi | abonne-moi",
    "alert_tell": "dis-moi | dis moi | envoie-moi | envoie moi | tiens-moi au courant | informe-moi",
    "alert_about": "de | des | d' | du | sur | pour | quand il y a",
    "frequency": {"chaque matin": "daily", "tous les matins": "daily", "chaque jour": "daily",
                  "tous les jours": "daily", "quotidiennement": "daily", "une fois par jour": "daily",
                  "chaque semaine": "weekly", "toutes les semaines": "weekly", "hebdomadaire": "weekly",
                  "une fois par semaine": "weekly"},
    "alerts_list": "mes alertes | alertes | mes alertes emploi | mes recherches enregistrées",
    "tracker_board": "mes candidatures | candidatures | suivi des candidatures | mon suivi",
    "stage_said": {"postulé": "applied", "j'ai postulé": "applied", "candidature envoyée": "applied",
                   "entretien": "interview", "un entretien": "interview", "j'ai un entretien": "interview",
                   "reçu une offre": "offer", "j'ai reçu une offre": "offer", "une offre d'emploi": "offer",
                   "refusé": "rejected", "refusée": "rejected", "rejeté": "rejected", "rejetée": "rejected",
                   "un refus": "rejected", "retiré": "withdrawn", "retiré ma candidature": "withdrawn",
                   "j'ai retiré ma candidature": "withdrawn", "désisté": "withdrawn"},
    "tracker_filler": "j' | ai | au | à | pour | le | la | l' | du | de | chez | un | une | ma | candidature"
                      " | numéro | offre | poste | me | été | a | suis",
}
