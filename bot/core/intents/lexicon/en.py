"""English words and phrases per category (lower case; accents and case are ignored when matching).

A string is a "|"-separated list of phrases; a dict maps each phrase to the value it stands for.
"""

PHRASES = {
    "clause": "but | because | although | though | since | however | so that",
    "field_of_work": "marketing | sales | finance | accounting | design | logistics | engineering | healthcare"
                     " | nursing | it | hr | customer service | retail | hospitality | education | teaching"
                     " | construction | data | software | legal | consulting | research | media | communications"
                     " | human resources | procurement | operations | administration | cybersecurity | devops",
    "anywhere": "anywhere | everywhere | any location | any place | wherever",
    "salary_max": "up to | max | maximum | at most | under | below | less than | no more than | not more than",
    "forget": "forget me | delete me | delete my account | close my account | unsubscribe",
    "write": "write | write me | draft | prepare",
    "question": "what | how | where | which | is | are | do | does | can | will | who | why | when | there"
                " | what's | whats | any | ?",
    "greeting": "hello | hi | hey | hiya | howdy | good morning | good afternoon | good evening | greetings | yo"
                " | hi there"
                " | hello there"
                " | good night | bye | goodbye | see you | see ya | cya",
    "thanks": "thanks | thank you | thx | ty | cheers | many thanks | thanks a lot | much appreciated | great thanks"
              " | thank you so much | thanks so much",
    "polite": "please | pls | plz | kindly | ok | okay | great | cool | perfect | nice | now | then | also | and | so"
              " | just | maybe | really | well | oh | ah | yes | sure | one | ones"
              " | ugh | meh | argh | again | hmm",
    "filler": "can you | could you | would you | will you | can i | could i | i want | i would like | i'd like | i'm"
              " | i am | i need | me | find me | get me | show me | give me | for me | help me | let me | i | you"
              " | do you have | are there | is there | there are | have you got | got any | any | some | a | an"
              " | the | please find | to | my | new | open | available | current | that | this | those | these"
              " | what about | how about"
              " | get | can i get | could i get | have | check | look at | have a look at"
              " | rather | preferably | i prefer | prefer | something | anything",
    "search_cue": "find | search | search for | look for | looking for | look | hunt | searching | searching for"
                  " | seeking | want | need | jobs for | job as | work as | working as",
    "job_noun": "jobs | job | work | positions | position | roles | role | vacancies | vacancy | openings | opening"
                "| offers | posts | post | opportunities | opportunity | gigs | listings",
    "connector": "as | of | for | in | at | with | a | an | the | and",
    "more": "more | show more | more please | more results | more jobs | next | next page | next ones | next results"
            " | others | other ones | show me more | load more | any more | keep going | continue | go on",
    "details": "details | detail | more about | tell me about | tell me more about | info | information | more info"
               " | describe | more on | about | more information | what is | what's | full description"
               " | salary | pay | requirements | benefits | link | company | how much | where is it"
               " | when was it posted | apply link"
               " | pays | does it pay",
    "letter": "letter | cover letter | application letter | motivation letter | apply | apply to | apply for"
              " | application | covering letter",
    "privacy": "privacy | gdpr | confidential | data protection | who sees | who can see | what do you store"
                " | what do you keep | what do you save | what data | is my data safe | safe",
    "data": "data | my data | cv | my cv | resume | my resume | information | info | details | everything | me | files"
            " | my account | account | my information | personal data",
    "data_use": "do with | use | using | what do you do | handle | process | processing | keep | kept | store"
                " | stored | storing | save | saved | share | sell | sold | happens to | happen to",
    "delete": "delete | erase | remove | wipe | forget | drop | purge | delete all | get rid of",
    "capabilities": "what can you do | what do you do | help | how does this work | how do you work | what are you"
                    " | who are you | what is this | how does it work | commands | how can you help"
                    " | what can i do | what can i ask | features | how to use",
    "profile": "profile | my profile | my skills | what do you know about me | show my profile | my cv profile",
    "status": "status | progress | my status | how is it going | how's it going | how is my search | still working"
              " | is it done | are you done | done yet | where are we",
    "prefs": "preferences | prefs | my preferences | filters | my filters | settings | my settings | criteria"
             " | refinements",
    "reset": "reset | clear | remove all | start over | reset all | undo all | forget | delete | drop | wipe",
    "show": "show | list | see | view | what are | display",
    "not_for_me": "not for me | not interested | no thanks | not my thing | skip | pass | not a fit | not a match"
                  " | doesn't fit | does not fit | not relevant | i'll pass | nope | doesn't suit me"
                  " | don't like | do not like | dislike | not keen on | not a good fit",
    "reason": {"too senior": "too_senior", "senior": "too_senior", "overqualified for me": "too_senior",
               "too experienced": "too_senior", "wrong place": "wrong_place", "wrong location": "wrong_place",
               "too far": "wrong_place", "wrong city": "wrong_place", "far away": "wrong_place",
               "location": "wrong_place", "agency": "agency", "recruiter": "agency", "recruitment agency": "agency",
               "agencies": "agency", "recruiters": "agency", "not my field": "not_my_field",
               "wrong field": "not_my_field", "not my area": "not_my_field", "different field": "not_my_field",
               "irrelevant": "not_my_field", "not relevant": "not_my_field", "wrong industry": "not_my_field"},
    "language_name": {"english": "en", "german": "de", "french": "fr", "spanish": "es", "italian": "it",
                      "dutch": "nl", "portuguese": "pt"},
    "language_switch": "speak | talk | switch | switch to | change to | answer | reply | write | use | language"
                       " | respond | can you speak | in | to | please | let's | lets | could you",
    "ordinal": {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                "eighth": 8, "ninth": 9, "tenth": 10, "last one": None},
    "cardinal": {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10},
    "job_cue": "number | no | nr | job | result | offer | item | option | posting | # | for | the | one"
               " | on | about",
    "remote": "remote | remotely | home office | work from home | from home | wfh | fully remote | remote work"
              " | teleworking | telework"
              " | 100% remote | remote-first | remote first",
    "only": "only | just | exclusively | solely",
    "neg": "not | no | without | exclude | excluding | except | nothing from | nothing at | avoid | skip | no more"
           " | don't want | do not want | not interested in | hide | remove | drop | never | none from | nothing in"
           " | no jobs"
           " | stop showing | stop showing me | don't show | don't show me | do not show | do not show me | no more of",
    "company_prep": "at | from | by | with | jobs at | jobs from | roles at | anything from | anything at",
    "agency": "agency | agencies | recruiter | recruiters | recruitment agency | recruitment agencies | staffing"
              " | staffing agencies | headhunters | headhunter | recruitment firms | temp agencies | recruitment",
    "ok": "fine | ok | okay | fine too | ok too | is fine | are fine | is ok | are ok | also fine | works | welcome"
          " | allowed | good too | too",
    "any": "any | whatever | doesn't matter | does not matter | don't care | no matter | anything | any kind of",
    "field": {"salary": "min_salary", "pay": "min_salary", "money": "min_salary", "place": "places",
              "location": "places", "where": "places", "anywhere": "places", "city": "places",
              "level": "seniority", "seniority": "seniority", "company": "excluded_companies",
              "companies": "excluded_companies", "remote": "remote_only", "on site": "remote_only",
              "onsite": "remote_only", "office": "remote_only", "job type": "job_types", "hours": "job_types",
              "contract type": "job_types"},
    "salary_min": "at least | minimum | min | over | above | more than | from | paying | pays | paying at least"
                  " | salary of at least | salary above | salary over | nothing under | nothing below | not under"
                  " | not below | not less than | no less than | starting at | upwards of | salary at least"
                  " | salary | no lower than"
                  " | between | from at least",
    "month": "a month | per month | monthly | / month | /month | pm | p.m.",
    "seniority": {"junior": "junior", "entry level": "junior", "entry-level": "junior", "graduate": "junior",
                  "mid level": "mid", "mid-level": "mid", "intermediate": "mid", "mid": "mid",
                  "senior": "senior", "lead": "lead", "principal": "lead", "staff": "lead"},
    "seniority_less": "less senior | more junior | lower level | less experienced | less experience | not so senior"
                      " | not as senior | easier roles",
    "seniority_more": "more senior | higher level | more experienced | more advanced | more experience",
    "job_type": {"part time": "part_time", "part-time": "part_time", "full time": "full_time",
                 "full-time": "full_time", "contract": "contract", "freelance": "contract",
                 "contractor": "contract", "internship": "internship", "internships": "internship",
                 "intern": "internship", "temporary": "temporary", "temp": "temporary", "fixed term": "temporary"},
    "place_prep": "in | near | around | close to | based in | in or near | at",
    # A condition that no longer matters: "remote or not, doesn't matter", "remote isn't required anymore".
    "relaxed": "doesn't matter | doesnt matter | does not matter | don't matter | dont matter | do not matter | don't care | dont care | do not care | no matter"
               " | or not | not required | isn't required | isnt required | is not required | no longer required"
               " | not needed | isn't needed | not necessary | isn't necessary | not a must | optional"
               " | not important | isn't important | whatever | either way",
    # Said with thanks, these repeat the thanks, not the list: "thanks again".
    "again": "again | once again | once more",
    # Words around a bare reason given as the answer to "what makes it not for you?": "it's an agency".
    "reason_frame": "it's | it is | its | that's | thats | that is | this is | this one is | is | too | just | a | an"
                    " | the | for me | way | far | kind of | kinda | probably | i think | simply | the job is",
    # A role the person had or is tired of is no role to search for: "i used to work in retail".
    "past": "used to | i used to | i was | i've been | ive been | i have been | i worked | worked | previously"
            " | formerly | tired of | sick of | fed up with | bored of | bored with"
            " | quit | left | done with | burnt out | burned out",
    "anymore": "anymore | any longer",
    # Saved searches and the application tracker (bot.core.intents.follow).
    "alert_cue": "alert me | notify me | set an alert | set up an alert | create an alert | job alert | an alert"
                 " | alert | subscribe me | subscribe",
    "alert_tell": "tell me | let me know | send me | keep me posted | remind me | message me",
    "alert_about": "about | on | for | of | when there are",
    "frequency": {"every morning": "daily", "each morning": "daily", "daily": "daily", "every day": "daily",
                  "each day": "daily", "once a day": "daily", "weekly": "weekly", "every week": "weekly",
                  "each week": "weekly", "once a week": "weekly"},
    "alerts_list": "my alerts | alerts | my job alerts | job alerts | my saved searches | saved searches"
                   " | my subscriptions",
    "tracker_board": "my applications | applications | tracker | my tracker | application tracker"
                     " | my application tracker | where do my applications stand | my board",
    "stage_said": {"i applied to": "applied", "i applied for": "applied", "i applied": "applied",
                   "applied to": "applied", "applied for": "applied", "applied": "applied",
                   "i sent my application to": "applied", "interview": "interview", "an interview": "interview",
                   "i have an interview": "interview", "i've got an interview": "interview",
                   "job interview": "interview", "got an offer": "offer", "i got an offer": "offer",
                   "received an offer": "offer", "i have an offer": "offer", "they offered me": "offer",
                   "got the job": "offer", "rejected": "rejected", "got rejected": "rejected",
                   "i was rejected": "rejected", "they rejected me": "rejected", "turned me down": "rejected",
                   "withdrew": "withdrawn", "i withdrew": "withdrawn", "withdrawn": "withdrawn",
                   "i pulled out of": "withdrawn", "pulled out of": "withdrawn"},
    "tracker_filler": "i | to | for | from | at | with | on | have | got | the | job | number | my | application"
                      " | applications | by | an | a | of | was | me",
}
