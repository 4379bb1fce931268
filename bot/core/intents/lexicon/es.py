"""Spanish words and phrases per category (see ``lexicon.en`` for the format)."""

PHRASES = {
    "clause": "pero | porque | aunque | sin embargo | ya que | pues",
    "field_of_work": "marketing | ventas | finanzas | contabilidad | logística | informática | sanidad | hostelería"
                     " | construcción | educación | administración | recursos humanos | rrhh | compras | comercial"
                     " | atención al cliente | legal | consultoría | investigación | comunicación",
    "anywhere": "en cualquier sitio | en cualquier lugar | cualquier sitio | cualquier lugar | donde sea"
                " | da igual dónde",
    "salary_max": "hasta | como máximo | máximo | menos de | por debajo de | no más de",
    "forget": "olvídame | olvidadme | borra mi cuenta | elimina mi cuenta | darme de baja",
    "write": "escribe | escríbeme | redacta | redáctame | escribir | prepara | hazme",
    "question": "qué | que | cómo | dónde | cuál | cuáles | es | son | hay | está | me",
    "greeting": "hola | buenas | buenos días | buenas tardes | buenas noches | qué tal | saludos | hey | holi"
                " | muy buenas"
                " | adiós | adios | chao | hasta luego | hasta pronto | buenas noches",
    "thanks": "gracias | muchas gracias | mil gracias | muchísimas gracias | te lo agradezco | gracias mil"
              " | se agradece",
    "polite": "por favor | porfa | porfavor | ok | vale | genial | perfecto | bien | bueno | pues | y | también"
              " | ahora | entonces | sí | claro"
              " | otra vez | de nuevo | uf | bah | vaya",
    "filler": "puedes | podrías | puede | podría | me puedes | me podrías | quiero | quisiera | me gustaría"
              " | necesito | yo | me | mí | encuéntrame | búscame | muéstrame | dame | enséñame | hay | tienes"
              " | tienen | algún | alguna | algunos | algunas | un | una | unos | unas | el | la | los | las"
              " | nuevas | nuevos | tú | usted | mi | mis | qué tal | y para"
              " | soy | yo soy | mejor | preferiblemente | prefiero | algo | dar | me das | das",
    "search_cue": "busco | buscar | buscando | estoy buscando | búsqueda | encuentra | encontrar | trabajar de"
                  " | trabajar como | ando buscando"
                  " | trabajar | currar | quiero trabajar",
    "job_noun": "trabajo | trabajos | empleo | empleos | oferta | ofertas | puesto | puestos | vacante | vacantes"
                " | curro | ofertas de trabajo | ofertas de empleo | oportunidades | plaza | plazas | posiciones",
    "connector": "de | como | en | para | del | y | a",
    "more": "más | mas | muéstrame más | más ofertas | más resultados | otras | otros | siguiente | siguientes"
            " | la siguiente página | página siguiente | sigue | continúa | más por favor | dame más | ver más"
            " | más trabajos",
    "details": "detalles | detalle | más información | más info | información | info | más sobre | sobre"
               " | háblame de | cuéntame de | cuéntame más sobre | abre | descripción | qué es"
               " | salario | sueldo | requisitos | beneficios | enlace | empresa | cuánto | cuánto pagan | pagan"
               " | describir | describe | descríbeme | paga",
    "letter": "carta | carta de presentación | carta de motivación | postular | postularme | candidatura"
              " | solicitud | aplicar",
    "privacy": "privacidad | rgpd | protección de datos | qué guardáis | qué guardan | qué datos"
               " | mis datos están seguros | confidencial",
    "data": "datos | mis datos | cv | mi cv | currículum | mi currículum | todo | mí | cuenta | mi cuenta"
            " | perfil | información | datos personales",
    "data_use": "hacéis con | haceis con | hacen con | haces con | hace con | usáis | usan | utilizáis"
                " | utilizan | qué hacéis | qué hacen | qué haces | pasa con | guardáis | guardan | guardas"
                " | almacenáis | almacenan | compartís | comparten | vendéis | venden",
    "delete": "borra | borrar | borrad | elimina | eliminar | eliminad | olvida | olvidar | olvídame | suprime"
              " | suprimir | quita",
    "capabilities": "qué puedes hacer | qué haces | ayuda | cómo funciona | quién eres | qué eres | qué sabes hacer"
                    " | comandos | funciones | para qué sirves | cómo te uso",
    "profile": "perfil | mi perfil | mis habilidades | qué sabes de mí | ver mi perfil | muestra mi perfil",
    "status": "estado | progreso | cómo va | cómo vas | ya está | terminaste | has terminado | en qué punto"
              " | cómo va mi búsqueda",
    "prefs": "preferencias | mis preferencias | filtros | mis filtros | criterios | ajustes | configuración",
    "reset": "restablecer | restablece | reiniciar | reinicia | borrar | borra | eliminar | elimina | quitar"
             " | quita | resetear | empezar de cero | poner a cero",
    "show": "muestra | mostrar | ver | enséñame | cuáles son | lista",
    "not_for_me": "no es para mí | no es para mi | no me interesa | no me convence | no me va | paso"
                  " | no gracias | no me sirve | no encaja | no me gusta"
                  " | no me gusta nada | no me encaja",
    "reason": {"demasiado senior": "too_senior", "muy senior": "too_senior", "senior": "too_senior",
               "nivel demasiado alto": "too_senior", "demasiada experiencia": "too_senior",
               "lugar equivocado": "wrong_place", "muy lejos": "wrong_place", "demasiado lejos": "wrong_place",
               "lejos": "wrong_place", "ciudad equivocada": "wrong_place", "ubicación": "wrong_place",
               "agencia": "agency", "ett": "agency", "reclutador": "agency", "consultora": "agency",
               "no es mi campo": "not_my_field", "no es mi sector": "not_my_field", "no es mi área": "not_my_field",
               "otro sector": "not_my_field", "mi campo": "not_my_field", "mi sector": "not_my_field",
               "mi área": "not_my_field"},
    "language_name": {"inglés": "en", "alemán": "de", "francés": "fr", "español": "es", "castellano": "es",
                      "italiano": "it", "neerlandés": "nl", "holandés": "nl", "portugués": "pt"},
    "language_switch": "habla | hablar | háblame | hablas | responde | contesta | escribe | escríbeme | en"
                       " | cambia | cambia a | idioma | por favor | puedes",
    "ordinal": {"primero": 1, "primera": 1, "primer": 1, "segundo": 2, "segunda": 2, "tercero": 3, "tercera": 3,
                "tercer": 3, "cuarto": 4, "cuarta": 4, "quinto": 5, "quinta": 5, "sexto": 6, "sexta": 6,
                "séptimo": 7, "séptima": 7, "octavo": 8, "octava": 8, "noveno": 9, "novena": 9, "décimo": 10,
                "décima": 10},
    "cardinal": {"uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
                 "nueve": 9, "diez": 10},
    "job_cue": "número | nº | no | oferta | puesto | resultado | para | el | la | del | de la | sobre",
    "remote": "remoto | en remoto | teletrabajo | a distancia | desde casa | remota | 100% remoto | trabajo remoto",
    "only": "solo | sólo | solamente | únicamente | nada más que | exclusivamente",
    "neg": "no | sin | nada de | ninguna | ninguno | excepto | salvo | menos | excluye | excluir | ni | nunca"
           " | fuera de | no quiero | evita | quita"
           " | nada | nada en | ningún | ninguna en | ninguno en"
           " | deja de mostrar | deja de mostrarme | no me muestres | no muestres",
    "company_prep": "en | de | con | ofertas de | trabajos en",
    "agency": "agencia | agencias | ett | etts | empresas de trabajo temporal | agencias de empleo"
              " | agencias de colocación | consultoras | reclutadores | headhunters | agencias de reclutamiento",
    "ok": "está bien | vale | también | valen | me vale | sirve | me sirve | aceptable | bien",
    "any": "cualquier | cualquiera | da igual | me da igual | lo que sea | no importa | sea cual sea",
    "field": {"salario": "min_salary", "sueldo": "min_salary", "lugar": "places", "ciudad": "places",
              "ubicación": "places", "dónde": "places", "cualquier sitio": "places", "nivel": "seniority",
              "empresa": "excluded_companies", "empresas": "excluded_companies", "presencial": "remote_only",
              "oficina": "remote_only", "jornada": "job_types", "tipo de contrato": "job_types"},
    "salary_min": "al menos | mínimo | como mínimo | más de | desde | por encima de | no menos de | salario"
                  " | salario de | sueldo | sueldo de | salario mínimo | superior a | nada por debajo de | a partir de"
                  " | entre",
    "month": "al mes | por mes | mensual | mensuales | mes",
    "seniority": {"junior": "junior", "júnior": "junior", "principiante": "junior", "recién graduado": "junior",
                  "sin experiencia": "junior", "intermedio": "mid", "semi senior": "mid", "senior": "senior",
                  "sénior": "senior", "lead": "lead", "jefe de equipo": "lead"},
    "seniority_less": "menos senior | más junior | nivel más bajo | menos experiencia | menos exigente",
    "seniority_more": "más senior | nivel más alto | más experiencia | más exigente",
    "job_type": {"media jornada": "part_time", "tiempo parcial": "part_time", "jornada parcial": "part_time",
                 "jornada completa": "full_time", "tiempo completo": "full_time", "freelance": "contract",
                 "autónomo": "contract", "por proyecto": "contract", "prácticas": "internship",
                 "becario": "internship", "beca": "internship", "temporal": "temporary", "eventual": "temporary"},
    "place_prep": "en | cerca de | alrededor de | por | a",
    "relaxed": "da igual | me da igual | no importa | no me importa | no es necesario | no hace falta"
               " | ya no es necesario | opcional | no es obligatorio | o no | no es importante | lo que sea"
               " | igual",
    "again": "otra vez | de nuevo | nuevamente | una vez más",
    "reason_frame": "es | es una | es un | está | son | demasiado | muy | un | una | el | la | para mí | para mi"
                    " | simplemente | creo que",
    "past": "trabajé | he trabajado | estuve | era | antes | antiguamente | cansado de | cansada de | harto de"
            " | harta de",
    # Búsquedas guardadas y seguimiento de candidaturas (bot.core.intents.follow).
    "alert_cue": "avísame | avisame | notifícame | notificame | alértame | una alerta | alerta | crea una alerta"
                 " | suscríbeme",
    "alert_tell": "dime | envíame | enviame | mándame | mandame | mantenme informado | mantenme informada",
    "alert_about": "de | sobre | para | del | cuando haya",
    "frequency": {"cada mañana": "daily", "todas las mañanas": "daily", "cada día": "daily",
                  "todos los días": "daily", "diariamente": "daily", "a diario": "daily", "una vez al día": "daily",
                  "cada semana": "weekly", "todas las semanas": "weekly", "semanalmente": "weekly",
                  "una vez a la semana": "weekly"},
    "alerts_list": "mis alertas | alertas | mis alertas de empleo | mis búsquedas guardadas",
    "tracker_board": "mis candidaturas | candidaturas | mis postulaciones | postulaciones | mis solicitudes",
    "stage_said": {"me postulé": "applied", "postulé": "applied", "he postulado": "applied", "apliqué": "applied",
                   "he aplicado": "applied", "envié mi candidatura": "applied", "entrevista": "interview",
                   "una entrevista": "interview", "tengo una entrevista": "interview",
                   "me ofrecieron": "offer", "tengo una oferta": "offer", "recibí una oferta": "offer",
                   "me rechazaron": "rejected", "rechazado": "rejected", "rechazada": "rejected",
                   "me retiré": "withdrawn", "retiré mi candidatura": "withdrawn", "retirada": "withdrawn"},
    "tracker_filler": "he | me | al | a | para | el | la | del | de | una | un | tengo | mi | candidatura"
                      " | número | oferta | puesto | con | en",
}
