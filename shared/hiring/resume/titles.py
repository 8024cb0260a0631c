"""Job-title words: the head nouns that end a job title ("Senior Data *Analyst*", "Registered *Nurse*").

`DERIVED_HEADS` is compiled from the O*NET 29.2 alternate titles shipped in hiring.analysis (CC BY 4.0) by
`derive_title_heads`: the last word of every title, kept when it ends at least 3 titles, reads as a person noun
(agent suffixes such as -er, -or, -ist, -ian, -ant) and is not one of the words that O*NET uses for a machine
or a thing ("Printer", "Counter", "Center"), which company names use too. A test checks that the compiled list
still equals the derivation. `CURATED_HEADS` adds the person nouns without such a suffix (nurse, chef, intern).
"""

from __future__ import annotations

import re
from collections import Counter


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_AGENT_SUFFIX = re.compile(r"(?:er|or|ist|ian|ant|ent|man|eer|ee|ive|ary|ess|ic|ain|ard|wright|smith|ster|ier|eur)$")
_MIN_TITLES = 3
# Heads O*NET uses for machines or things (and "man", "mother"): too common in company names and prose.
_THING_WORDS = _words(
    """
    binder blender blocker boiler boxer buffer bumper catcher center chopper compressor computer conditioner
    connector converter cooler counter crater development drawer drier dryer employee equipment finder folder
    former generator header heater holder hooker jumper killer layer liner man management marker monitor mother
    opener over planer pointer poster printer racer register robber roller router rubber scanner sewer shaker
    spinner splitter stapler starter sticker stripper superior tamper tender thinner tier timer tuber tumbler
    visitor wiper
    """
)
CURATED_HEADS = _words(
    """
    admin advocate aide analyst apprentice architect artisan athlete attorney bailiff barista chef chief clerk coach
    concierge constable cook corporal counsel deckhand dean deputy doula expert fellow freelancer head host intern
    judge lead liaison magistrate maid marshal mason midwife nanny nurse official orderly paralegal paraprofessional
    partner pilot president priest principal registrar rep salesperson scout scribe sheriff sde swe surgeon tech
    trainee umpire valet vet vp warden ceo cto cfo coo cio cmo cso founder cofounder co-founder owner volunteer
    """
)
DERIVED_HEADS = _words(
    """
    abstractor accompanist accountant actor actuary acupuncturist adjudicator adjuster adjustor administrator
    adviser advisor aesthetician agent agronomist aircrewman aligner allergist ambassador anatomist anchor
    anesthesiologist anesthetist angiographer animator annealer announcer anthropologist applicator applier
    appraiser approver arbitrator arborist archaeologist archivist arranger artist assembler assessor assigner
    assistant assorter astronomer astrophysicist attacher attendant audiologist auditor author authorizer backer
    bacteriologist bagger bailer baker balancer baler baller bander banker barber bartender baster batcher
    bather bearer beater beautician bender beveler biller biochemist biologist biostatistician blacker blaster
    bleacher blower boarder boatman boatswain boilermaker bolter bonder bondsman boner booker bookkeeper borer
    bracer braider brakeman braker brander brazer breaker breaster breeder brewer bricklayer broadcaster broker
    brusher bucker buckler builder bulker buncher bundler burler burner burnisher burrer busser buster butcher
    buyer cabinetmaker cager calibrator caller cameraman canner canvasser capper captain carder cardiologist
    caregiver caretaker carman carpenter carrier cartographer cartoonist carver caser caseworker cashier caster
    cataloguer caulker cementer ceramist changer channeler chaplain charger chaser chauffeur checker chemist
    chipper choreographer clamper classer classifier cleaner climber clinician clipper closer clothier coater
    cobbler coder coiler collector colorer colorist comber commander commentator commissioner communicator
    compiler composer compositor compounder comptroller conciliator conductor conservationist conservator
    constructor consultant contractor controller cooker cooper coordinator copyist copywriter coremaker
    corrector correspondent counselor coupler courier coverer crabber cracker crafter craftsman creator creeler
    crewman crewmember crimper critic crusher culler cultivator curator curer custodian customizer cutter dancer
    dauber deadener dealer deburrer decorator deliverer demonstrator dentist dermatologist designer detailer
    detective developer diagnostician dietician dietitian digger dipper director dismantler dispatcher dispenser
    distiller distributor diver docent doctor doffer dogger dosimetrist doubler drafter draftsman drainer draper
    dredger dresser dressmaker driller driver dropper drummer dumper duplicator duster dyer dynamicist ecologist
    economist edger editor educator electrician embalmer enameler endocrinologist engineer engraver enlarger
    entertainer enumerator environmentalist epidemiologist equalizer eradicator erector ergonomist esthetician
    estimator etcher evaluator eviscerator examiner executive exhibitor expander expediter expeditor
    exterminator extractor extruder fabricator facer facilitator faller fancier farmer farmworker fastener
    feeder feller fighter filer filler filterer finisher firefighter fireman firer fisher fisherman fitter fixer
    flagger flagman flipper floater follower forecaster foreman forester forger formulator forwarder framer
    fryer fueler fundraiser galvanizer gardener gateman gatherer gauger generalist geneticist geographer
    geologist getter girdler glazer glazier gluer gouger grader grainer greaser greeter grinder groomer groover
    groundskeeper grower guard gunner hacker hackler hammerer handler handyman hanger hardener harvester hauler
    healer helper hemmer herder hewer hiker historian hospitalist hostler housekeeper huller hunter husbandman
    hydrologist hygienist icer identifier illustrator imager immunologist infantryman informaticist injector
    inker inserter inspector installer instructor insulator integrator interpreter interventionist interviewer
    investigator ironer ironworker irrigator jailer janitor jeweler jogger joiner jointer journalist journeyman
    keeper knitter knocker knotter labeler laborer lacer laminator lapper laster lather lawyer leader lecturer
    letterer leveler leverman librarian lieutenant lifeguard lifter lineman lineworker linguist linker lister
    lithographer loader loadmaster locater locator locksmith logger lubricator lugger machinist maintainer maker
    manager manufacturer mapper mariner marketer master matcher mathematician measurer mechanic mechanist
    mediator medic melter member mender merchandiser merchant messenger metallurgist metalsmith meteorologist
    methodologist microbiologist microscopist miller millwright miner minister missionary mixer modeler molder
    mortician motorman mounter mover mucker musician nailer naturalist navigator negotiator neurologist
    neuropsychologist neutralizer nozzleman nutritionist observer offbearer officer oiler oncologist operator
    ophthalmologist optician organizer originator orthodontist orthoptist orthotist outfitter overhauler owner
    packager packer padder painter pairer paleontologist panner parachutist paraeducator paramedic
    parasitologist parker partner passer paster pasteurizer pastor patcher pathologist patroller patrolman
    patternmaker paver peddler pediatrician peeler performer pharmacist pharmacologist phlebotomist photographer
    physiatrist physician physicist physiologist pianist picker pickler piecer piler pinner pipefitter pitcher
    pitman pitter placer planner planter plasterer platemaker plater player pleater plugger plumber polisher
    porter potter pouncer pourer practitioner preparator preparer prepper preservationist president presser
    pressman pricer prizer processor proctor producer professor profiler programmer projectionist promoter
    proofer proofreader prospector prosthetist prosthodontist protector prover provider pruner psychiatrist
    psychologist psychometrist publisher puddler puller pumper puncher purchaser purifier purser pusher racker
    radiographer radiologist raiser raker rampman ranger rater reader reamer rebuilder recapper receiver
    receptionist reclaimer reconditioner recorder recordist recruiter rectifier reeler referee refiner
    refinisher refueler regulator reliner remover renderer renovator repairer repairman replacer reporter
    representative reprocessor reproducer researcher reservationist resident responder restorer retailer
    retoucher reverser reviewer rewinder rider rigger ringer riveter roaster roboticist rodman roofer rougher
    rounder routeman ruler runner sacker salesman salter salvager sampler sandblaster sander sanitarian
    sanitizer sawyer scaler scheduler scientist scorer scourer scraper screener scrubber sculptor sealer seaman
    seamer searcher seater secretary seiner selector seller separator sergeant server serviceman servicer setter
    sexer shader shaper sharpener shaver shearer sheller shifter shipper shooter shopper shoveler shover
    shredder shrinker shucker sifter signaler silverer singer sitter sizer skater skidder skimmer skinner skiver
    slagman slaughterer slicer slinger slitter smelter smoker smoother snapper soaker sociologist solderer
    solicitor sonographer sorter sourer specialist spectroscopist speculator splicer sponger spooler spotter
    sprayer spreader stacker stainer staker stamper starcher statistician stayer steamer stemmer stenciler
    stenographer sterilizer steward stiffener stitcher stocker stoker stonecutter straightener strainer strander
    strategist stretcher stringer striper stuffer stylist subassembler subcontractor superintendent supervisor
    surfacer surveyor swamper sweeper swimmer switcher switchman tacker tagger tailer tailor taker tallier
    tankerman tanner taper tapper taster taxonomist teacher teamster technician technologist telecommunicator
    telegrapher telemarketer teller temperer tester therapist threader thresher thrower tinter tipper toggler
    tooler topper tosser toxicologist tracer tracker trader trainer transcriber transcriptionist transferrer
    translator transplanter transporter trapper treasurer treater trimmer tripper troubleshooter trucker truer
    tufter tuner turner tutor twister typist underwriter unloader upholsterer urologist usher vaccinator
    varnisher vendor verifier veterinarian videographer waiter walker washer watcher watchman waxer weaver
    wedger weigher welder welter wetter wheeler whitener wicker winder wireman wirer worker wrangler wrapper
    wrecker wrestler wringer writer
    """
)
TITLE_HEADS = DERIVED_HEADS | CURATED_HEADS


def derive_title_heads() -> frozenset[str]:
    """The head nouns of O*NET alternate titles, filtered as the module docstring says."""
    from hiring.analysis.occupations import occupation_index

    counts = Counter(title.split()[-1] for title in occupation_index().titles if title)
    return frozenset(
        word
        for word, count in counts.items()
        if count >= _MIN_TITLES
        and len(word) >= 3
        and word.isalpha()
        and _AGENT_SUFFIX.search(word)
        and not word.endswith("s")
        and word not in _THING_WORDS
    )
